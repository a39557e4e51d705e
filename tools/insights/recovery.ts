// The plan's "Disaster recovery" section: per part of the platform, the documents' target beside
// what the cloud promises with the DR copies the stack builds, and every promise that misses.
// Read from the stack's `disasterRecovery` output, so it states what the program built.

import { table } from "./format";

export interface Objective {
    rpoMinutes: number;
    rtoMinutes: number;
}

export interface RecoveryRow {
    component: string;
    target?: Objective;
    promised: Objective;
    method: string;
    /** What misses the target: "RPO", "RTO" or both; empty when it is met or there is none. */
    misses: string[];
}

export interface RecoveryReport {
    region: string;
    rows: RecoveryRow[];
}

interface RecoveryOutput {
    region?: string;
    targets?: Record<string, Objective>;
    promises?: ({ component: string; method: string } & Objective)[];
}

/** The report of a plan whose stack has a DR region; undefined without one. */
export function recoveryReport(outputs: Record<string, unknown>): RecoveryReport | undefined {
    const output = outputs.disasterRecovery as RecoveryOutput | undefined;
    if (!output?.promises) {
        return undefined;
    }
    const targets = output.targets ?? {};
    const rows = output.promises.map((promise): RecoveryRow => {
        const target = targets[promise.component];
        const misses = target
            ? [promise.rpoMinutes > target.rpoMinutes ? "RPO" : "", promise.rtoMinutes > target.rtoMinutes ? "RTO" : ""].filter(Boolean)
            : [];
        return { component: promise.component, target, promised: { rpoMinutes: promise.rpoMinutes, rtoMinutes: promise.rtoMinutes }, method: promise.method, misses };
    });
    return { region: output.region ?? "", rows };
}

function duration(minutes: number): string {
    return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

export function formatRecovery(report: RecoveryReport): string {
    const rows = [
        ["Part", "Target RPO / RTO", "Promised RPO / RTO", "", "How"],
        ...report.rows.map((row) => [
            row.component,
            row.target ? `${duration(row.target.rpoMinutes)} / ${duration(row.target.rtoMinutes)}` : "-",
            `${duration(row.promised.rpoMinutes)} / ${duration(row.promised.rtoMinutes)}`,
            row.misses.length ? `MISSES ${row.misses.join(" and ")}` : row.target ? "ok" : "",
            row.method,
        ]),
    ];
    const missed = report.rows.filter((row) => row.misses.length > 0);
    const verdict = missed.length
        ? `WARNING: ${missed.map((row) => `${row.component} misses its ${row.misses.join(" and ")} target`).join("; ")}.`
        : "Every promise meets the documents' targets.";
    return [`Disaster recovery (copies in ${report.region}):`, table(rows, false), verdict].join("\n");
}
