import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isTrue, read } from "../../../lib/values";
import { REPLICATION_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-encrypted-at-rest",
    description: "ElastiCache replication groups encrypt data at rest with a customer-managed KMS key (Checkov CKV_AWS_29, CKV_AWS_191).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [REPLICATION_GROUP],
    requires: "`atRestEncryptionEnabled: true` and `kmsKeyId`",
    validateResource: validateTypes([REPLICATION_GROUP], (props, _args, report) => {
        if (!isTrue(props.atRestEncryptionEnabled)) {
            report("atRestEncryptionEnabled is not true: cached sessions and snapshots are stored unencrypted.");
        } else if (!isSet(read(() => props.kmsKeyId))) {
            report("kmsKeyId is not set: data at rest uses the AWS managed key instead of the platform's customer-managed key.");
        }
    }),
};
