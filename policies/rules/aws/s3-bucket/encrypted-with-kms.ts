import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, read } from "../../../lib/values";
import { BUCKETS, BUCKET_SSE } from "../types";
import { bucketsOf, companionsOf, logTargets, sseAlgorithms } from "./companions";

function kmsRules(rules: unknown): { keyed: boolean }[] {
    return asArray(rules)
        .map((rule) => asRecord(rule) ?? {})
        .map((rule) => asRecord(rule.applyServerSideEncryptionByDefault) ?? {})
        .filter((defaults) => String(defaults.sseAlgorithm).startsWith("aws:kms"))
        .map((defaults) => ({ keyed: isSet(defaults.kmsMasterKeyId) }));
}

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-encrypted-with-kms",
    description: "S3 buckets that hold data encrypt it with a customer-managed KMS key; buckets that receive S3 or load balancer access logs may use SSE-S3, the only encryption AWS log delivery supports (Checkov CKV_AWS_145).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [...BUCKETS, ...BUCKET_SSE],
    requires: "`sseAlgorithm: \"aws:kms\"` with `kmsMasterKeyId`, except on access-log target buckets",
    validateStack: (args, report) => {
        const logBuckets = logTargets(args.resources);
        for (const bucket of bucketsOf(args.resources)) {
            if (logBuckets.has(bucket.urn)) {
                continue;
            }
            const configurations = companionsOf(args.resources, bucket, BUCKET_SSE);
            const rules = configurations.flatMap((sse) => kmsRules(read(() => sse.props.rules)));
            const inline = sseAlgorithms(read(() => bucket.props.serverSideEncryptionConfiguration)).some((algorithm) => algorithm.startsWith("aws:kms"));
            if (rules.length === 0 && !inline) {
                report(`bucket "${bucket.name}" is not encrypted with SSE-KMS: objects use an S3-owned key the platform cannot audit or revoke.`, bucket.urn);
            } else if (rules.length > 0 && !rules.some((rule) => rule.keyed)) {
                report(`bucket "${bucket.name}" uses SSE-KMS without kmsMasterKeyId: the AWS managed key is used instead of the platform's.`, bucket.urn);
            }
        }
    },
};
