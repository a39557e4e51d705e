import { PlatformStackPolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { BUCKETS, BUCKET_PUBLIC_ACCESS_BLOCK } from "../types";
import { bucketsOf, companionsOf } from "./companions";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-public-access-block",
    description: "Every S3 bucket has a public access block that blocks all four kinds of public access (Checkov CKV2_AWS_6, CIS AWS 2.1.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [...BUCKETS, BUCKET_PUBLIC_ACCESS_BLOCK],
    requires: "a BucketPublicAccessBlock whose `bucket` is the bucket, all four flags `true`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const blocks = companionsOf(args.resources, bucket, [BUCKET_PUBLIC_ACCESS_BLOCK]);
            if (blocks.length === 0) {
                report(`bucket "${bucket.name}" has no BucketPublicAccessBlock: a public ACL or bucket policy would expose its objects.`, bucket.urn);
                continue;
            }
            const open = FLAGS.filter((flag) => !blocks.some((block) => isTrue(read(() => block.props[flag]))));
            if (open.length > 0) {
                report(`bucket "${bucket.name}": its public access block leaves ${open.join(", ")} off.`, bucket.urn);
            }
        }
    },
};
