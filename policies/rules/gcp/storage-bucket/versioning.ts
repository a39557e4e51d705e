import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { BUCKET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-bucket-versioning",
    description: "Cloud Storage buckets keep object versions so overwritten or deleted objects can be recovered (Checkov CKV_GCP_78).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [BUCKET],
    requires: "`versioning.enabled: true`",
    validateResource: validateTypes([BUCKET], (props, _args, report) => {
        const enabled = at(props, "versioning.enabled");
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            report("versioning.enabled is not true: an overwrite or delete, by a bug or an attacker, is final.");
        }
    }),
};
