// The LMS document's daily logical dump on GCP, with no compute of its own. Cloud SQL's automated
// backups and point-in-time recovery cover the daily full and the WAL; the copy outside Cloud
// SQL is a serverless export (`offload`: a temporary instance dumps, the primary is not loaded)
// into a bucket of its own: versioned, the component's key, public access prevented, access
// logged, objects deleted after the retention. Cloud Scheduler starts a workflow every day at
// timeUtc; the workflow names the file by date (a Scheduler body is fixed, and Cloud SQL refuses
// to overwrite an existing file) and calls `instances.export` through the SQL Admin connector,
// which waits for the operation. Cloud SQL writes plain SQL (pg_dump's plain format; it offers
// no custom format), compressed because the name ends in .gz: `daily/<date>.sql.gz`.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, BackupsOutputs, ObservabilityDeps } from "../adapter";
import { LogicalBackupSpec } from "../../tiers/types";
import { dailyCron, DUMP_PREFIX } from "../logicalDump";
import { requireApis } from "./apis";
import { childName, childOpts, createCryptoKey, dataOpts, labelsFor, projectOf, regionOf } from "./common";
import { GcpDatabaseNative, GcpNetworkNative, GcpObjectStoreNative, nativeOf } from "./native";
import { serviceAccountIdFor } from "./names";
import { SOFT_DELETE_SECONDS } from "./objectStore";

/** What the exporting identity may do, on the platform's instance only: start an export and follow it. */
export const EXPORT_PERMISSIONS = ["cloudsql.instances.get", "cloudsql.instances.export"];

/** The workflow: a dated object name, then the export, waited for by the connector. */
export function exportWorkflow(options: { project: string; instance: string; bucket: string; database: string }): string {
    return [
        "main:",
        "  steps:",
        "    - name:",
        "        assign:",
        "          - date: ${text.substring(time.format(sys.now()), 0, 10)}",
        `          - uri: \${"gs://${options.bucket}/${DUMP_PREFIX}" + date + ".sql.gz"}`,
        "    - export:",
        "        call: googleapis.sqladmin.v1.instances.export",
        "        args:",
        `          project: ${options.project}`,
        `          instance: ${options.instance}`,
        "          body:",
        "            exportContext:",
        "              fileType: SQL",
        "              uri: ${uri}",
        `              databases: ["${options.database}"]`,
        "              offload: true",
        "    - done:",
        "        return: ${uri}",
        "",
    ].join("\n");
}

function createBucket(ctx: AdapterContext, spec: LogicalBackupSpec, network: GcpNetworkNative, objectStore: GcpObjectStoreNative, key: gcp.kms.CryptoKey, ready: pulumi.Resource[]): gcp.storage.Bucket {
    // Versioning, not a retention policy: Cloud Storage refuses both on one bucket, and versions
    // plus soft delete keep an overwritten or deleted dump restorable.
    return new gcp.storage.Bucket(
        childName(ctx, "bucket"),
        {
            project: network.project,
            location: regionOf(ctx),
            storageClass: "STANDARD",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            versioning: { enabled: true },
            encryption: { defaultKmsKeyName: key.id },
            softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_SECONDS },
            lifecycleRules: [
                { action: { type: "Delete" }, condition: { withState: "LIVE", age: spec.retentionDays } },
                { action: { type: "Delete" }, condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: 1 } },
            ],
            logging: { logBucket: objectStore.logsBucket.name, logObjectPrefix: "backups/" },
            forceDestroy: !ctx.platform.protectData,
            labels: labelsFor(ctx),
        },
        dataOpts(ctx, { dependsOn: ready }),
    );
}

export function createBackups(ctx: AdapterContext, spec: LogicalBackupSpec, deps: ObservabilityDeps): AdapterResult<BackupsOutputs> {
    const network = nativeOf<GcpNetworkNative>(deps.network);
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const objectStore = nativeOf<GcpObjectStoreNative>(deps.objectStore);
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const apis = requireApis(ctx, network, ["workflows.googleapis.com", "workflowexecutions.googleapis.com", "cloudscheduler.googleapis.com"]);
    const workflowsAgent = new gcp.projects.ServiceIdentity(childName(ctx, "agent-workflows"), { project, service: "workflows.googleapis.com" }, childOpts(ctx, { dependsOn: apis }));

    const { key, grants } = createCryptoKey(ctx, network.keyRing, "backups", [network.serviceAgents["storage.googleapis.com"], workflowsAgent.member]);
    const bucket = createBucket(ctx, spec, network, objectStore, key, [...grants, network.apis["storage.googleapis.com"]]);
    // Cloud SQL writes the export as the instance's own service account: create only, never read or delete.
    const writer = new gcp.storage.BucketIAMMember(
        childName(ctx, "sql-writer"),
        { bucket: bucket.name, role: "roles/storage.objectCreator", member: pulumi.interpolate`serviceAccount:${database.instance.serviceAccountEmailAddress}` },
        childOpts(ctx),
    );

    const exporter = new gcp.serviceaccount.Account(
        childName(ctx, "exporter"),
        { project, accountId: serviceAccountIdFor(ctx.platform.name, "dump"), displayName: `${ctx.platform.name} logical dump`, description: "The dump workflow's identity: exports the platform's Cloud SQL instance" },
        childOpts(ctx),
    );
    const role = new gcp.projects.IAMCustomRole(
        childName(ctx, "export-role"),
        {
            project,
            roleId: `${ctx.platform.name.replace(/[^A-Za-z0-9]/g, "_")}_sql_export`.slice(0, 64),
            title: `${ctx.platform.name} logical dump`,
            description: "Start a Cloud SQL export and follow its operation",
            permissions: EXPORT_PERMISSIONS,
        },
        childOpts(ctx),
    );
    const onInstance = (title: string) => ({ title, expression: `resource.name == "projects/${project}/instances/${database.instanceName}"` });
    const mayExport = new gcp.projects.IAMMember(
        childName(ctx, "exporter-sql"),
        { project, role: role.name, member: exporter.member, condition: onInstance("the platform's instance only") },
        childOpts(ctx),
    );
    const mayLog = new gcp.projects.IAMMember(childName(ctx, "exporter-logs"), { project, role: "roles/logging.logWriter", member: exporter.member }, childOpts(ctx));
    const workflow = new gcp.workflows.Workflow(
        childName(ctx, "workflow"),
        {
            project,
            region,
            description: `Daily logical dump of ${ctx.platform.database.databaseName} to the backups bucket`,
            serviceAccount: exporter.email,
            cryptoKeyName: key.id,
            callLogLevel: "LOG_ERRORS_ONLY",
            sourceContents: bucket.name.apply((name) => exportWorkflow({ project, instance: database.instanceName, bucket: name, database: ctx.platform.database.databaseName })),
            deletionProtection: false,
            labels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [...apis, ...grants, mayExport, mayLog, writer] }),
    );

    const invoker = new gcp.serviceaccount.Account(
        childName(ctx, "invoker"),
        { project, accountId: serviceAccountIdFor(ctx.platform.name, "dump-run"), displayName: `${ctx.platform.name} logical dump schedule`, description: "Cloud Scheduler's identity: starts the dump workflow" },
        childOpts(ctx),
    );
    const mayInvoke = new gcp.projects.IAMMember(
        childName(ctx, "invoker-workflow"),
        {
            project,
            role: "roles/workflows.invoker",
            member: invoker.member,
            condition: { title: "the dump workflow only", expression: pulumi.interpolate`resource.name == "projects/${project}/locations/${region}/workflows/${workflow.name}"` },
        },
        childOpts(ctx),
    );
    const schedule = dailyCron(spec.timeUtc);
    new gcp.cloudscheduler.Job(
        childName(ctx, "schedule"),
        {
            project,
            region,
            description: `${ctx.platform.name}: daily logical dump at ${spec.timeUtc} UTC`,
            schedule,
            timeZone: "Etc/UTC",
            attemptDeadline: "60s",
            retryConfig: { retryCount: 3, minBackoffDuration: "300s", maxBackoffDuration: "1800s" },
            httpTarget: {
                httpMethod: "POST",
                uri: pulumi.interpolate`https://workflowexecutions.googleapis.com/v1/projects/${project}/locations/${region}/workflows/${workflow.name}/executions`,
                headers: { "Content-Type": "application/json" },
                body: Buffer.from("{}", "utf8").toString("base64"),
                oauthToken: { serviceAccountEmail: invoker.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
            },
        },
        childOpts(ctx, { dependsOn: [mayInvoke, ...apis] }),
    );

    return {
        outputs: { bucketName: bucket.name, schedule: pulumi.output(schedule), retentionDays: pulumi.output(spec.retentionDays) },
        native: { bucket, key },
        logGroups: [],
    };
}
