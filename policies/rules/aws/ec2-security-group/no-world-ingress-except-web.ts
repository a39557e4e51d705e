import { validateTypes } from "../../../lib/match";
import { describePorts, ingressRulesOf, INGRESS_TYPES, worldCidrs } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";

interface Config {
    allowedPorts: number[];
}

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-security-group-no-world-ingress-except-web",
    description: "Security groups accept traffic from the whole internet only on the web ports 80 and 443 (Checkov CKV_AWS_260, CKV_AWS_277).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: INGRESS_TYPES,
    requires: "ingress from 0.0.0.0/0 or ::/0 is TCP on a single allowed port (80 or 443)",
    configSchema: {
        properties: {
            allowedPorts: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443], description: "TCP ports that may be open to the internet." },
        },
    },
    validateResource: validateTypes(INGRESS_TYPES, (props, args, report) => {
        const { allowedPorts } = args.getConfig<Config>();
        for (const ingress of ingressRulesOf(args.type, props)) {
            const world = worldCidrs(ingress);
            const web = ingress.protocol === "tcp" && ingress.fromPort === ingress.toPort && allowedPorts.includes(ingress.fromPort);
            if (world.length > 0 && !web) {
                const where = ingress.where ? `${ingress.where}: ` : "";
                report(`${where}${describePorts(ingress)} open to ${world.join(" and ")}: only TCP ${allowedPorts.join(" and ")} may face the internet.`);
            }
        }
    }),
};
