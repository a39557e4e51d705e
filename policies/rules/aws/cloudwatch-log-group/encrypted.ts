import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { LOG_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-cloudwatch-log-group-encrypted",
    description: "Log groups are encrypted with a customer-managed KMS key, since logs carry user data (Checkov CKV_AWS_158).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [LOG_GROUP],
    requires: "`kmsKeyId`",
    validateResource: validateTypes([LOG_GROUP], (props, _args, report) => {
        if (!isSet(read(() => props.kmsKeyId))) {
            report("kmsKeyId is not set: the logs are encrypted with a key the platform does not control.");
        }
    }),
};
