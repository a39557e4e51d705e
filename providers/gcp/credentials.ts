// The application's credentials: its own PostgreSQL roles and its own secrets, generated where
// nobody sees them and rotated without downtime.
//
// One Cloud Run job in the app subnetwork (it must reach Cloud SQL's private address) does the
// work, with the code of functions/gcp bundled at deploy time into a private bucket the job mounts:
// - on create (and whenever its code or an endpoint changes) the deployment runs it and waits for
//   the execution to finish: as Cloud SQL's administrator it creates the application's owner role
//   and two login roles (functions/postgresRoles.ts), writes the application's login to the
//   database's app secret and generates JWT_SECRET and API_KEY;
// - Cloud Scheduler runs it daily with `rotate-if-due`: once the login is 30 days old, the login
//   role not in use gets a new password and becomes the secret's latest version, so the previous
//   login keeps working until instances re-read.
// Instances read the secrets at boot and every few minutes, never at plan time.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { join } from "path";
import { bundleFunction } from "../../functions/bundle";
import type { JobConfig } from "../../functions/gcp/config";
import { PlatformSpec } from "../../tiers/types";
import { AdapterContext, AppFleetDeps } from "../adapter";
import { requireApis } from "./apis";
import { childName, childOpts, createCryptoKey, createSecret, labelsFor, projectOf, regionOf } from "./common";
import { boundedName } from "./loadBalancer";
import { GcpDatabaseNative, GcpNetworkNative, GcpObjectStoreNative, nativeOf } from "./native";
import type { GcpSearchNative } from "./search";

const FUNCTION_ENTRY = join(__dirname, "..", "..", "functions", "gcp", "credentials.ts");

/**
 * Node.js 24 on Debian slim, from Docker Hub's official image (Cloud Run pulls public Docker Hub
 * images directly). Pinned to the major version's tag: the job's code is ours and bundled, so the
 * image supplies only the runtime.
 */
export const JOB_IMAGE = "docker.io/library/node:24-slim";
const CODE_MOUNT = "/code";

/** The idea-management document's extensions, created by the administrator for the application. */
export const DATABASE_EXTENSIONS = ["uuid-ossp", "pg_trgm"];
/** The application's login is rotated every 30 days, as on AWS. */
export const ROTATION_DAYS = 30;
/**
 * Cloud Scheduler has no "every 30 days": it runs the job daily at 04:00 UTC with
 * `rotate-if-due`, and the job rotates once the login's latest version is ROTATION_DAYS old.
 */
export const ROTATION_SCHEDULE = "0 4 * * *";
export const TASK_TIMEOUT_SECONDS = 900;

/** Application secrets the platform generates: contract variable, secret path, length. */
export const APPLICATION_SECRETS = [
    { variable: "JWT_SECRET", path: "jwt/secret", length: 64 },
    { variable: "API_KEY", path: "api/key", length: 40 },
] as const;

/** Cloud Run's job name plus the execution token must stay under 63 characters. */
const JOB_NAME_MAX = 54;
const EXECUTION_TOKEN_LENGTH = 8;
/** Service account ids: 6-30 characters. */
const ACCOUNT_ID_MAX = 30;
const BUCKET_NAME_MAX = 63;

const APIS = ["run.googleapis.com", "cloudscheduler.googleapis.com", "secretmanager.googleapis.com", "storage.googleapis.com"];

export interface ApplicationCredentials {
    /** The application's own secrets (JWT_SECRET, API_KEY): contract variable and the Secret Manager secret holding it. */
    secrets: { variable: string; secret: gcp.secretmanager.Secret }[];
    /** What instances must not boot before: the first run of the job that writes the app's login. */
    ready: pulumi.Resource[];
}

function shortHash(text: string, length = 6): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

export function credentialsJobName(platform: PlatformSpec): string {
    return boundedName(`${platform.name}-credentials`, JOB_NAME_MAX);
}

/** The private bucket holding the job's code; bucket names are global, so the project is part of the hash. */
export function codeBucketName(platform: PlatformSpec): string {
    const unique = shortHash(`${platform.gcpProject}/${platform.name}`, 8);
    return boundedName(`${platform.name}-credentials-${unique}`, BUCKET_NAME_MAX);
}

function codeBucket(ctx: AdapterContext, deps: AppFleetDeps, key: gcp.kms.CryptoKey, grants: pulumi.Resource[]): gcp.storage.Bucket {
    const store = nativeOf<GcpObjectStoreNative>(deps.objectStore);
    return new gcp.storage.Bucket(
        childName(ctx, "credentials-code"),
        {
            name: codeBucketName(ctx.platform),
            project: projectOf(ctx),
            location: regionOf(ctx),
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            encryption: { defaultKmsKeyName: key.id },
            versioning: { enabled: true },
            // Old bundles are of no use once a newer one ran.
            lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 30 } }],
            logging: store?.logsBucket ? { logBucket: store.logsBucket.name } : undefined,
            // Code, rebuilt on every deployment: nothing to keep when the platform goes.
            forceDestroy: true,
            labels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: grants }),
    );
}

export function createApplicationCredentials(ctx: AdapterContext, deps: AppFleetDeps): ApplicationCredentials {
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const dbSpec = ctx.platform.database;
    const apis = requireApis(ctx, net, APIS);

    // The key of the generated secrets and of the code bucket: Secret Manager and Cloud Storage use it.
    const { key, grants } = createCryptoKey(ctx, net.keyRing, "credentials", [net.serviceAgents["secretmanager.googleapis.com"], net.serviceAgents["storage.googleapis.com"]]);

    const secrets = APPLICATION_SECRETS.map(({ variable, path }) => ({
        variable,
        secret: createSecret(ctx, path.replace("/", "-"), { path, key, dependsOn: grants }),
    }));

    const account = new gcp.serviceaccount.Account(
        childName(ctx, "credentials-account"),
        {
            project,
            accountId: boundedName(`${ctx.platform.name}-cred`, ACCOUNT_ID_MAX),
            displayName: `${ctx.platform.name} credentials job`,
            description: "Runs the credentials job: reads the database administrator's secret, writes the application's login and secrets",
        },
        childOpts(ctx),
    );
    const member = pulumi.interpolate`serviceAccount:${account.email}`;
    // Secret-level grants only: the job can touch these secrets and no other.
    const secretGrant = (role: string, secret: gcp.secretmanager.Secret, grant: string) =>
        new gcp.secretmanager.SecretIamMember(childName(ctx, `credentials-${role}`), { project, secretId: secret.secretId, role: grant, member }, childOpts(ctx));
    const access = [
        secretGrant("master-read", database.masterSecret, "roles/secretmanager.secretAccessor"),
        secretGrant("db-app-read", database.appSecret, "roles/secretmanager.secretAccessor"),
        secretGrant("db-app-write", database.appSecret, "roles/secretmanager.secretVersionAdder"),
        ...secrets.flatMap(({ variable, secret }) => {
            const role = variable.toLowerCase().replace(/_/g, "-");
            return [secretGrant(`${role}-read`, secret, "roles/secretmanager.secretAccessor"), secretGrant(`${role}-write`, secret, "roles/secretmanager.secretVersionAdder")];
        }),
    ];

    const bucket = codeBucket(ctx, deps, key, grants);
    const bundle = bundleFunction(FUNCTION_ENTRY);
    const code = new gcp.storage.BucketObject(
        childName(ctx, "credentials-bundle"),
        { bucket: bucket.name, name: "index.js", contentType: "application/javascript", source: new pulumi.asset.StringAsset(bundle) },
        childOpts(ctx),
    );
    const codeAccess = new gcp.storage.BucketIAMMember(
        childName(ctx, "credentials-code-read"),
        { bucket: bucket.name, role: "roles/storage.objectViewer", member },
        childOpts(ctx),
    );

    // Typed as the job reads it (functions/gcp/config.ts), so the two cannot drift apart.
    const config = pulumi
        .output({
            database: {
                host: deps.database.outputs.host,
                port: deps.database.outputs.port,
                dbname: dbSpec.databaseName,
                owner: dbSpec.appRole,
                extensions: DATABASE_EXTENSIONS,
                masterSecret: database.masterSecret.id,
                masterUser: database.masterUser ?? dbSpec.username,
                appSecret: database.appSecret.id,
                caPem: database.serverCaPem,
            },
            generated: APPLICATION_SECRETS.map(({ length }, index) => ({ secret: secrets[index].secret.id, length })),
            rotationDays: ROTATION_DAYS,
        })
        .apply((resolved) => JSON.stringify(resolved satisfies JobConfig));
    // A new execution whenever the code or what it is told changes; never one that resets a credential in use.
    const executionToken = config.apply((text) => shortHash(`${bundle}\n${text}`, EXECUTION_TOKEN_LENGTH));

    const jobName = credentialsJobName(ctx.platform);
    const job = new gcp.cloudrunv2.Job(
        childName(ctx, "credentials-job"),
        {
            name: jobName,
            project,
            location: region,
            labels: labelsFor(ctx),
            // The deployment waits for this execution to succeed: instances boot only once the login exists.
            runExecutionToken: executionToken,
            deletionProtection: false,
            template: {
                taskCount: 1,
                parallelism: 1,
                labels: labelsFor(ctx),
                template: {
                    serviceAccount: account.email,
                    timeout: `${TASK_TIMEOUT_SECONDS}s`,
                    // Every step is safe to repeat; a new database may refuse the first connections.
                    maxRetries: 2,
                    executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                    // Direct VPC egress with the credentials tag, which the firewall lets reach
                    // PostgreSQL and HTTPS only; all its traffic stays in the VPC (Google APIs
                    // through Private Google Access), under the deny-all egress rule and flow logs.
                    vpcAccess: { egress: "ALL_TRAFFIC", networkInterfaces: [{ network: net.network.id, subnetwork: net.appSubnet.id, tags: [net.tags.credentials] }] },
                    volumes: [{ name: "code", gcs: { bucket: bucket.name, readOnly: true } }],
                    containers: [
                        {
                            name: "credentials",
                            image: JOB_IMAGE,
                            commands: ["node", `${CODE_MOUNT}/index.js`],
                            args: ["bootstrap"],
                            envs: [
                                { name: "CREDENTIALS_CONFIG", value: config },
                                { name: "TASK_TIMEOUT_SECONDS", value: String(TASK_TIMEOUT_SECONDS) },
                            ],
                            resources: { limits: { cpu: "1", memory: "512Mi" } },
                            volumeMounts: [{ name: "code", mountPath: CODE_MOUNT }],
                        },
                    ],
                },
            },
        },
        childOpts(ctx, { dependsOn: [...apis, ...access, code, codeAccess, database.instance, ...(database.adminReady ?? [])] }),
    );

    rotationSchedule(ctx, job, apis);
    // SEARCH_URL is written whole by the search component; the job never touches it.
    const search = deps.search ? [{ variable: "SEARCH_URL", secret: nativeOf<GcpSearchNative>(deps.search).urlSecret }] : [];
    return { secrets: [...secrets, ...search], ready: [job] };
}

/** Cloud Scheduler runs the job daily with `rotate-if-due`, as an account that may run this job and nothing else. */
function rotationSchedule(ctx: AdapterContext, job: gcp.cloudrunv2.Job, apis: pulumi.Resource[]): gcp.cloudscheduler.Job {
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const invoker = new gcp.serviceaccount.Account(
        childName(ctx, "credentials-scheduler"),
        {
            project,
            accountId: boundedName(`${ctx.platform.name}-cred-run`, ACCOUNT_ID_MAX),
            displayName: `${ctx.platform.name} credentials rotation`,
            description: "Cloud Scheduler's identity: runs the credentials job with the rotate-if-due argument",
        },
        childOpts(ctx),
    );
    // Overriding the arguments needs run.jobs.runWithOverrides, which the plain executor role lacks.
    const mayRun = new gcp.cloudrunv2.JobIamMember(
        childName(ctx, "credentials-scheduler-run"),
        { project, location: region, name: job.name, role: "roles/run.jobsExecutorWithOverrides", member: pulumi.interpolate`serviceAccount:${invoker.email}` },
        childOpts(ctx),
    );
    const body = JSON.stringify({ overrides: { containerOverrides: [{ name: "credentials", args: ["rotate-if-due"] }] } });
    return new gcp.cloudscheduler.Job(
        childName(ctx, "credentials-rotation"),
        {
            project,
            region,
            name: `${ctx.platform.name}-credentials-rotation`,
            description: `${ctx.platform.name}: rotates the application's database login`,
            schedule: ROTATION_SCHEDULE,
            timeZone: "Etc/UTC",
            attemptDeadline: "60s",
            retryConfig: { retryCount: 3, minBackoffDuration: "60s", maxBackoffDuration: "600s" },
            httpTarget: {
                httpMethod: "POST",
                uri: pulumi.interpolate`https://run.googleapis.com/v2/projects/${project}/locations/${region}/jobs/${job.name}:run`,
                headers: { "Content-Type": "application/json" },
                body: Buffer.from(body, "utf8").toString("base64"),
                oauthToken: { serviceAccountEmail: invoker.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
            },
        },
        childOpts(ctx, { dependsOn: [mayRun, ...apis] }),
    );
}
