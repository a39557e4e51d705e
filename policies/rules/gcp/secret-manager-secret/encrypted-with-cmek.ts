import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown, read } from "../../../lib/values";
import { SECRET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-secret-manager-secret-encrypted-with-cmek",
    description: "Secret Manager secrets are encrypted with a customer-managed Cloud KMS key in every replica (the GCP counterpart of CKV_AWS_149; CIS Controls v8 3.11).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [SECRET],
    requires: "`replication.userManaged.replicas[].customerManagedEncryption.kmsKeyName` on every replica, or `replication.auto.customerManagedEncryption.kmsKeyName`",
    validateResource: validateTypes([SECRET], (props, _args, report) => {
        const replication = read(() => props.replication);
        if (isUnknown(replication)) {
            return;
        }
        const auto = at(replication, "auto");
        if (auto !== undefined && auto !== null) {
            if (!isSet(at(auto, "customerManagedEncryption.kmsKeyName"))) {
                report("replication.auto has no customerManagedEncryption.kmsKeyName: the secret is encrypted with a Google-managed key.");
            }
            return;
        }
        const replicas = asArray(at(replication, "userManaged.replicas"));
        if (replicas.length === 0) {
            report("replication names no replica with a customer-managed key: the secret is encrypted with a Google-managed key.");
        }
        replicas.forEach((entry, index) => {
            const replica = asRecord(entry) ?? {};
            if (!isSet(at(replica, "customerManagedEncryption.kmsKeyName"))) {
                report(`replication.userManaged.replicas[${index}] (${String(replica.location)}) has no customerManagedEncryption.kmsKeyName.`);
            }
        });
    }),
};
