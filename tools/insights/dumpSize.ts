// What the daily logical dump costs to keep and to take, from the database's disk: stated
// assumptions, the same on every cloud.

/**
 * A compressed custom-format dump is about a quarter of the live data, and a provisioned disk
 * runs under half full: a tenth of the allocated disk per dump.
 */
export const DUMP_SHARE_OF_DISK = 0.1;
/** Half an hour a day for the dump job, where the job is billed by the second. */
export const DUMP_HOURS_PER_MONTH = 0.5 * (365 / 12);

/** GB a backups bucket holds in steady state: one dump a day, each kept retentionDays. */
export function dumpStorageGb(diskGb: number, retentionDays: number): number {
    return diskGb * DUMP_SHARE_OF_DISK * retentionDays;
}

export const DUMP_ASSUMPTION = `dumps at ${DUMP_SHARE_OF_DISK * 100}% of the database's allocated disk, one a day`;
