// The scale-to-zero schedule in the terms every cloud's scheduler takes: cron fields, minutes
// and the hours a fleet is off each week. Pure: the schedule in, plain values out.

import { Weekday, WEEKDAYS } from "../../config/types";
import { ScheduleSpec } from "../../tiers/types";

/** Cron's day-of-week numbers (0 is Sunday), the one spelling AWS and Compute Engine both accept. */
const CRON_DAY: Record<Weekday, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export const HOURS_PER_WEEK = 168;

/** "HH:MM" -> minutes after midnight. */
export function minutesOfDay(time: string): number {
    const [hours, minutes] = time.split(":").map(Number);
    return hours * 60 + minutes;
}

/** The schedule's days in week order, as cron numbers: "1,2,3,4,5". */
export function cronDays(days: readonly Weekday[]): string {
    return WEEKDAYS.filter((day) => days.includes(day))
        .map((day) => CRON_DAY[day])
        .join(",");
}

/** A cron expression "MM HH * * days" firing at `time` on the schedule's days. */
export function cronAt(time: string, days: readonly Weekday[]): string {
    const minutes = minutesOfDay(time);
    return `${minutes % 60} ${Math.floor(minutes / 60)} * * ${cronDays(days)}`;
}

/** Minutes the fleet runs on each scheduled day. */
export function runMinutesPerDay(schedule: Pick<ScheduleSpec, "start" | "stop">): number {
    return minutesOfDay(schedule.stop) - minutesOfDay(schedule.start);
}

/** Hours a week the fleet runs: days x (stop - start). */
export function hoursOnPerWeek(schedule: Pick<ScheduleSpec, "days" | "start" | "stop">): number {
    return (schedule.days.length * runMinutesPerDay(schedule)) / 60;
}

/** Hours a week the fleet is at zero: 168 - hoursOnPerWeek. */
export function hoursOffPerWeek(schedule: Pick<ScheduleSpec, "days" | "start" | "stop">): number {
    return HOURS_PER_WEEK - hoursOnPerWeek(schedule);
}
