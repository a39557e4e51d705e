// The keys that tune when the platform alerts and scales: `alarms` (thresholds over the tier's
// defaults) and a web service's `cpuScaling` (step scaling on CPU instead of target tracking).
// Windows are whole minutes because the alarms evaluate one-minute datapoints.

import { integerIn, keyPath, numberWhere, parseFields, Parsed, Path, Problems, show } from "./schema";
import { AlarmKey, CpuScalingConfig, ServiceKind } from "./types";

/**
 * PutMetricAlarm caps period x evaluation periods at one day when the period is under an hour,
 * so a window of one-minute datapoints holds at most 1440 of them.
 */
export const MAX_WINDOW_MINUTES = 1440;

const windowMinutes = () =>
    integerIn(1, MAX_WINDOW_MINUTES, `a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES} (CloudWatch evaluates at most one day of one-minute datapoints)`);
// Above 100 % nothing can be: an alarm at 100 would never fire.
const percentage = () => numberWhere("a percentage above 0 and below 100", (value) => value > 0 && value < 100);
const milliseconds = () => numberWhere("a positive number of milliseconds", (value) => value > 0);

export const alarmFields = {
    cpuPercent: percentage().optional(),
    cpuMinutes: windowMinutes().optional(),
    memoryPercent: percentage().optional(),
    memoryMinutes: windowMinutes().optional(),
    errorRatePercent: percentage().optional(),
    errorRateMinutes: windowMinutes().optional(),
    responseTimeP95Ms: milliseconds().optional(),
    dbConnectionsPercent: percentage().optional(),
    dbConnectionsMinutes: windowMinutes().optional(),
    cacheMemoryPercent: percentage().optional(),
    cacheMemoryMinutes: windowMinutes().optional(),
} satisfies Record<AlarmKey, unknown>;

// Average CPU never exceeds 100 %: a scale-out threshold of 100 would never fire.
const cpuThreshold = () => numberWhere("a CPU percentage above 0 and below 100", (value) => value > 0 && value < 100);

/** All four required: a stack that scales on CPU states its whole rule. */
export const cpuScalingFields = {
    scaleOutPercent: cpuThreshold(),
    scaleOutMinutes: windowMinutes(),
    scaleInPercent: cpuThreshold(),
    scaleInMinutes: windowMinutes(),
} satisfies Record<keyof CpuScalingConfig, unknown>;

export function parseAlarms(raw: Record<string, unknown>, problems: Problems): Parsed<typeof alarmFields> {
    return parseFields(alarmFields, raw, ["alarms"], problems).value;
}

/** A service's `cpuScaling` (already known to be an object); undefined when it has problems. */
export function parseCpuScaling(raw: Record<string, unknown>, kind: ServiceKind | undefined, path: Path, problems: Problems): CpuScalingConfig | undefined {
    if (kind === "worker") {
        problems.add(path, `${show(raw)}: cpuScaling is not allowed for a worker (workers scale on their queue depth); remove it or use kind web`);
        return undefined;
    }
    const { value, failed } = parseFields(cpuScalingFields, raw, path, problems);
    const { scaleOutPercent, scaleInPercent } = value;
    if (scaleOutPercent !== undefined && scaleInPercent !== undefined && scaleInPercent >= scaleOutPercent) {
        problems.add(
            [...path, "scaleInPercent"],
            `${show(scaleInPercent)} is not below ${keyPath([...path, "scaleOutPercent"])} ${show(scaleOutPercent)}; allowed: scaleInPercent < scaleOutPercent (the fleet would otherwise be told to grow and shrink at once)`,
        );
        return undefined;
    }
    return failed.size === 0 ? (value as CpuScalingConfig) : undefined;
}
