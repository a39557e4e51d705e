import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown, read } from "../../../lib/values";
import { SUBNET } from "../types";

/**
 * Subnets Azure reserves for a service whose traffic rules it manages itself. Azure Bastion
 * accepts an NSG but then needs 443 from the internet and GatewayManager rules of its own; the
 * managed service already restricts its subnet to those.
 */
const EXEMPT = ["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet", "AzureBastionSubnet"];

export const policy: PlatformResourcePolicy = {
    name: "azure-subnet-has-network-security-group",
    description: "Every subnet has a network security group, so no workload sits behind an open subnet (Checkov CKV2_AZURE_31).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SUBNET],
    requires: `\`networkSecurityGroup.id\` set (except ${EXEMPT.join(", ")})`,
    validateResource: validateTypes([SUBNET], (props, args, report) => {
        const name = read(() => props.subnetName ?? props.name);
        if (typeof name === "string" && EXEMPT.includes(name)) {
            return;
        }
        const nsg = at(props, "networkSecurityGroup.id");
        if (!isUnknown(nsg) && !isSet(nsg)) {
            report(`subnet ${typeof name === "string" ? JSON.stringify(name) : args.name} has no network security group: every port of every host in it is reachable from the VNet and its peers.`);
        }
    }),
};
