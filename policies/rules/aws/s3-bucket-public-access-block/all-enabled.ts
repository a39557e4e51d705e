import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { BUCKET_PUBLIC_ACCESS_BLOCK } from "../types";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const policy: PlatformResourcePolicy = {
    name: "aws-s3-bucket-public-access-block-all-enabled",
    description: "S3 public access blocks turn on all four of their switches (Checkov CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [BUCKET_PUBLIC_ACCESS_BLOCK],
    requires: "`blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets` all `true`",
    validateResource: validateTypes([BUCKET_PUBLIC_ACCESS_BLOCK], (props, _args, report) => {
        const off = FLAGS.filter((flag) => {
            const value = read(() => props[flag]);
            return !isUnknown(value) && !isTrue(value);
        });
        if (off.length > 0) {
            report(`${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true: the bucket can still be made public.`);
        }
    }),
};
