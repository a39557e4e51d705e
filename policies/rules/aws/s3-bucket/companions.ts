// S3 in AWS provider v7 is one Bucket plus one resource per feature (public access block,
// versioning, encryption, logging, lifecycle, policy, ownership). Checkov's graph checks join
// them by bucket; these helpers do the same for the stack policies in this folder.

import type { PolicyResource } from "@pulumi/policy";
import { ofType, refersTo } from "../../../lib/graph";
import { statementsOf, Statement } from "../../../lib/iam";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { BUCKET_LOGGING, BUCKETS, BUCKET_POLICY, LOAD_BALANCERS } from "../types";

export function bucketsOf(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...BUCKETS);
}

/** The resources of `types` whose `bucket` input is this bucket. */
export function companionsOf(resources: PolicyResource[], bucket: PolicyResource, types: readonly string[]): PolicyResource[] {
    return ofType(resources, ...types).filter((companion) => refersTo(companion, "bucket", bucket));
}

/**
 * Buckets that receive S3 server access logs or load balancer access logs. AWS log delivery
 * only writes to SSE-S3 buckets, and a log bucket logging into itself would loop.
 */
export function logTargets(resources: PolicyResource[]): Set<string> {
    const targets = new Set<string>();
    for (const bucket of bucketsOf(resources)) {
        const byLogging = ofType(resources, ...BUCKET_LOGGING).some((logging) => refersTo(logging, "targetBucket", bucket));
        const byLoadBalancer = ofType(resources, ...LOAD_BALANCERS).some((lb) => refersTo(lb, "accessLogs", bucket, at(lb.props, "accessLogs.bucket")));
        const byInlineLogging = bucketsOf(resources).some((other) => other !== bucket && refersTo(other, "logging", bucket, at(other.props, "logging.targetBucket")));
        if (byLogging || byLoadBalancer || byInlineLogging) {
            targets.add(bucket.urn);
        }
    }
    return targets;
}

/** Statements of every bucket policy attached to the bucket (and its deprecated inline `policy`). */
export function bucketPolicyStatements(resources: PolicyResource[], bucket: PolicyResource): Statement[] {
    const documents = [read(() => bucket.props.policy), ...companionsOf(resources, bucket, [BUCKET_POLICY]).map((policy) => read(() => policy.props.policy))];
    return documents.flatMap((document) => statementsOf(document) ?? []);
}

/** Every `sseAlgorithm` found in a (possibly nested) encryption configuration. */
export function sseAlgorithms(value: unknown): string[] {
    const found: string[] = [];
    const visit = (node: unknown): void => {
        for (const item of asArray(node)) {
            const record = asRecord(item);
            if (!record) {
                continue;
            }
            for (const [key, child] of Object.entries(record)) {
                if (key === "sseAlgorithm" && typeof child === "string") {
                    found.push(child);
                } else {
                    visit(child);
                }
            }
        }
    };
    visit(value);
    return found;
}

export function isAnonymous(statement: Statement): boolean {
    return statement.principals.includes("*");
}
