import type { PolicyResource } from "@pulumi/policy";
import { identifiersOf } from "../../../lib/graph";
import { at } from "../../../lib/values";

/** Names of the buckets other buckets send their access logs to. */
export function logTargets(buckets: PolicyResource[]): Set<string> {
    const targets = new Set<string>();
    for (const bucket of buckets) {
        const target = at(bucket.props, "logging.logBucket");
        if (typeof target !== "string") {
            continue;
        }
        for (const other of buckets) {
            if (other !== bucket && identifiersOf(other).has(target)) {
                targets.add(other.urn);
            }
        }
    }
    return targets;
}
