import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, BackupsOutputs, ObservabilityDeps } from "../adapter";
import { LogicalBackupSpec } from "../../tiers/types";

// SKELETON: replaced by the backups bucket and the daily dump job.
export function createBackups(_ctx: AdapterContext, spec: LogicalBackupSpec, _deps: ObservabilityDeps): AdapterResult<BackupsOutputs> {
    return { outputs: { bucketName: pulumi.output(""), schedule: pulumi.output(spec.timeUtc), retentionDays: pulumi.output(spec.retentionDays) }, native: {} };
}
