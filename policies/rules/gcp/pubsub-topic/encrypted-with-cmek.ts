import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { PUBSUB_TOPIC } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-pubsub-topic-encrypted-with-cmek",
    description: "Pub/Sub topics encrypt queued task messages with a customer-managed Cloud KMS key (Checkov CKV_GCP_83).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [PUBSUB_TOPIC],
    requires: "`kmsKeyName`",
    validateResource: validateTypes([PUBSUB_TOPIC], (props, _args, report) => {
        const key = read(() => props.kmsKeyName);
        if (!isUnknown(key) && !isSet(key)) {
            report("kmsKeyName is not set: task messages are encrypted with a Google-managed key.");
        }
    }),
};
