import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown } from "../../../lib/values";
import { SERVICE_BUS_NAMESPACE } from "../types";

/** Below production the namespace is Standard (Entra ID only, TLS 1.2), which has neither. */
const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-service-bus-namespace-encrypted-with-cmk",
    description: "Service Bus namespaces encrypt queued messages with a customer-managed Key Vault key, which needs the Premium tier: in the tiers that protect data (Checkov CKV_AZURE_201).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [SERVICE_BUS_NAMESPACE],
    tiers,
    requires: '`encryption.keySource: "Microsoft.KeyVault"` with at least one `encryption.keyVaultProperties` key',
    validateResource: validateTypes([SERVICE_BUS_NAMESPACE], (props, _args, report) => {
        const source = at(props, "encryption.keySource");
        const keys = at(props, "encryption.keyVaultProperties");
        if (isUnknown(source) || isUnknown(keys)) {
            return;
        }
        if (source !== "Microsoft.KeyVault" || asArray(keys).length === 0) {
            report("encryption does not name a Key Vault key: messages are encrypted with a Microsoft-managed key the platform cannot rotate or revoke.");
        }
    }, { tiers }),
};
