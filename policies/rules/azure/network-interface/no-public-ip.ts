import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, isUnknown, read } from "../../../lib/values";
import { NETWORK_INTERFACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-network-interface-no-public-ip",
    description: "Network interfaces of the platform's VMs carry no public address (Checkov CKV_AZURE_119).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [NETWORK_INTERFACE],
    requires: "no `ipConfigurations[].publicIPAddress`",
    validateResource: validateTypes([NETWORK_INTERFACE], (props, _args, report) => {
        const configs = read(() => props.ipConfigurations);
        if (isUnknown(configs)) {
            return;
        }
        asArray(configs).forEach((config, index) => {
            if (isSet(asRecord(config)?.publicIPAddress)) {
                report(`ipConfigurations[${index}].publicIPAddress is set: the VM is reachable from the internet.`);
            }
        });
    }),
};
