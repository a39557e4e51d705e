import { validateTypes } from "../../../lib/match";
import { coversTcpPort, describePorts, ingressRulesOf, INGRESS_TYPES, isIpv6, prefixLength } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";

const ADMIN_PORTS: Record<number, string> = { 22: "SSH", 3389: "RDP" };

interface Config {
    minimumIpv4Prefix: number;
    minimumIpv6Prefix: number;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-security-group-admin-ports-restricted",
    description: "Security groups open SSH (22) and RDP (3389) only to admin ranges, never to the internet (Checkov CKV_AWS_24, CKV_AWS_25, CIS AWS 5.2, 5.3).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: INGRESS_TYPES,
    requires: "no ingress covering 22 or 3389 from 0.0.0.0/0, ::/0 or any range wider than /16 (IPv4) or /48 (IPv6)",
    configSchema: {
        properties: {
            minimumIpv4Prefix: { type: "integer", minimum: 0, maximum: 32, default: 16, description: "Widest IPv4 admin range allowed, as a prefix length." },
            minimumIpv6Prefix: { type: "integer", minimum: 0, maximum: 128, default: 48, description: "Widest IPv6 admin range allowed, as a prefix length." },
        },
    },
    validateResource: validateTypes(INGRESS_TYPES, (props, args, report) => {
        const { minimumIpv4Prefix, minimumIpv6Prefix } = args.getConfig<Config>();
        for (const ingress of ingressRulesOf(args.type, props)) {
            for (const [port, service] of Object.entries(ADMIN_PORTS)) {
                if (!coversTcpPort(ingress, Number(port))) {
                    continue;
                }
                for (const cidr of ingress.cidrs) {
                    const prefix = prefixLength(cidr) ?? 0;
                    const minimum = isIpv6(cidr) ? minimumIpv6Prefix : minimumIpv4Prefix;
                    if (prefix < minimum) {
                        const where = ingress.where ? `${ingress.where}: ` : "";
                        const reach = prefix === 0 ? "the whole internet" : `${cidr}, wider than /${minimum}`;
                        report(`${where}${describePorts(ingress)} lets ${service} in from ${reach}; allow the admin ranges only (or use Session Manager).`);
                    }
                }
            }
        }
    }),
};
