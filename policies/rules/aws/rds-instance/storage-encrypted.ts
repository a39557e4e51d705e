import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isTrue, isUnknown, read } from "../../../lib/values";
import { isReadReplica, RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-storage-encrypted",
    description: "RDS instances encrypt their storage at rest with a customer-managed KMS key (Checkov CKV_AWS_16, CIS AWS 2.3.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [RDS_INSTANCE],
    requires: "`storageEncrypted: true` and a `kmsKeyId` (read replicas inherit the source's encryption)",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        const encrypted = read(() => props.storageEncrypted);
        if (!isTrue(encrypted) && !isUnknown(encrypted) && !isReadReplica(props)) {
            report("storageEncrypted is not true: the database, its backups and snapshots would be stored unencrypted.");
            return;
        }
        if (isTrue(encrypted) && !isSet(read(() => props.kmsKeyId))) {
            report("kmsKeyId is not set: storage would use the AWS managed key instead of the platform's customer-managed key.");
        }
    }),
};
