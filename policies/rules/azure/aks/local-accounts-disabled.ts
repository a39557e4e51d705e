import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-local-accounts-disabled",
    description: "AKS clusters hand out no static admin credentials: every caller signs in with Entra ID (Checkov CKV_AZURE_141).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: "`disableLocalAccounts: true`",
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const disabled = at(props, "disableLocalAccounts");
        if (!isUnknown(disabled) && !isTrue(disabled)) {
            report("disableLocalAccounts is not true: the cluster-admin kubeconfig is a long-lived credential outside Entra ID and its audit.");
        }
    }),
};
