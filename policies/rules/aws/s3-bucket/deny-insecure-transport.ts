import { PlatformStackPolicy } from "../../../lib/types";
import { asRecord } from "../../../lib/values";
import { BUCKETS, BUCKET_POLICY } from "../types";
import { bucketPolicyStatements, bucketsOf } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-deny-insecure-transport",
    description: "Every S3 bucket policy refuses requests that do not use TLS (Checkov CKV_AWS_379, CIS AWS 2.1.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [...BUCKETS, BUCKET_POLICY],
    requires: "a bucket policy statement `Deny` when `aws:SecureTransport` is `false`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const denies = bucketPolicyStatements(args.resources, bucket).some((statement) => {
                const bool = asRecord(asRecord(statement.raw.Condition)?.Bool);
                return statement.effect === "Deny" && bool !== undefined && String(bool["aws:SecureTransport"]) === "false";
            });
            if (!denies) {
                report(`bucket "${bucket.name}" accepts plain HTTP: add a policy statement denying requests where aws:SecureTransport is false.`, bucket.urn);
            }
        }
    },
};
