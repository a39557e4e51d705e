import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-encrypted-at-rest",
    description: "OpenSearch domains encrypt data at rest with a customer-managed KMS key (Checkov CKV_AWS_5, CKV_AWS_247).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`encryptAtRest.enabled: true` and `encryptAtRest.kmsKeyId`",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        if (!isTrue(at(props, "encryptAtRest.enabled"))) {
            report("encryptAtRest.enabled is not true: indices, logs and snapshots are stored unencrypted.");
        } else if (!isSet(at(props, "encryptAtRest.kmsKeyId"))) {
            report("encryptAtRest.kmsKeyId is not set: data at rest uses the AWS managed key instead of the platform's customer-managed key.");
        }
    }),
};
