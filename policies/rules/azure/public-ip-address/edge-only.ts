import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { refersToResource } from "../shared";
import { APPLICATION_GATEWAY, BASTION_HOST, NAT_GATEWAY, PUBLIC_IP } from "../types";

/** Who may hold a public IP: the gateway (the public entry), NAT (egress only) and Bastion (admin entry). */
const HOLDERS: [string, string][] = [
    [APPLICATION_GATEWAY, "frontendIPConfigurations.publicIPAddress.id"],
    [NAT_GATEWAY, "publicIpAddresses.id"],
    [BASTION_HOST, "ipConfigurations.publicIPAddress.id"],
];

export const policy: PlatformStackPolicy = {
    name: "azure-public-ip-address-edge-only",
    description: "Public IP addresses belong only to the Application Gateway, the NAT gateway (outbound only) and Azure Bastion: nothing else is reachable from the internet (Checkov CKV_AZURE_119, which asks the same of network interfaces).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [PUBLIC_IP, APPLICATION_GATEWAY, NAT_GATEWAY, BASTION_HOST],
    requires: "every PublicIPAddress is referenced by an Application Gateway frontend, a NAT gateway or a Bastion host of the stack",
    validateStack: (args, report) => {
        for (const address of ofType(args.resources, PUBLIC_IP)) {
            const held = HOLDERS.some(([type, path]) => ofType(args.resources, type).some((holder) => refersToResource(holder, path, address)));
            if (!held) {
                report(`public IP "${address.name}" belongs to no Application Gateway, NAT gateway or Bastion host: whatever it is attached to is exposed to the internet.`, address.urn);
            }
        }
    },
};
