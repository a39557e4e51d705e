import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { SUBNET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-ec2-subnet-no-public-ip-on-launch",
    description: "Subnets never hand out public addresses automatically; the load balancer and NAT bring their own (Checkov CKV_AWS_130).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [SUBNET],
    requires: "`mapPublicIpOnLaunch` unset or `false`",
    validateResource: validateTypes([SUBNET], (props, _args, report) => {
        if (isTrue(props.mapPublicIpOnLaunch)) {
            report("mapPublicIpOnLaunch is true: every instance launched here becomes reachable from the internet.");
        }
    }),
};
