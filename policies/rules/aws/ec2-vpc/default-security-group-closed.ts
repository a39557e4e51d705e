import { ofType, refersTo } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, read } from "../../../lib/values";
import { DEFAULT_SECURITY_GROUP, VPC } from "../types";

export const policy: PlatformStackPolicy = {
    name: "aws-ec2-vpc-default-security-group-closed",
    description: "Every VPC adopts its default security group and removes all of its rules, so nothing can fall back on it (Checkov CKV2_AWS_12, CIS AWS 5.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [VPC, DEFAULT_SECURITY_GROUP],
    requires: "a DefaultSecurityGroup whose `vpcId` is the VPC with `ingress: []` and `egress: []`",
    validateStack: (args, report) => {
        const defaults = ofType(args.resources, DEFAULT_SECURITY_GROUP);
        for (const vpc of ofType(args.resources, VPC)) {
            const adopted = defaults.filter((group) => refersTo(group, "vpcId", vpc));
            if (adopted.length === 0) {
                report(`VPC "${vpc.name}" leaves its default security group as AWS creates it: open to every member of the group and all egress.`, vpc.urn);
                continue;
            }
            for (const group of adopted) {
                const rules = asArray(read(() => group.props.ingress)).length + asArray(read(() => group.props.egress)).length;
                if (rules > 0) {
                    report(`the default security group "${group.name}" of VPC "${vpc.name}" has ${rules} rule(s); it must have none.`, group.urn);
                }
            }
        }
    },
};
