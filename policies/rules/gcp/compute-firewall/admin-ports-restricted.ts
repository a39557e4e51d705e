import { validateTypes } from "../../../lib/match";
import { isIpv6, prefixLength } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";
import { FIREWALL } from "../types";
import { coversTcpPort, describeAllowed, ingressOf } from "./shared";

const ADMIN_PORTS: Record<number, string> = { 22: "SSH", 3389: "RDP" };

interface Config {
    minimumIpv4Prefix: number;
    minimumIpv6Prefix: number;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-firewall-admin-ports-restricted",
    description: "VPC firewall rules open SSH (22) and RDP (3389) only to admin ranges or Identity-Aware Proxy, never to the internet (Checkov CKV_GCP_2, CKV_GCP_3, CIS GCP 3.6, 3.7).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [FIREWALL],
    requires: "no ingress `allows` covering 22 or 3389 from 0.0.0.0/0, ::/0, no source at all, or a range wider than /16 (IPv4) or /48 (IPv6)",
    configSchema: {
        properties: {
            minimumIpv4Prefix: { type: "integer", minimum: 0, maximum: 32, default: 16, description: "Widest IPv4 admin range allowed, as a prefix length." },
            minimumIpv6Prefix: { type: "integer", minimum: 0, maximum: 128, default: 48, description: "Widest IPv6 admin range allowed, as a prefix length." },
        },
    },
    validateResource: validateTypes([FIREWALL], (props, args, report) => {
        const ingress = ingressOf(props);
        if (!ingress) {
            return;
        }
        const { minimumIpv4Prefix, minimumIpv6Prefix } = args.getConfig<Config>();
        for (const allowed of ingress.allows) {
            for (const [port, service] of Object.entries(ADMIN_PORTS)) {
                if (!coversTcpPort(allowed, Number(port))) {
                    continue;
                }
                for (const cidr of ingress.sourceRanges) {
                    const prefix = prefixLength(cidr) ?? 32;
                    const minimum = isIpv6(cidr) ? minimumIpv6Prefix : minimumIpv4Prefix;
                    if (prefix < minimum) {
                        const reach = ingress.impliedWorld ? "everywhere (the rule names no source, so GCP applies 0.0.0.0/0)" : prefix === 0 ? "the whole internet" : `${cidr}, wider than /${minimum}`;
                        report(`${describeAllowed(allowed)} lets ${service} in from ${reach}; allow the admin ranges or IAP's 35.235.240.0/20 only.`);
                    }
                }
            }
        }
    }),
};
