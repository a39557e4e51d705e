// The rules behind the Azure alerts as plain values and pure functions, tested without Pulumi:
// the documents' limits AlarmThresholds does not carry, the windows Azure accepts, the gateway's
// log queries, the budget's start, and the names observability derives with Azure's limits.

/**
 * Limits the idea-management design names but AlarmThresholds does not carry: "upgrade instance
 * class if consistently > 80%" (read as 15 minutes), storage 90 % full (the AWS column's 10 %
 * free), and a worker backlog above the scale-out depth for 15 minutes (autoscaling has hit
 * maxReplicas, or the workers fail every task).
 */
export const DATABASE_LIMITS = { cpuPercent: 80, cpuMinutes: 15, storagePercent: 90, storageMinutes: 5 };
export const QUEUE_BACKLOG_MINUTES = 15;

/** PerGB2018 workspaces keep 30 to 730 days; 31 days are paid with ingestion anyway. */
export const WORKSPACE_RETENTION = { min: 30, max: 730 };

/**
 * Availability test locations (five regions on three continents, the minimum Azure advises) and
 * the failing-location count that alerts: Azure's rule of thumb, locations minus two.
 */
export const AVAILABILITY_LOCATIONS = ["us-va-ash-azr", "us-ca-sjc-azr", "us-tx-sn1-azr", "emea-nl-ams-azr", "apac-sg-sin-azr"];
export const AVAILABILITY_FAILED_LOCATIONS = AVAILABILITY_LOCATIONS.length - 2;
/** Seconds between test runs: 300 is the shortest standard tests accept (the seed's 30 s is not offered). */
export const AVAILABILITY_FREQUENCY_SECONDS = 300;

/** Window sizes a metric alert accepts, in minutes. */
const METRIC_WINDOWS = [1, 5, 15, 30, 60, 360, 720, 1440];

export function isoMinutes(minutes: number): string {
    if (minutes >= 1440 && minutes % 1440 === 0) return `P${minutes / 1440}D`;
    if (minutes >= 60 && minutes % 60 === 0) return `PT${minutes / 60}H`;
    return `PT${minutes}M`;
}

/**
 * The longest window Azure accepts that is not longer than the documents' duration, so an alert
 * never fires later than they ask: 2 minutes (database connections) becomes PT1M.
 */
export function metricWindow(minutes: number): { minutes: number; iso: string } {
    const fitting = METRIC_WINDOWS.filter((window) => window <= minutes);
    const chosen = fitting.length ? fitting[fitting.length - 1] : METRIC_WINDOWS[0];
    return { minutes: chosen, iso: isoMinutes(chosen) };
}

/** A budget must start on the first of a month, in the past no earlier than the current month. */
export function budgetStartDate(now: Date): string {
    const month = String(now.getUTCMonth() + 1).padStart(2, "0");
    return `${now.getUTCFullYear()}-${month}-01T00:00:00Z`;
}

/** The action group's SMS/e-mail short name: at most 12 letters, digits or hyphens. */
export function shortName(platformName: string): string {
    return platformName.replace(/[^A-Za-z0-9-]/g, "").slice(0, 12).replace(/-+$/, "") || "platform";
}

/** Gateway access-log queries (resource-specific table AGWAccessLogs) for what metrics cannot express. */
export function gatewayErrorRateQuery(gatewayId: string): string {
    return [
        "AGWAccessLogs",
        `| where _ResourceId =~ '${gatewayId}'`,
        "| summarize requests = count(), errors = countif(HttpStatus >= 500)",
        // A window without requests has no rate: nothing failed.
        "| where requests > 0",
        "| extend errorRatePercent = 100.0 * errors / requests",
    ].join("\n");
}

export function gatewayLatencyQuery(gatewayId: string): string {
    return [
        "AGWAccessLogs",
        `| where _ResourceId =~ '${gatewayId}'`,
        "| summarize requests = count(), p95Ms = percentile(TimeTaken, 95) * 1000",
        // A p95 of a handful of requests is noise, not a trend.
        "| where requests >= 20",
    ].join("\n");
}

/** A name this file derives from the platform name, with what Azure accepts for it (for validateNames). */
export interface DerivedName {
    what: string;
    name: string;
    max: number;
    pattern: RegExp;
}

/** Workspace: 4-63 letters, digits and hyphens, edges alphanumeric; budget: 1-63 letters, digits, "-" and "_". */
export function observabilityNames(platformName: string): { workspace: DerivedName; budget: DerivedName } {
    return {
        workspace: { what: "Log Analytics workspace", name: `${platformName}-logs`, max: 63, pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/ },
        budget: { what: "budget", name: `${platformName}-monthly`, max: 63, pattern: /^[A-Za-z0-9_-]+$/ },
    };
}

/** The problems validateNames reports for a derived name: too long, or characters Azure refuses. */
export function derivedNameProblems(names: DerivedName[]): string[] {
    return names.flatMap(({ what, name, max, pattern }) => [
        ...(name.length > max ? [`${what} name "${name}" is ${name.length} characters; Azure accepts at most ${max}: shorten the stack name`] : []),
        ...(pattern.test(name) ? [] : [`${what} name "${name}" has characters Azure refuses (${pattern.source})`]),
    ]);
}
