import type { PolicyResource } from "@pulumi/policy";
import { ofType, refersTo } from "../../../lib/graph";
import { AWS_SECURITY_GROUP, describePorts, ingressRulesOf, INGRESS_TYPES, worldCidrs } from "../../../lib/network";
import { PlatformStackPolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { LOAD_BALANCERS } from "../types";

/** The security groups a rule belongs to: the group itself, or the one its securityGroupId names. */
function groupsOf(resources: PolicyResource[], owner: PolicyResource): PolicyResource[] {
    if (owner.type === AWS_SECURITY_GROUP) {
        return [owner];
    }
    return ofType(resources, AWS_SECURITY_GROUP).filter((group) => refersTo(owner, "securityGroupId", group));
}

export const policy: PlatformStackPolicy = {
    name: "aws-ec2-security-group-world-ingress-only-on-load-balancer",
    description: "Only the security groups of internet-facing load balancers accept traffic from the whole internet (Checkov CKV_AWS_260, CIS AWS 5.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [...INGRESS_TYPES, ...LOAD_BALANCERS],
    requires: "every ingress from 0.0.0.0/0 or ::/0 belongs to a group attached to a non-internal load balancer",
    validateStack: (args, report) => {
        const publicBalancers = ofType(args.resources, ...LOAD_BALANCERS).filter((lb) => !isTrue(read(() => lb.props.internal)));
        for (const owner of ofType(args.resources, ...INGRESS_TYPES)) {
            const open = ingressRulesOf(owner.type, owner.props).filter((ingress) => worldCidrs(ingress).length > 0);
            if (open.length === 0) {
                continue;
            }
            const groups = groupsOf(args.resources, owner);
            const fronted = groups.some((group) => publicBalancers.some((lb) => refersTo(lb, "securityGroups", group)));
            if (!fronted) {
                const target = groups.length > 0 ? `security group "${groups[0].name}", which no internet-facing load balancer uses` : "a security group outside this stack";
                report(`"${owner.name}" opens ${open.map(describePorts).join(", ")} to the internet on ${target}.`, owner.urn);
            }
        }
    },
};
