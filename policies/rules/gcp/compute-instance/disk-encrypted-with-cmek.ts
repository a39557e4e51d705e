import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, isUnknown, read } from "../../../lib/values";
import { COMPUTE_INSTANCE, VM_TYPES } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-disk-encrypted-with-cmek",
    description: "VM disks are encrypted with a customer-managed Cloud KMS key, the managed form of CIS's customer-supplied keys (Checkov CKV_GCP_38, CIS GCP 4.7).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: VM_TYPES,
    requires: "templates: `disks[].diskEncryptionKey.kmsKeySelfLink` on every disk; instances: `bootDisk.kmsKeySelfLink` (or a raw/RSA key)",
    validateResource: validateTypes(VM_TYPES, (props, args, report) => {
        if (args.type === COMPUTE_INSTANCE) {
            const boot = read(() => props.bootDisk);
            if (isUnknown(boot)) {
                return;
            }
            const disk = asRecord(boot) ?? {};
            if (!isSet(disk.kmsKeySelfLink) && !isSet(disk.diskEncryptionKeyRaw) && !isSet(disk.diskEncryptionKeyRsa)) {
                report("bootDisk.kmsKeySelfLink is not set: the boot disk is encrypted with a Google-managed key.");
            }
            return;
        }
        asArray(read(() => props.disks)).forEach((entry, index) => {
            const key = at(entry, "diskEncryptionKey.kmsKeySelfLink");
            if (!isUnknown(key) && !isSet(key)) {
                report(`disks[${index}].diskEncryptionKey.kmsKeySelfLink is not set: the disk is encrypted with a Google-managed key.`);
            }
        });
    }),
};
