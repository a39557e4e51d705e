// The autoscaler of a service's regional instance group: the tier's CPU target by default, the
// idea-management document's step rule (`services[].cpuScaling`) as closely as Compute Engine's
// target-based autoscaler expresses it, and the workers' queue-depth policy (appFleet.ts).

import * as gcp from "@pulumi/gcp";
import { ServiceSpec } from "../../tiers/types";
import { scheduledBounds } from "./capacity";
import { childOpts } from "./common";
import { computeName, FleetScope } from "./loadBalancer";

type Policy = gcp.types.input.compute.RegionAutoscalerAutoscalingPolicy;

/** An autoscaler on a service's group between its minimum and maximum (zero outside a schedule's hours). */
export function regionAutoscaler(
    s: FleetScope,
    svc: ServiceSpec,
    group: gcp.compute.RegionInstanceGroupManager,
    policy: Omit<Policy, "minReplicas" | "maxReplicas" | "cooldownPeriod" | "mode">,
): gcp.compute.RegionAutoscaler {
    return new gcp.compute.RegionAutoscaler(
        computeName(s.ctx, `${svc.name}-autoscaler`),
        {
            region: s.region,
            target: group.id,
            autoscalingPolicy: {
                ...scheduledBounds(svc, s.spec.schedule),
                maxReplicas: svc.maxReplicas,
                // A booting instance's load does not count until it could serve (AWS: estimatedInstanceWarmup).
                cooldownPeriod: s.spec.healthCheckGraceSeconds,
                mode: "ON",
                ...policy,
            },
        },
        childOpts(s.ctx),
    );
}

/** Target tracking of the group's average CPU at the tier's target (70 %). */
export function cpuTargetPolicy(s: FleetScope): Pick<Policy, "cpuUtilization"> {
    return { cpuUtilization: { target: s.spec.cpuTargetPercent / 100 } };
}

/**
 * The idea-management document's API rule (out above scaleOutPercent for scaleOutMinutes, in
 * below scaleInPercent for scaleInMinutes, one instance at a time) in Compute Engine's terms.
 * The autoscaler has no step policies, only a target, so:
 * - out: the target is scaleOutPercent, so the group grows while its average CPU is above it.
 *   Compute Engine reacts to the last minutes' average rather than waiting scaleOutMinutes, and
 *   may add several instances at once, as many as the load needs to fall back to the target;
 * - in: the group only shrinks after scaleInMinutes without a lower recommendation
 *   (stabilizationPeriod) and by one instance per scaleInMinutes (scaleInControl). Compute
 *   Engine removes an instance when the remaining ones would stay under the target, not when
 *   CPU drops under scaleInPercent: with n instances that is below scaleOutPercent * (n-1)/n,
 *   so a group of three shrinks below 47 % instead of 30 %.
 */
export function cpuStepPolicy(rule: NonNullable<ServiceSpec["cpuScaling"]>): Pick<Policy, "cpuUtilization" | "scaleInControl" | "stabilizationPeriod"> {
    const scaleInSeconds = rule.scaleInMinutes * 60;
    return {
        cpuUtilization: { target: rule.scaleOutPercent / 100 },
        stabilizationPeriod: scaleInSeconds,
        scaleInControl: { maxScaledInReplicas: { fixed: 1 }, timeWindowSec: scaleInSeconds },
    };
}

export function cpuStepScaling(s: FleetScope, svc: ServiceSpec, group: gcp.compute.RegionInstanceGroupManager, rule: NonNullable<ServiceSpec["cpuScaling"]>): gcp.compute.RegionAutoscaler {
    return regionAutoscaler(s, svc, group, cpuStepPolicy(rule));
}
