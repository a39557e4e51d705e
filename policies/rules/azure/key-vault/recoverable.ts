import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isFalse, isTrue, isUnknown } from "../../../lib/values";
import { KEY_VAULT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-recoverable",
    description: "Key Vaults keep deleted keys and secrets recoverable and cannot be purged before the retention ends, so losing the database's or storage's key is never final (Checkov CKV_AZURE_42, CKV_AZURE_110, CIS Azure 3.3.5).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [KEY_VAULT],
    requires: "`properties.enableSoftDelete` not `false`, `properties.enablePurgeProtection: true`, `softDeleteRetentionInDays` >= 7 when set",
    validateResource: validateTypes([KEY_VAULT], (props, _args, report) => {
        if (isFalse(at(props, "properties.enableSoftDelete"))) {
            report("properties.enableSoftDelete is false: a deleted key or secret is gone at once.");
        }
        const purge = at(props, "properties.enablePurgeProtection");
        if (!isUnknown(purge) && !isTrue(purge)) {
            report("properties.enablePurgeProtection is not true: a deleted vault can be purged, and every customer-managed key with it.");
        }
        const days = asNumber(at(props, "properties.softDeleteRetentionInDays"));
        if (days !== undefined && days < 7) {
            report(`properties.softDeleteRetentionInDays is ${days}; Azure's minimum is 7.`);
        }
    }),
};
