import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { describeRule, inboundAllowsOf, RULE_TYPES, worldSources } from "./rules";

interface Config {
    allowedPorts: number[];
}

export const policy: PlatformResourcePolicy = {
    name: "azure-network-security-group-no-world-ingress-except-web",
    description: "Network security groups accept traffic from the internet only on TCP 80 and 443: no UDP, no other port, no port range (Checkov CKV_AZURE_77, CKV_AZURE_160, CIS Azure 7.3, 7.4).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: RULE_TYPES,
    requires: "inbound Allow rules from `*`, `Internet`, `Any` or 0.0.0.0/0 are TCP on single allowed ports (80, 443)",
    configSchema: {
        properties: {
            allowedPorts: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443], description: "TCP ports that may be open to the internet." },
        },
    },
    validateResource: validateTypes(RULE_TYPES, (props, args, report) => {
        const { allowedPorts } = args.getConfig<Config>();
        for (const rule of inboundAllowsOf(args.type, props)) {
            const world = worldSources(rule);
            const web = rule.protocol === "tcp" && rule.ports.length > 0 && rule.ports.every((range) => range.from === range.to && allowedPorts.includes(range.from));
            if (world.length > 0 && !web) {
                report(`${describeRule(rule)} is open to ${world.join(" and ")}: only TCP ${allowedPorts.join(" and ")} may face the internet.`);
            }
        }
    }),
};
