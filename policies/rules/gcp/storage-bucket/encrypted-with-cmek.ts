import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { BUCKET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-bucket-encrypted-with-cmek",
    description: "Cloud Storage buckets encrypt new objects with a customer-managed Cloud KMS key by default (the GCP counterpart of CKV_AWS_145; CIS Controls v8 3.11).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [BUCKET],
    requires: "`encryption.defaultKmsKeyName`",
    validateResource: validateTypes([BUCKET], (props, _args, report) => {
        const key = at(props, "encryption.defaultKmsKeyName");
        if (!isUnknown(key) && !isSet(key)) {
            report("encryption.defaultKmsKeyName is not set: objects are encrypted with a Google-managed key the platform cannot revoke or audit.");
        }
    }),
};
