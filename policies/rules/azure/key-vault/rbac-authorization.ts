import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isTrue, isUnknown } from "../../../lib/values";
import { KEY_VAULT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-rbac-authorization",
    description: "Key Vaults authorize data access with Azure RBAC role assignments, scoped per secret, instead of vault-wide access policies (CIS Azure 3.3.6).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [KEY_VAULT],
    requires: "`properties.enableRbacAuthorization: true` and no `properties.accessPolicies`",
    validateResource: validateTypes([KEY_VAULT], (props, _args, report) => {
        const rbac = at(props, "properties.enableRbacAuthorization");
        if (!isUnknown(rbac) && !isTrue(rbac)) {
            report("properties.enableRbacAuthorization is not true: access policies grant an identity every secret of the vault at once.");
        }
        if (asArray(at(props, "properties.accessPolicies")).length > 0) {
            report("properties.accessPolicies is set: grant access with role assignments scoped to each secret instead.");
        }
    }),
};
