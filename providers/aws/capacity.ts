// The LMS document's cost levers on EC2 Auto Scaling: spot capacity above an on-demand base for
// workers (a mixed instances policy), scale-to-zero outside working hours (scheduled actions),
// and Graviton for `architecture: arm64` (sizes.ts).

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ScheduleSpec, ServiceSpec } from "../../tiers/types";
import { cronAt } from "../vm/schedule";
import { childName, childOpts } from "./common";
import { FleetScope } from "./loadBalancer";
import { spotInstanceTypesFor } from "./sizes";

/**
 * Spot capacity above the base: EC2 picks the pools least likely to be interrupted at the lowest
 * price among the alternatives, and launches a replacement when one is at risk (capacity
 * rebalancing) before the two-minute interruption notice.
 */
export function spotPlacement(svc: ServiceSpec, template: aws.ec2.LaunchTemplate): Pick<aws.autoscaling.GroupArgs, "mixedInstancesPolicy" | "capacityRebalance" | "launchTemplate"> {
    if (!svc.capacity.spot) {
        return { launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` } };
    }
    return {
        capacityRebalance: true,
        mixedInstancesPolicy: {
            instancesDistribution: {
                onDemandBaseCapacity: svc.capacity.onDemandBase,
                onDemandPercentageAboveBaseCapacity: 0,
                onDemandAllocationStrategy: "prioritized",
                spotAllocationStrategy: "price-capacity-optimized",
            },
            launchTemplate: {
                launchTemplateSpecification: { launchTemplateId: template.id, version: pulumi.interpolate`${template.latestVersion}` },
                overrides: spotInstanceTypesFor(svc.shape, svc.capacity.architecture).map((instanceType) => ({ instanceType })),
            },
        },
    };
}

/** AWS takes canonical IANA names; "UTC" is tzdata's alias of Etc/UTC. */
export function awsTimeZone(zone: string): string {
    return zone === "UTC" ? "Etc/UTC" : zone;
}

/**
 * Two scheduled actions per group: back to its range at start, to zero at stop, on the
 * schedule's days in its time zone. A day without a start stays at zero from the last stop.
 */
export function scheduleActions(s: FleetScope, svc: ServiceSpec, group: aws.autoscaling.Group, schedule: ScheduleSpec): aws.autoscaling.Schedule[] {
    const action = (role: "start" | "stop", time: string, size: { minSize: number; maxSize: number; desiredCapacity: number }) =>
        new aws.autoscaling.Schedule(
            childName(s.ctx, `${svc.name}-${role}`),
            {
                scheduledActionName: `${role}-${time.replace(":", "")}`,
                autoscalingGroupName: group.name,
                recurrence: cronAt(time, schedule.days),
                timeZone: awsTimeZone(schedule.timezone),
                ...size,
            },
            childOpts(s.ctx),
        );
    return [
        action("start", schedule.start, { minSize: svc.minReplicas, maxSize: svc.maxReplicas, desiredCapacity: svc.minReplicas }),
        action("stop", schedule.stop, { minSize: 0, maxSize: 0, desiredCapacity: 0 }),
    ];
}
