import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { VIRTUAL_MACHINE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-ssh-keys-only",
    description: "Linux VMs accept SSH keys only, never passwords (Checkov CKV_AZURE_1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [VIRTUAL_MACHINE],
    requires: "`osProfile.linuxConfiguration.disablePasswordAuthentication: true`",
    validateResource: validateTypes([VIRTUAL_MACHINE], (props, _args, report) => {
        const disabled = at(props, "osProfile.linuxConfiguration.disablePasswordAuthentication");
        if (!isUnknown(disabled) && !isTrue(disabled)) {
            report("osProfile.linuxConfiguration.disablePasswordAuthentication is not true: password logins are possible.");
        }
    }),
};
