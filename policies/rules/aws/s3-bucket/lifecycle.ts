import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, read } from "../../../lib/values";
import { BUCKETS, BUCKET_LIFECYCLE } from "../types";
import { bucketsOf, companionsOf } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-lifecycle",
    description: "Every S3 bucket has an enabled lifecycle rule that aborts incomplete multipart uploads (Checkov CKV2_AWS_61, CKV_AWS_300).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [...BUCKETS, ...BUCKET_LIFECYCLE],
    requires: "a BucketLifecycleConfiguration with an `Enabled` rule setting `abortIncompleteMultipartUpload`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const rules = companionsOf(args.resources, bucket, BUCKET_LIFECYCLE)
                .flatMap((lifecycle) => asArray(read(() => lifecycle.props.rules)))
                .map((rule) => asRecord(rule) ?? {})
                .filter((rule) => rule.status === "Enabled");
            if (rules.length === 0) {
                report(`bucket "${bucket.name}" has no enabled lifecycle rule: old versions and abandoned uploads accumulate forever.`, bucket.urn);
            } else if (!rules.some((rule) => isSet(rule.abortIncompleteMultipartUpload))) {
                report(`bucket "${bucket.name}": no lifecycle rule aborts incomplete multipart uploads, which are billed but invisible.`, bucket.urn);
            }
        }
    },
};
