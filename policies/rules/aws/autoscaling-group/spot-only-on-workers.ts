import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { ASG } from "../types";

/** EC2 Auto Scaling's default: everything above the base is on-demand. */
const DEFAULT_ON_DEMAND_ABOVE_BASE = 100;

export const policy: PlatformResourcePolicy = {
    name: "aws-autoscaling-group-spot-only-on-workers",
    description:
        "Spot capacity only on groups that serve no load balancer (queue workers, which retry an interrupted task), and above at least one on-demand instance, so a spot reclaim never empties a fleet (LMS requirements, Optimization Strategies: spot for fault-tolerant workloads; no Checkov or CIS check exists for spot capacity).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [ASG],
    requires: "with `mixedInstancesPolicy` spot (`onDemandPercentageAboveBaseCapacity` below 100): no `targetGroupArns`, and `onDemandBaseCapacity` of at least 1",
    validateResource: validateTypes([ASG], (props, _args, report) => {
        const distribution = read(() => (props.mixedInstancesPolicy as { instancesDistribution?: Record<string, unknown> } | undefined)?.instancesDistribution);
        if (isUnknown(distribution) || !distribution) {
            return;
        }
        const aboveBase = distribution.onDemandPercentageAboveBaseCapacity;
        if (isUnknown(aboveBase) || (typeof aboveBase === "number" ? aboveBase : DEFAULT_ON_DEMAND_ABOVE_BASE) >= 100) {
            return;
        }
        const targets = read(() => props.targetGroupArns);
        if (!isUnknown(targets) && asArray(targets).length > 0) {
            report("spot capacity behind a load balancer: a reclaimed instance drops the requests it serves; keep web groups on-demand and use spot for workers.");
        }
        const base = distribution.onDemandBaseCapacity;
        if (!isUnknown(base) && !(typeof base === "number" && base >= 1)) {
            report("spot capacity with no on-demand base: one reclaim of the pool can take every instance of the fleet; set onDemandBaseCapacity to 1 or more.");
        }
    }),
};
