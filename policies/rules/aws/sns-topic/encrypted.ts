import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { SNS_TOPIC } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-sns-topic-encrypted",
    description: "SNS topics encrypt messages at rest with a KMS key (Checkov CKV_AWS_26).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [SNS_TOPIC],
    requires: "`kmsMasterKeyId`",
    validateResource: validateTypes([SNS_TOPIC], (props, _args, report) => {
        if (!isSet(read(() => props.kmsMasterKeyId))) {
            report("kmsMasterKeyId is not set: alert messages are stored unencrypted.");
        }
    }),
};
