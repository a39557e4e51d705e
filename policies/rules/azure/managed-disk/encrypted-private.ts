import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown, quote } from "../../../lib/values";
import { MANAGED_DISK } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-managed-disk-encrypted-private",
    description: "Managed data disks are encrypted with a customer-managed key and cannot be exported over the network (Checkov CKV_AZURE_93, CKV_AZURE_251).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [MANAGED_DISK],
    requires: "`encryption.diskEncryptionSetId` and `networkAccessPolicy: DenyAll`",
    validateResource: validateTypes([MANAGED_DISK], (props, _args, report) => {
        const set = at(props, "encryption.diskEncryptionSetId");
        const access = at(props, "networkAccessPolicy");
        if (!isUnknown(set) && !isSet(set)) {
            report("encryption.diskEncryptionSetId is not set: the disk uses a platform-managed key.");
        } else if (!isUnknown(access) && access !== "DenyAll") {
            report(`networkAccessPolicy is ${quote(access)}: a SAS URL could export the disk; use DenyAll.`);
        }
    }),
};
