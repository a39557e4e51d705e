import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { BUCKET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-bucket-uniform-access",
    description: "Cloud Storage buckets use uniform bucket-level access, so IAM alone grants access and no object ACL can make an object public (Checkov CKV_GCP_29, CIS GCP 5.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [BUCKET],
    requires: "`uniformBucketLevelAccess: true`",
    validateResource: validateTypes([BUCKET], (props, _args, report) => {
        const uniform = read(() => props.uniformBucketLevelAccess);
        if (!isUnknown(uniform) && !isTrue(uniform)) {
            report("uniformBucketLevelAccess is not true: object ACLs can grant access that the bucket's IAM policy does not show.");
        }
    }),
};
