import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isTrue, isUnknown, read } from "../../../lib/values";
import { VMSS } from "../types";

const HEALTH_EXTENSIONS = ["ApplicationHealthLinux", "ApplicationHealthWindows"];

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-scale-set-automatic-repairs",
    description: "Scale sets replace instances whose application stopped answering: the Application Health extension reports it and automatic repairs act on it (no Azure benchmark item; counterpart of Checkov CKV2_AWS_15).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [VMSS],
    requires: "`automaticRepairsPolicy.enabled: true` and an ApplicationHealthLinux (or Windows) extension in `virtualMachineProfile.extensionProfile.extensions`",
    validateResource: validateTypes([VMSS], (props, _args, report) => {
        const enabled = at(props, "automaticRepairsPolicy.enabled");
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            report("automaticRepairsPolicy.enabled is not true: an instance whose app stopped answering stays in service as long as the VM runs.");
        }
        const extensions = at(props, "virtualMachineProfile.extensionProfile.extensions");
        if (isUnknown(extensions)) {
            return;
        }
        const health = asArray(extensions).some((entry) => HEALTH_EXTENSIONS.includes(String(read(() => asRecord(entry)?.type))));
        if (!health) {
            report("no Application Health extension: neither repairs nor rolling upgrades know whether the app on an instance is healthy.");
        }
    }),
};
