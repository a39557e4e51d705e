import { ofType, refersTo } from "../../../lib/graph";
import { validateStackInTiers } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformStackPolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { LOAD_BALANCERS, WAF_ASSOCIATION } from "../types";
import { isApplication } from "./shared";

const tiers = tiersWhere((tier) => tier.waf);

export const policy: PlatformStackPolicy = {
    name: "aws-lb-load-balancer-waf-attached",
    description: "Every internet-facing application load balancer is behind a WAF web ACL in the tiers that require one (Checkov CKV2_AWS_28).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [...LOAD_BALANCERS, WAF_ASSOCIATION],
    requires: "a WebAclAssociation whose `resourceArn` is the load balancer",
    tiers,
    validateStack: validateStackInTiers(tiers, (args, report) => {
        const associations = ofType(args.resources, WAF_ASSOCIATION);
        for (const lb of ofType(args.resources, ...LOAD_BALANCERS)) {
            if (isTrue(read(() => lb.props.internal)) || !isApplication(lb.props)) {
                continue;
            }
            if (!associations.some((association) => refersTo(association, "resourceArn", lb))) {
                report(`internet-facing load balancer "${lb.name}" has no WAF web ACL: SQL injection, known bad inputs and floods reach the app.`, lb.urn);
            }
        }
    }),
};
