import { PlatformStackPolicy } from "../../../lib/types";
import { at, isTrue, read } from "../../../lib/values";
import { BUCKETS, BUCKET_VERSIONING } from "../types";
import { bucketsOf, companionsOf } from "./companions";

export const policy: PlatformStackPolicy = {
    name: "aws-s3-bucket-versioning-enabled",
    description: "Every S3 bucket keeps object versions so overwritten or deleted objects can be recovered (Checkov CKV_AWS_21).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [...BUCKETS, ...BUCKET_VERSIONING],
    requires: "a BucketVersioning with `versioningConfiguration.status: \"Enabled\"`",
    validateStack: (args, report) => {
        for (const bucket of bucketsOf(args.resources)) {
            const versioning = companionsOf(args.resources, bucket, BUCKET_VERSIONING);
            const enabled =
                versioning.some((resource) => read(() => at(resource.props, "versioningConfiguration.status")) === "Enabled") ||
                isTrue(at(bucket.props, "versioning.enabled"));
            if (!enabled) {
                const why = versioning.length === 0 ? "has no BucketVersioning" : "has versioning suspended";
                report(`bucket "${bucket.name}" ${why}: an overwrite or delete cannot be undone.`, bucket.urn);
            }
        }
    },
};
