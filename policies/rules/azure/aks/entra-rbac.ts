import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isFalse, isTrue, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-entra-rbac",
    description: "AKS clusters authenticate with Entra ID and authorize with Kubernetes RBAC through Azure RBAC (Checkov CKV_AZURE_5).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: "`enableRBAC` not false, `aadProfile.managed: true` and `aadProfile.enableAzureRBAC: true`",
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        if (isFalse(at(props, "enableRBAC"))) {
            report("enableRBAC is false: every authenticated caller may do anything in the cluster.");
        }
        const managed = at(props, "aadProfile.managed");
        const azureRbac = at(props, "aadProfile.enableAzureRBAC");
        if (isUnknown(managed) || isUnknown(azureRbac)) {
            return;
        }
        if (!isTrue(managed) || !isTrue(azureRbac)) {
            report("aadProfile does not enable managed Entra ID with Azure RBAC: cluster access would not follow the subscription's role assignments.");
        }
    }),
};
