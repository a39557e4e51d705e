import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { REPLICATION_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-encrypted-in-transit",
    description: "ElastiCache replication groups accept TLS connections only (Checkov CKV_AWS_30).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [REPLICATION_GROUP],
    requires: "`transitEncryptionEnabled: true`",
    validateResource: validateTypes([REPLICATION_GROUP], (props, _args, report) => {
        if (!isTrue(props.transitEncryptionEnabled)) {
            report("transitEncryptionEnabled is not true: sessions and the AUTH token cross the network in clear text.");
        }
    }),
};
