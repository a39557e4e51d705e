// The LMS document's cost levers on scale sets: scale-to-zero outside working hours as two
// recurring autoscale profiles, and Cobalt 100 for `architecture: arm64` (sizes.ts).

import * as inputs from "@pulumi/azure-native/types/input";
import { WEEKDAYS } from "../../config/types";
import { PlatformSpec, ScheduleSpec } from "../../tiers/types";
import { minutesOfDay } from "../vm/schedule";
import { MAPPED_TIME_ZONES, windowsTimeZone } from "./timeZones";

const DAY_NAMES = { Mon: "Monday", Tue: "Tuesday", Wed: "Wednesday", Thu: "Thursday", Fri: "Friday", Sat: "Saturday", Sun: "Sunday" } as const;

/** The LMS document's Ubuntu LTS image for the architecture (the arm64 server SKU of the same offer). */
export function ubuntuImageFor(architecture: string): inputs.compute.ImageReferenceArgs {
    return { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: architecture === "arm64" ? "server-arm64" : "server", version: "latest" };
}

function recurrence(schedule: ScheduleSpec, time: string): inputs.monitor.RecurrenceArgs {
    const minutes = minutesOfDay(time);
    return {
        frequency: "Week",
        schedule: {
            timeZone: windowsTimeZone(schedule.timezone) ?? "UTC",
            days: WEEKDAYS.filter((day) => schedule.days.includes(day)).map((day) => DAY_NAMES[day]),
            hours: [Math.floor(minutes / 60)],
            minutes: [minutes % 60],
        },
    };
}

/**
 * A recurring profile lasts until the next one starts: the working-hours profile (the service's
 * range and rules) from start on each day, the off-hours profile (zero, no rules) from stop, so a
 * day without a start stays at zero. The working profile comes first: it is the fleet's size.
 */
export function scheduledProfiles(working: inputs.monitor.AutoscaleProfileArgs, schedule: ScheduleSpec | undefined): inputs.monitor.AutoscaleProfileArgs[] {
    if (!schedule) {
        return [working];
    }
    return [
        { ...working, name: "working-hours", recurrence: recurrence(schedule, schedule.start) },
        { name: "off-hours", capacity: { minimum: "0", maximum: "0", default: "0" }, rules: [], recurrence: recurrence(schedule, schedule.stop) },
    ];
}

/** Zones autoscale cannot name are refused before anything is created. */
export function scheduleZoneProblems(spec: PlatformSpec): string[] {
    const zone = spec.appFleet.schedule?.timezone;
    if (zone === undefined || windowsTimeZone(zone) !== undefined) {
        return [];
    }
    return [`platform:schedule.timezone: "${zone}" has no Windows time zone name in the platform's table, and Azure autoscale takes only those; allowed: ${MAPPED_TIME_ZONES.join(", ")}`];
}
