import { identifiersOf, ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { BUCKET } from "../types";
import { logTargets } from "./shared";

export const policy: PlatformStackPolicy = {
    name: "gcp-storage-bucket-access-logging",
    description: "Cloud Storage buckets that hold data log every access to a separate log bucket, never to themselves (Checkov CKV_GCP_62, CKV_GCP_63).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [BUCKET],
    requires: "`logging.logBucket` naming another bucket (buckets that receive access logs themselves exempt)",
    validateStack: (args, report) => {
        const buckets = ofType(args.resources, BUCKET);
        const targets = logTargets(buckets);
        for (const bucket of buckets) {
            if (targets.has(bucket.urn)) {
                continue;
            }
            const target = at(bucket.props, "logging.logBucket");
            if (isUnknown(target)) {
                continue;
            }
            if (!isSet(target)) {
                report(`bucket "${bucket.name}" has no access logging: reads and deletes of its objects leave no trace.`, bucket.urn);
            } else if (typeof target === "string" && identifiersOf(bucket).has(target)) {
                report(`bucket "${bucket.name}" logs to itself: every log write is logged again.`, bucket.urn);
            }
        }
    },
};
