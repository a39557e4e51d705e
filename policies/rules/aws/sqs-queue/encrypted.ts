import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isTrue, read } from "../../../lib/values";
import { SQS_QUEUE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-sqs-queue-encrypted",
    description: "SQS queues encrypt messages at rest with SSE-SQS or a KMS key (Checkov CKV_AWS_27).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [SQS_QUEUE],
    requires: "`sqsManagedSseEnabled: true` or `kmsMasterKeyId`",
    validateResource: validateTypes([SQS_QUEUE], (props, _args, report) => {
        if (!isTrue(read(() => props.sqsManagedSseEnabled)) && !isSet(read(() => props.kmsMasterKeyId))) {
            report("neither sqsManagedSseEnabled nor kmsMasterKeyId is set: queued task payloads are stored unencrypted.");
        }
    }),
};
