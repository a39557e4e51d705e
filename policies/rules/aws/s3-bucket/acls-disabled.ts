import { PlatformStackPolicy } from "../../../lib/types";
import { at, read } from "../../../lib/values";
import { BUCKETS, BUCKET_OWNERSHIP } from "../types";
import { bucketsOf, companionsOf } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-acls-disabled",
    description: "Every S3 bucket disables ACLs by enforcing bucket-owner object ownership, so only policies grant access (Checkov CKV2_AWS_65).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [...BUCKETS, BUCKET_OWNERSHIP],
    requires: "a BucketOwnershipControls with `rule.objectOwnership: \"BucketOwnerEnforced\"`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const enforced = companionsOf(args.resources, bucket, [BUCKET_OWNERSHIP]).some(
                (controls) => read(() => at(controls.props, "rule.objectOwnership")) === "BucketOwnerEnforced",
            );
            if (!enforced) {
                report(`bucket "${bucket.name}" still honours ACLs: add BucketOwnershipControls with objectOwnership BucketOwnerEnforced.`, bucket.urn);
            }
        }
    },
};
