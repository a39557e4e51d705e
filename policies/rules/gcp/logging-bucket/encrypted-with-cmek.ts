import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { LOG_BUCKET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-logging-bucket-encrypted-with-cmek",
    description: "Log buckets are encrypted with a customer-managed Cloud KMS key, since logs carry user data (the GCP counterpart of CKV_AWS_158; CIS Controls v8 3.11).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [LOG_BUCKET],
    requires: "`cmekSettings.kmsKeyName`",
    validateResource: validateTypes([LOG_BUCKET], (props, _args, report) => {
        const key = at(props, "cmekSettings.kmsKeyName");
        if (!isUnknown(key) && !isSet(key)) {
            report("cmekSettings.kmsKeyName is not set: the logs are encrypted with a key the platform does not control.");
        }
    }),
};
