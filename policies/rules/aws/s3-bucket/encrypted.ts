import { PlatformStackPolicy } from "../../../lib/types";
import { read } from "../../../lib/values";
import { BUCKETS, BUCKET_SSE } from "../types";
import { bucketsOf, companionsOf, sseAlgorithms } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-encrypted",
    description: "Every S3 bucket declares default server-side encryption at rest (Checkov CKV_AWS_19).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [...BUCKETS, ...BUCKET_SSE],
    requires: "a BucketServerSideEncryptionConfiguration with `sseAlgorithm` `aws:kms`, `aws:kms:dsse` or `AES256`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const configured = [
                ...companionsOf(args.resources, bucket, BUCKET_SSE).flatMap((sse) => sseAlgorithms(read(() => sse.props.rules))),
                ...sseAlgorithms(read(() => bucket.props.serverSideEncryptionConfiguration)),
            ];
            if (configured.length === 0) {
                report(`bucket "${bucket.name}" has no server-side encryption configuration: its encryption at rest is not under the program's control.`, bucket.urn);
            }
        }
    },
};
