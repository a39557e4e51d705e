import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { BUCKET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-storage-bucket-public-access-prevention",
    description: "Cloud Storage buckets enforce public access prevention, so no grant to allUsers or allAuthenticatedUsers can take effect (Checkov CKV_GCP_114, CIS GCP 5.1).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [BUCKET],
    requires: "`publicAccessPrevention: \"enforced\"`",
    validateResource: validateTypes([BUCKET], (props, _args, report) => {
        const prevention = read(() => props.publicAccessPrevention);
        if (!isUnknown(prevention) && prevention !== "enforced") {
            report(`publicAccessPrevention is ${prevention === undefined ? "not set (inherited)" : JSON.stringify(prevention)}: one IAM grant to allUsers would publish every object.`);
        }
    }),
};
