import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { isReplica, POSTGRES_SERVER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-encrypted-with-cmk",
    description: "PostgreSQL flexible servers encrypt data and backups with a customer-managed Key Vault key, the geo-redundant backup copy included (Checkov CKV2_AZURE_17, written for single servers; the same requirement).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [POSTGRES_SERVER],
    requires: '`dataEncryption.type: "AzureKeyVault"` with `primaryKeyURI` and `primaryUserAssignedIdentityId`; `geoBackupKeyURI` too when geo-redundant backup is on',
    validateResource: validateTypes([POSTGRES_SERVER], (props, _args, report) => {
        if (isReplica(props)) {
            return;
        }
        const type = at(props, "dataEncryption.type");
        if (isUnknown(type)) {
            return;
        }
        if (type !== "AzureKeyVault") {
            report(`dataEncryption.type is ${type === undefined ? "not set (SystemManaged)" : JSON.stringify(type)}: data is encrypted with a Microsoft-managed key the platform cannot rotate or revoke.`);
            return;
        }
        for (const field of ["primaryKeyURI", "primaryUserAssignedIdentityId"]) {
            if (!isSet(at(props, `dataEncryption.${field}`))) {
                report(`dataEncryption.${field} is not set: AzureKeyVault encryption needs a key and the identity that reads it.`);
            }
        }
        if (at(props, "backup.geoRedundantBackup") === "Enabled" && !isSet(at(props, "dataEncryption.geoBackupKeyURI"))) {
            report("dataEncryption.geoBackupKeyURI is not set while geo-redundant backup is on: Azure refuses CMK without a key in the paired region.");
        }
    }),
};
