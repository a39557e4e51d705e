import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { ROLE_TYPES } from "../shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-role-no-wildcards",
    description:
        "Roles and ClusterRoles name the verbs, resources and API groups they grant; a wildcard also grants whatever the API adds later (Checkov CKV_K8S_49, CIS Kubernetes 5.1.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: ROLE_TYPES,
    requires: "no `*` in any rule's `verbs`, `resources` or `apiGroups`",
    validateResource: validateTypes(ROLE_TYPES, (props, _args, report) => {
        asArray(read(() => at(props, "rules"))).forEach((entry, index) => {
            const rule = asRecord(entry) ?? {};
            for (const field of ["verbs", "resources", "apiGroups"]) {
                if (asArray(read(() => rule[field])).includes("*")) {
                    report(`rules[${index}].${field} contains "*".`);
                }
            }
        });
    }),
};
