import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-etcd-kms",
    description: "AKS clusters encrypt Kubernetes Secrets in etcd with a Key Vault key through KMS (CIS Kubernetes 1.2.27).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [MANAGED_CLUSTER],
    requires: "`securityProfile.azureKeyVaultKms.enabled: true` with a `keyId`",
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const enabled = at(props, "securityProfile.azureKeyVaultKms.enabled");
        const key = at(props, "securityProfile.azureKeyVaultKms.keyId");
        if (isUnknown(enabled) || isUnknown(key)) {
            return;
        }
        if (!isTrue(enabled) || !isSet(key)) {
            report("securityProfile.azureKeyVaultKms is not enabled with a key: the contract Secrets (database and cache credentials) sit in etcd under the platform-managed key only.");
        }
    }),
};
