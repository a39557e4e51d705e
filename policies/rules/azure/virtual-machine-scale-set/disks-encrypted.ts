import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { VMSS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-scale-set-disks-encrypted",
    description: "Scale set disks, temp disk and caches included, are encrypted at the host or with a customer-managed disk encryption set (Checkov CKV_AZURE_97, CIS Azure 8.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VMSS],
    requires: "`virtualMachineProfile.securityProfile.encryptionAtHost: true`, or `storageProfile.osDisk.managedDisk.diskEncryptionSet.id`",
    validateResource: validateTypes([VMSS], (props, _args, report) => {
        const atHost = at(props, "virtualMachineProfile.securityProfile.encryptionAtHost");
        const diskSet = at(props, "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id");
        if (isUnknown(atHost) || isUnknown(diskSet)) {
            return;
        }
        if (!isTrue(atHost) && !isSet(diskSet)) {
            report("neither securityProfile.encryptionAtHost nor a disk encryption set: temp disks and disk caches are stored unencrypted, and the OS disk uses a platform-managed key.");
        }
    }),
};
