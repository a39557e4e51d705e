import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { VMSS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-scale-set-ssh-keys-only",
    description: "Linux scale sets refuse password logins: SSH keys only, and no admin password at all (Checkov CKV_AZURE_49, CKV_AZURE_149, CKV_AZURE_178).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VMSS],
    requires: "`virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication: true`, no `adminPassword`",
    validateResource: validateTypes([VMSS], (props, _args, report) => {
        const disabled = at(props, "virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication");
        if (!isUnknown(disabled) && !isTrue(disabled)) {
            report("linuxConfiguration.disablePasswordAuthentication is not true: instances accept SSH password logins, open to guessing.");
        }
        if (isSet(at(props, "virtualMachineProfile.osProfile.adminPassword"))) {
            report("osProfile.adminPassword is set: a shared password exists for every instance of the scale set.");
        }
    }),
};
