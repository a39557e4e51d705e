import { PlatformStackPolicy } from "../../../lib/types";
import { asRecord } from "../../../lib/values";
import { BUCKETS, BUCKET_POLICY } from "../types";
import { bucketPolicyStatements, bucketsOf } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-tls-minimum-1-2",
    description: "Every S3 bucket policy refuses TLS versions below 1.2, the platform's minimum in transit (Checkov CKV_AWS_379, CIS AWS 2.1.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [...BUCKETS, BUCKET_POLICY],
    requires: "a bucket policy statement `Deny` when `s3:TlsVersion` is `NumericLessThan` 1.2",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const denies = bucketPolicyStatements(args.resources, bucket).some((statement) => {
                const below = asRecord(asRecord(statement.raw.Condition)?.NumericLessThan);
                return statement.effect === "Deny" && below !== undefined && Number(below["s3:TlsVersion"]) >= 1.2;
            });
            if (!denies) {
                report(`bucket "${bucket.name}" accepts TLS 1.0 and 1.1: add a policy statement denying requests where s3:TlsVersion is less than 1.2.`, bucket.urn);
            }
        }
    },
};
