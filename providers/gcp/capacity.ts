// The LMS document's cost levers on Compute Engine: scale-to-zero outside working hours through
// the autoscaler's scaling schedules, and Tau T2A for `architecture: arm64` (sizes.ts).

import * as gcp from "@pulumi/gcp";
import { PlatformSpec, ScheduleSpec, ServiceSpec } from "../../tiers/types";
import { cronAt, runMinutesPerDay } from "../vm/schedule";
import { ARM_REGIONS } from "./sizes";

/**
 * The autoscaler may go to zero, and a scaling schedule holds it at the service's minimum from
 * start for the scheduled hours on the schedule's days. Outside them nothing asks for an
 * instance: CPU has no instance to measure, so a web group stays at zero; a worker's queue
 * backlog still brings workers up for waiting tasks, as it would at any hour.
 */
export function scheduledBounds(svc: ServiceSpec, schedule: ScheduleSpec | undefined): { minReplicas: number; scalingSchedules?: gcp.types.input.compute.RegionAutoscalerAutoscalingPolicyScalingSchedule[] } {
    if (!schedule) {
        return { minReplicas: svc.minReplicas };
    }
    return {
        minReplicas: 0,
        scalingSchedules: [
            {
                name: "working-hours",
                description: `${svc.name} runs ${schedule.days.join(", ")} ${schedule.start}-${schedule.stop}`,
                schedule: cronAt(schedule.start, schedule.days),
                durationSec: runMinutesPerDay(schedule) * 60,
                minRequiredReplicas: svc.minReplicas,
                timeZone: schedule.timezone,
            },
        ],
    };
}

/** Scaling schedules run at least 5 minutes; T2A exists in a few regions only. */
export function capacityRegionProblems(spec: PlatformSpec): string[] {
    const problems: string[] = [];
    spec.appFleet.services.forEach((service, index) => {
        if (service.capacity.architecture === "arm64" && spec.runtime === "vm" && !ARM_REGIONS.includes(spec.region ?? "")) {
            problems.push(`platform:services[${index}].architecture: "arm64" runs on Tau T2A machines, which region ${spec.region} does not offer; allowed regions: ${ARM_REGIONS.join(", ")}, or remove architecture`);
        }
    });
    const schedule = spec.appFleet.schedule;
    if (schedule && runMinutesPerDay(schedule) < 5) {
        problems.push(`platform:schedule.stop: "${schedule.stop}" is less than 5 minutes after start "${schedule.start}"; Compute Engine's scaling schedules run 5 minutes at least`);
    }
    return problems;
}
