import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { refersToResource } from "../shared";
import { APPLICATION_GATEWAY, BASTION_HOST, NAT_GATEWAY, PUBLIC_IP, VPN_GATEWAY } from "../types";

/** Who may hold a public IP: the gateway (the public entry), NAT (egress only), Bastion (admin entry) and the VPN gateway (IPsec only). */
const HOLDERS: [string, string][] = [
    [APPLICATION_GATEWAY, "frontendIPConfigurations.publicIPAddress.id"],
    [NAT_GATEWAY, "publicIpAddresses.id"],
    [BASTION_HOST, "ipConfigurations.publicIPAddress.id"],
    [VPN_GATEWAY, "ipConfigurations.publicIPAddress.id"],
];

export const policy: PlatformStackPolicy = {
    name: "azure-public-ip-address-edge-only",
    description: "Public IP addresses belong only to the Application Gateway, the NAT gateway (outbound only), Azure Bastion and the VPN gateway (IPsec only): nothing else is reachable from the internet (Checkov CKV_AZURE_119, which asks the same of network interfaces).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [PUBLIC_IP, APPLICATION_GATEWAY, NAT_GATEWAY, BASTION_HOST, VPN_GATEWAY],
    requires: "every PublicIPAddress is referenced by an Application Gateway frontend, a NAT gateway, a Bastion host or a VPN gateway of the stack",
    validateStack: (args, report) => {
        for (const address of ofType(args.resources, PUBLIC_IP)) {
            const held = HOLDERS.some(([type, path]) => ofType(args.resources, type).some((holder) => refersToResource(holder, path, address)));
            if (!held) {
                report(`public IP "${address.name}" belongs to no Application Gateway, NAT gateway, Bastion host or VPN gateway: whatever it is attached to is exposed to the internet.`, address.urn);
            }
        }
    },
};
