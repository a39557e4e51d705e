import { validateTypes } from "../../../lib/match";
import { prefixLength } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";
import { coversPort, describeRule, inboundAllowsOf, isWorldSource, RULE_TYPES } from "./rules";

const ADMIN_PORTS: Record<number, string> = { 22: "SSH", 3389: "RDP" };

interface Config {
    minimumIpv4Prefix: number;
}

/** A CIDR (or address) wider than the allowed admin range; service tags other than the world are Azure-internal. */
function tooWide(source: string, minimum: number): boolean {
    if (isWorldSource(source)) {
        return true;
    }
    if (!/^[0-9.]+(\/\d+)?$/.test(source.trim())) {
        return false;
    }
    return (prefixLength(source) ?? 32) < minimum;
}

export const policy: PlatformResourcePolicy = {
    name: "azure-network-security-group-admin-ports-restricted",
    description: "Network security groups let SSH (22) and RDP (3389) in only from admin ranges or the Bastion subnet, never from the internet (Checkov CKV_AZURE_10, CKV_AZURE_9, CIS Azure 7.1, 7.2).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: RULE_TYPES,
    requires: "no inbound Allow covering TCP 22 or 3389 from `*`, `Internet`, `Any`, 0.0.0.0/0 or a range wider than /16",
    configSchema: {
        properties: {
            minimumIpv4Prefix: { type: "integer", minimum: 0, maximum: 32, default: 16, description: "Widest IPv4 admin range allowed, as a prefix length." },
        },
    },
    validateResource: validateTypes(RULE_TYPES, (props, args, report) => {
        const { minimumIpv4Prefix } = args.getConfig<Config>();
        for (const rule of inboundAllowsOf(args.type, props)) {
            for (const [port, service] of Object.entries(ADMIN_PORTS)) {
                if (!coversPort(rule, "tcp", Number(port))) {
                    continue;
                }
                for (const source of rule.sources.filter((candidate) => tooWide(candidate, minimumIpv4Prefix))) {
                    const reach = isWorldSource(source) ? `the whole internet (${source})` : `${source}, wider than /${minimumIpv4Prefix}`;
                    report(`${describeRule(rule)} lets ${service} in from ${reach}; allow the admin ranges or the Bastion subnet only.`);
                }
            }
        }
    }),
};
