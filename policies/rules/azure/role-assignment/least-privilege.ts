import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { ROLE_ASSIGNMENT } from "../types";

/** Built-in roles that grant control of everything in their scope (Azure built-in role ids). */
const PRIVILEGED: Record<string, string> = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42dd-ab88-20427eea1f5c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
};

/** A scope that is a whole subscription or management group (or the tenant root), not a resource. */
function isBroad(scope: string): boolean {
    const trimmed = scope.replace(/\/+$/, "");
    return trimmed === "" || /^\/subscriptions\/[^/]+$/i.test(trimmed) || /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(trimmed);
}

export const policy: PlatformResourcePolicy = {
    name: "azure-role-assignment-least-privilege",
    description: "Role assignments never grant Owner, Contributor or access-administration roles, and never at subscription or management-group scope: each identity gets data roles on the resources it uses (Checkov CKV_AZURE_39 forbids owner-like custom roles; this forbids assigning the built-in ones).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [ROLE_ASSIGNMENT],
    requires: "`roleDefinitionId` not Owner, Contributor, User Access Administrator or RBAC Administrator; `scope` a resource group or narrower",
    validateResource: validateTypes([ROLE_ASSIGNMENT], (props, _args, report) => {
        const role = read(() => props.roleDefinitionId);
        if (typeof role === "string") {
            const id = role.split("/").pop()!.toLowerCase();
            if (PRIVILEGED[id]) {
                report(`the assignment grants ${PRIVILEGED[id]}: the identity could change or delete anything in its scope (and grant itself more).`);
            }
        }
        const scope = read(() => props.scope);
        if (!isUnknown(scope) && typeof scope === "string" && isBroad(scope)) {
            report(`scope is ${JSON.stringify(scope)}: a whole subscription or management group; scope the role to the resource the identity uses.`);
        }
    }),
};
