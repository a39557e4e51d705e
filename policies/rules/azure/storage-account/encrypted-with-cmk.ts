import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { STORAGE_ACCOUNT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-encrypted-with-cmk",
    description: "Storage accounts encrypt data with a customer-managed Key Vault key, on top of infrastructure encryption (Checkov CKV2_AZURE_1, CIS Azure 4.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: '`encryption.keySource: "Microsoft.Keyvault"` with `encryption.keyVaultProperties.keyName`, and `encryption.requireInfrastructureEncryption: true`',
    validateResource: validateTypes([STORAGE_ACCOUNT], (props, _args, report) => {
        const source = at(props, "encryption.keySource");
        if (!isUnknown(source)) {
            if (source !== "Microsoft.Keyvault") {
                report(`encryption.keySource is ${source === undefined ? "not set" : JSON.stringify(source)}: data is encrypted with a Microsoft-managed key the platform cannot rotate or revoke.`);
            } else if (!isSet(at(props, "encryption.keyVaultProperties.keyName"))) {
                report("encryption.keyVaultProperties.keyName is not set: Microsoft.Keyvault encryption without a key.");
            }
        }
        const infrastructure = at(props, "encryption.requireInfrastructureEncryption");
        if (!isUnknown(infrastructure) && !isTrue(infrastructure)) {
            report("encryption.requireInfrastructureEncryption is not true: data is encrypted once, not at both the service and infrastructure layers.");
        }
    }),
};
