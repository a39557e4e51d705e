import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { VIRTUAL_MACHINE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-disks-encrypted",
    description: "Standalone VMs (the search nodes) encrypt their disks at the host or with a customer-managed disk encryption set (Checkov CKV_AZURE_97, CIS Azure 8.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VIRTUAL_MACHINE],
    requires: "`securityProfile.encryptionAtHost: true`, or `storageProfile.osDisk.managedDisk.diskEncryptionSet.id`",
    validateResource: validateTypes([VIRTUAL_MACHINE], (props, _args, report) => {
        const atHost = at(props, "securityProfile.encryptionAtHost");
        const diskSet = at(props, "storageProfile.osDisk.managedDisk.diskEncryptionSet.id");
        if (isUnknown(atHost) || isUnknown(diskSet)) {
            return;
        }
        if (!isTrue(atHost) && !isSet(diskSet)) {
            report("neither securityProfile.encryptionAtHost nor a disk encryption set: the OS disk uses a platform-managed key.");
        }
    }),
};
