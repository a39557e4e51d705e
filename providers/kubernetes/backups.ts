// On an existing cluster the logical dump adds nothing the database already has. CloudNativePG
// takes a daily base backup and archives WAL continuously to the in-cluster object store (see
// database.ts), which is point-in-time recovery; a pg_dump would land in that same object store,
// on the same cluster and disks, so it would survive no failure those backups do not survive.
// The portable, engine-version-independent copy is one `pg_dump` away from any restored
// point in time. So nothing is created here: the outputs name the backups that exist.

import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, BackupsOutputs, ObservabilityDeps } from "../adapter";
import { LogicalBackupSpec } from "../../tiers/types";
import { objectStoreNames } from "./objectStore";
import { databaseSizing } from "./sizes";

/** CloudNativePG's own schedule and retention, which stand in for the logical dump's. */
export function clusterBackups(ctx: AdapterContext): { bucket: string; schedule: string; retentionDays: number } {
    const sizing = databaseSizing(ctx.platform.database);
    return {
        bucket: objectStoreNames(ctx.platform.name).backupBucket,
        schedule: sizing.backupSchedule,
        retentionDays: ctx.platform.database.backupRetentionDays,
    };
}

export function createBackups(ctx: AdapterContext, _spec: LogicalBackupSpec, _deps: ObservabilityDeps): AdapterResult<BackupsOutputs> {
    const backups = clusterBackups(ctx);
    return {
        outputs: { bucketName: pulumi.output(backups.bucket), schedule: pulumi.output(backups.schedule), retentionDays: pulumi.output(backups.retentionDays) },
        native: {},
        logGroups: [],
    };
}
