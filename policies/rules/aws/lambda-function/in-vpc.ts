import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { LAMBDA_FUNCTION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lambda-function-in-vpc",
    description: "Lambda functions run in the platform's VPC, behind its security groups and flow logs (Checkov CKV_AWS_117).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [LAMBDA_FUNCTION],
    requires: "`vpcConfig` with subnets and security groups",
    validateResource: validateTypes([LAMBDA_FUNCTION], (props, _args, report) => {
        const vpc = read(() => props.vpcConfig) as { subnetIds?: unknown[]; securityGroupIds?: unknown[] } | undefined;
        if (isUnknown(vpc)) {
            return;
        }
        if (!vpc?.subnetIds?.length || !vpc.securityGroupIds?.length) {
            report("vpcConfig has no subnets or security groups: the function would run outside the VPC, reaching the internet directly and nothing private.");
        }
    }),
};
