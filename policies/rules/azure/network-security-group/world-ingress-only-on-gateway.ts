import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { refersToResource } from "../shared";
import { APPLICATION_GATEWAY, BASTION_HOST, NETWORK_SECURITY_GROUP, SECURITY_RULE, SUBNET } from "../types";
import { coversPort, describeRule, InboundAllow, inboundAllowsOf, RULE_TYPES, worldSources } from "./rules";

/** Azure Bastion's subnet takes HTTPS from the internet (its documented NSG rules), nothing else. */
function bastionHttps(rule: InboundAllow): boolean {
    return rule.protocol === "tcp" && rule.ports.every((range) => range.from === 443 && range.to === 443) && coversPort(rule, "tcp", 443);
}

/** The NSGs a rule belongs to: the group itself, or the one its networkSecurityGroupName names. */
function groupsOf(resources: PolicyResource[], owner: PolicyResource): PolicyResource[] {
    if (owner.type === NETWORK_SECURITY_GROUP) {
        return [owner];
    }
    return ofType(resources, NETWORK_SECURITY_GROUP).filter((group) => refersToResource(owner, "networkSecurityGroupName", group));
}

export const policy: PlatformStackPolicy = {
    name: "azure-network-security-group-world-ingress-only-on-gateway",
    description: "Only the network security groups of the Application Gateway's subnet (and, HTTPS only, Azure Bastion's) accept traffic from the internet; every other subnet is reached from inside the VNet (Checkov CKV_AZURE_160, CIS Azure 7.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [...RULE_TYPES, SUBNET, APPLICATION_GATEWAY, BASTION_HOST],
    requires: "every inbound Allow from the internet belongs to an NSG whose subnet hosts an Application Gateway (`gatewayIPConfigurations[].subnet.id`); the Bastion subnet's NSG may allow TCP 443 only",
    validateStack: (args, report) => {
        const gateways = ofType(args.resources, APPLICATION_GATEWAY);
        const bastions = ofType(args.resources, BASTION_HOST);
        const subnets = ofType(args.resources, SUBNET);
        for (const owner of ofType(args.resources, NETWORK_SECURITY_GROUP, SECURITY_RULE)) {
            const open = inboundAllowsOf(owner.type, owner.props).filter((rule) => worldSources(rule).length > 0);
            if (open.length === 0) {
                continue;
            }
            const groups = groupsOf(args.resources, owner);
            const attached = subnets.filter((subnet) => groups.some((group) => refersToResource(subnet, "networkSecurityGroup.id", group)));
            const fronted = attached.some((subnet) => gateways.some((gateway) => refersToResource(gateway, "gatewayIPConfigurations.subnet.id", subnet)));
            const bastion = attached.some((subnet) => bastions.some((host) => refersToResource(host, "ipConfigurations.subnet.id", subnet))) && open.every(bastionHttps);
            if (!fronted && !bastion) {
                const where = groups.length === 0 ? "a network security group outside this stack" : attached.length === 0 ? `"${groups[0].name}", attached to no subnet of this stack` : `"${groups[0].name}", whose subnet hosts no Application Gateway`;
                report(`"${owner.name}": ${open.map(describeRule).join(", ")} open to the internet on ${where}.`, owner.urn);
            }
        }
    },
};
