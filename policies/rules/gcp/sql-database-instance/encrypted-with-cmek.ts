import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-encrypted-with-cmek",
    description: "Cloud SQL instances, read replicas included, encrypt their disks and backups with a customer-managed Cloud KMS key (the GCP counterpart of CKV_AWS_16; CIS Controls v8 3.11).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [SQL_INSTANCE],
    requires: "`encryptionKeyName` (a replica needs a key in its own region)",
    validateResource: validateTypes([SQL_INSTANCE], (props, _args, report) => {
        const key = read(() => props.encryptionKeyName);
        if (!isUnknown(key) && !isSet(key)) {
            report("encryptionKeyName is not set: the database and its backups are encrypted with a Google-managed key the platform cannot revoke or audit.");
        }
    }),
};
