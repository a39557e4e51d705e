import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-in-vpc",
    description: "OpenSearch domains live in the VPC, not on a public endpoint (Checkov CKV_AWS_137).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`vpcOptions.subnetIds` (the data subnets) and `vpcOptions.securityGroupIds`",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        const subnets = at(props, "vpcOptions.subnetIds");
        if (!isUnknown(subnets) && asArray(subnets).length === 0) {
            report("vpcOptions.subnetIds is empty: the domain gets a public endpoint reachable from the internet.");
        } else if (!isUnknown(at(props, "vpcOptions.securityGroupIds")) && asArray(at(props, "vpcOptions.securityGroupIds")).length === 0) {
            report("vpcOptions.securityGroupIds is empty: the VPC default security group guards the domain.");
        }
    }),
};
