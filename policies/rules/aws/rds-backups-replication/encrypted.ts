import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { RDS_BACKUPS_REPLICATION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-backups-replication-encrypted",
    description: "Automated backups replicated to another region are encrypted there with a customer-managed key of that region (Checkov CKV_AWS_16 for the copy; RDS refuses an encrypted source without one).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [RDS_BACKUPS_REPLICATION],
    requires: "a `kmsKeyId` (a key of the destination region)",
    validateResource: validateTypes([RDS_BACKUPS_REPLICATION], (props, _args, report) => {
        const key = read(() => props.kmsKeyId);
        if (!isUnknown(key) && !isSet(key)) {
            report("kmsKeyId is not set: the replicated backups of an encrypted database need a customer-managed key in the DR region.");
        }
    }),
};
