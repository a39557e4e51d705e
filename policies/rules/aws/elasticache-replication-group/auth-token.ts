import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { REPLICATION_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-auth-token",
    description: "ElastiCache replication groups require Redis AUTH with a token (Checkov CKV_AWS_31).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [REPLICATION_GROUP],
    requires: "`authToken` set (generated, kept in Secrets Manager) or `userGroupIds` (RBAC)",
    validateResource: validateTypes([REPLICATION_GROUP], (props, _args, report) => {
        if (!isSet(read(() => props.authToken)) && !isSet(read(() => props.userGroupIds))) {
            report("neither authToken nor userGroupIds is set: anything that reaches the port can read and write the cache.");
        }
    }),
};
