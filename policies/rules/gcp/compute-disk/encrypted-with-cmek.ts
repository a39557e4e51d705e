import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { COMPUTE_DISK } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-disk-encrypted-with-cmek",
    description: "Standalone persistent disks (the search nodes' data) are encrypted with a customer-managed Cloud KMS key (Checkov CKV_GCP_37, CIS GCP 4.7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [COMPUTE_DISK],
    requires: "`diskEncryptionKey.kmsKeySelfLink`",
    validateResource: validateTypes([COMPUTE_DISK], (props, _args, report) => {
        const key = at(props, "diskEncryptionKey.kmsKeySelfLink");
        if (!isUnknown(key) && !isSet(key)) {
            report("diskEncryptionKey.kmsKeySelfLink is not set: the disk is encrypted with a Google-managed key.");
        }
    }),
};
