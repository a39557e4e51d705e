import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown, read } from "../../../lib/values";
import { BUCKET_REPLICATION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-s3-bucket-replication-encrypted-destination",
    description: "Replication copies SSE-KMS objects and re-encrypts them with a customer-managed key of the destination region; without it S3 skips KMS-encrypted objects (Checkov CKV_AWS_145 for the copy).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [BUCKET_REPLICATION],
    requires: 'every enabled rule with `sourceSelectionCriteria.sseKmsEncryptedObjects.status: "Enabled"` and `destination.encryptionConfiguration.replicaKmsKeyId`',
    validateResource: validateTypes([BUCKET_REPLICATION], (props, _args, report) => {
        const rules = read(() => props.rules);
        if (isUnknown(rules)) {
            return;
        }
        asArray(rules)
            .map((rule) => asRecord(rule) ?? {})
            .filter((rule) => rule.status === "Enabled")
            .forEach((rule, index) => {
                const name = rule.id ? `rule "${String(rule.id)}"` : `rule ${index}`;
                if (at(rule, "sourceSelectionCriteria.sseKmsEncryptedObjects.status") !== "Enabled") {
                    report(`${name} does not replicate SSE-KMS objects: the platform's KMS-encrypted files never reach the replica.`);
                }
                if (!isSet(at(rule, "destination.encryptionConfiguration.replicaKmsKeyId"))) {
                    report(`${name} has no replicaKmsKeyId: replicas are not encrypted with a customer-managed key of the destination region.`);
                }
            });
    }),
};
