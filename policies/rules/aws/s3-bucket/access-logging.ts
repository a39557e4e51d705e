import { PlatformStackPolicy } from "../../../lib/types";
import { at, isSet } from "../../../lib/values";
import { BUCKETS, BUCKET_LOGGING } from "../types";
import { bucketsOf, companionsOf, logTargets } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-access-logging",
    description: "S3 buckets that hold data log every access to a separate log bucket (Checkov CKV_AWS_18).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [...BUCKETS, ...BUCKET_LOGGING],
    requires: "a BucketLogging whose `bucket` is the bucket (log target buckets themselves exempt)",
    validateStack: (args, report) => {
        const logBuckets = logTargets(args.resources);
        for (const bucket of bucketsOf(args.resources)) {
            if (logBuckets.has(bucket.urn)) {
                continue;
            }
            const logged = companionsOf(args.resources, bucket, BUCKET_LOGGING).length > 0 || isSet(at(bucket.props, "logging.targetBucket"));
            if (!logged) {
                report(`bucket "${bucket.name}" has no access logging: reads and deletes of its objects leave no trace.`, bucket.urn);
            }
        }
    },
};
