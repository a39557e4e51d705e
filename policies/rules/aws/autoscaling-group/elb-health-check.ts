import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { ASG } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-autoscaling-group-elb-health-check",
    description: "Auto Scaling groups behind a load balancer replace instances the load balancer finds unhealthy (Checkov CKV2_AWS_15).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [ASG],
    requires: "`healthCheckType: \"ELB\"` whenever `targetGroupArns` or `loadBalancers` is set",
    validateResource: validateTypes([ASG], (props, _args, report) => {
        const targets = read(() => props.targetGroupArns);
        const classic = read(() => props.loadBalancers);
        if (isUnknown(targets) || isUnknown(classic)) {
            return;
        }
        if (asArray(targets).length + asArray(classic).length > 0 && read(() => props.healthCheckType) !== "ELB") {
            report("healthCheckType is not ELB: an instance whose app stopped answering stays in service as long as the VM runs.");
        }
    }),
};
