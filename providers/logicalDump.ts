// What every cloud's daily logical dump shares: when it runs and where the file goes. Pure.
// The managed backups (daily snapshot and continuous WAL, point-in-time restore) stay inside the
// database service and die with it; this is the copy outside it, restorable anywhere pg_restore runs.

/** Dumps land under this prefix, one file a day. */
export const DUMP_PREFIX = "daily/";

/** `daily/2026-11-29.dump`: the object name of the dump taken on that UTC date. */
export function dumpObjectName(isoDate: string): string {
    return `${DUMP_PREFIX}${isoDate}.dump`;
}

/** "02:00" -> { hour: 2, minute: 0 }; the config check has already validated the form. */
export function clockOf(timeUtc: string): { hour: number; minute: number } {
    const [hour, minute] = timeUtc.split(":").map(Number);
    return { hour, minute };
}

/** Five-field cron, every day at timeUtc: Cloud Scheduler, Kubernetes CronJobs, Container Apps Jobs. */
export function dailyCron(timeUtc: string): string {
    const { hour, minute } = clockOf(timeUtc);
    return `${minute} ${hour} * * *`;
}

/** EventBridge Scheduler's six-field form, every day at timeUtc. */
export function dailyAwsCron(timeUtc: string): string {
    const { hour, minute } = clockOf(timeUtc);
    return `cron(${minute} ${hour} * * ? *)`;
}

/** The PostgreSQL client image matching the server's major version, e.g. "15.7" -> "15". */
export function clientMajor(engineVersion: string): string {
    return engineVersion.split(".")[0];
}
