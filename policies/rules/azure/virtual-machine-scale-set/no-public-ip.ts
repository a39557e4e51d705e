import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isSet, read } from "../../../lib/values";
import { VMSS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-scale-set-no-public-ip",
    description: "Scale set instances get no public IP address; they are reached through the Application Gateway and leave through the NAT gateway (Checkov CKV_AZURE_119, applied to the scale set's network interfaces).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [VMSS],
    requires: "no `publicIPAddressConfiguration` in `virtualMachineProfile.networkProfile.networkInterfaceConfigurations[].ipConfigurations[]`",
    validateResource: validateTypes([VMSS], (props, _args, report) => {
        asArray(at(props, "virtualMachineProfile.networkProfile.networkInterfaceConfigurations")).forEach((nic, nicIndex) => {
            asArray(read(() => asRecord(nic)?.ipConfigurations)).forEach((ip, ipIndex) => {
                if (isSet(read(() => asRecord(ip)?.publicIPAddressConfiguration))) {
                    report(`networkInterfaceConfigurations[${nicIndex}].ipConfigurations[${ipIndex}] has a publicIPAddressConfiguration: every instance is directly reachable from the internet.`);
                }
            });
        });
    }),
};
