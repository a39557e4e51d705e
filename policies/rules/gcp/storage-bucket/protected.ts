import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { validateStackInTiers } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformStackPolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { refersToGcp } from "../references";
import { BUCKET, BUCKET_OBJECT, isIamType } from "../types";
import { grantsOf } from "../iam-member/shared";
import { logTargets } from "./shared";

const tiers = tiersWhere((tier) => tier.protectData);
/** Roles that only read; any other role on a bucket lets someone put data the program cannot recreate. */
const READ_ONLY = ["roles/storage.objectViewer", "roles/storage.legacyObjectReader", "roles/storage.legacyBucketReader", "roles/storage.bucketViewer"];

/**
 * A bucket holds only what the program uploads: it has program-declared objects, no IAM grant in
 * the stack lets anyone else write to it, and no access logs land in it. Deleting such a bucket
 * loses nothing the next deployment does not upload again (e.g. a job's code bundle).
 */
function programOnly(resources: PolicyResource[], bucket: PolicyResource, logBuckets: Set<string>): boolean {
    const objects = ofType(resources, BUCKET_OBJECT).filter((object) => refersToGcp(object, "bucket", bucket));
    const writers = resources
        .filter((resource) => isIamType(resource.type) && refersToGcp(resource, "bucket", bucket))
        .flatMap((grant) => grantsOf(grant.props))
        .filter((grant) => !READ_ONLY.includes(grant.role));
    return objects.length > 0 && writers.length === 0 && !logBuckets.has(bucket.urn);
}

export const policy: PlatformStackPolicy = {
    name: "gcp-storage-bucket-protected",
    description: "Cloud Storage buckets that hold data in production carry Pulumi's protect option and refuse to be deleted with their objects (the GCP counterpart of CKV_AWS_293; CIS Controls v8 11.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [BUCKET, BUCKET_OBJECT],
    requires: "resource option `protect: true` and no `forceDestroy: true`, except on buckets holding only the program's own objects (uploaded by the stack, written by no one else, no logs)",
    tiers,
    validateStack: validateStackInTiers(tiers, (args, report) => {
        const buckets = ofType(args.resources, BUCKET);
        const logBuckets = logTargets(buckets);
        for (const bucket of buckets) {
            if (programOnly(args.resources, bucket, logBuckets)) {
                continue;
            }
            if (!bucket.opts.protect) {
                report(`bucket "${bucket.name}" is not protected: \`pulumi destroy\` or a replacing change would delete production data.`, bucket.urn);
            }
            if (isTrue(read(() => bucket.props.forceDestroy))) {
                report(`bucket "${bucket.name}" has forceDestroy true: deleting it would delete every object in it.`, bucket.urn);
            }
        }
    }),
};
