// The LMS document's daily `pg_dump | gzip` to its backups bucket, kept 30 days. RDS automated
// backups and point-in-time restore already cover the daily full and the WAL; what they do not
// cover is a copy outside RDS, which survives the deletion of the instance and its snapshots and
// restores into another engine version or cloud. So: a bucket of its own (versioned, own key,
// private, TLS only, expiring after the retention, object lock in production) and a Fargate task
// that EventBridge Scheduler starts every day at timeUtc. Two containers share a scratch volume:
// the PostgreSQL client of the server's major version dumps (custom format, compressed) over TLS
// as the master user, then the AWS CLI uploads `daily/<date>.dump`. Neither image holds both tools.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, BackupsOutputs, ObservabilityDeps } from "../adapter";
import { LogicalBackupSpec } from "../../tiers/types";
import { clientMajor, dailyAwsCron, DUMP_PREFIX } from "../logicalDump";
import { accountId, childName, childOpts, createKmsKey, createLogGroup, createServiceRole, dataOpts, regionOf, tagsFor } from "./common";
import { AwsDatabaseNative, AwsNetworkNative, AwsObjectStoreNative, nativeOf } from "./native";
import { egress, ingress, securityGroup } from "./network";
import { denyWeakTransport, enableVersioning, lockDown } from "./objectStore";

const HTTPS = 443;
/** Fargate's smallest ARM size with room for pg_dump's compression; the task runs minutes a day. */
export const DUMP_TASK = { cpu: "512", memory: "1024", architecture: "ARM64", ephemeralStorageGb: 50 };
/** Public ECR mirrors of the official images: no Docker Hub pull limits, no registry credentials. */
const AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.22.35";
const postgresImage = (major: string): string => `public.ecr.aws/docker/library/postgres:${major}`;
/** A schedule that could not start the task is retried for two hours, then recorded as failed. */
const RETRY = { maximumEventAgeInSeconds: 7200, maximumRetryAttempts: 3 };

export interface AwsBackupsNative {
    bucket: aws.s3.Bucket;
    key: aws.kms.Key;
}

function createBucket(ctx: AdapterContext, spec: LogicalBackupSpec, key: aws.kms.Key, objectStore: AwsObjectStoreNative): aws.s3.Bucket {
    // Governance-mode retention in production: nobody deletes a dump early without the bypass
    // permission. Elsewhere `pulumi destroy` must be able to empty the bucket.
    const locked = ctx.platform.protectData;
    const bucket = new aws.s3.Bucket(
        childName(ctx, "bucket"),
        { forceDestroy: !locked, objectLockEnabled: locked, tags: tagsFor(ctx, "bucket") },
        dataOpts(ctx),
    );
    const publicAccess = lockDown(ctx, "bucket", bucket);
    const versioning = enableVersioning(ctx, "bucket", bucket);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(ctx, "bucket-encryption"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        childOpts(ctx),
    );
    new aws.s3.BucketPolicy(
        childName(ctx, "bucket-policy"),
        { bucket: bucket.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: denyWeakTransport(bucket.arn) }) },
        childOpts(ctx, { dependsOn: [publicAccess] }),
    );
    new aws.s3.BucketLifecycleConfiguration(
        childName(ctx, "bucket-lifecycle"),
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-dumps",
                    status: "Enabled",
                    filter: { prefix: "" },
                    expiration: { days: spec.retentionDays },
                    // An expired dump becomes a noncurrent version; it goes the day after.
                    noncurrentVersionExpiration: { noncurrentDays: 1 },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                },
            ],
        },
        childOpts(ctx, { dependsOn: [versioning] }),
    );
    // Beside the documents bucket's access logs: who read or deleted a dump leaves a trace.
    new aws.s3.BucketLogging(
        childName(ctx, "bucket-logging"),
        { bucket: bucket.id, targetBucket: objectStore.logsBucket.id, targetPrefix: "s3/backups/" },
        childOpts(ctx, { dependsOn: [objectStore.logsBucketPolicy] }),
    );
    if (locked) {
        new aws.s3.BucketObjectLockConfiguration(
            childName(ctx, "bucket-lock"),
            { bucket: bucket.id, rule: { defaultRetention: { mode: "GOVERNANCE", days: spec.retentionDays } } },
            childOpts(ctx, { dependsOn: [versioning] }),
        );
    }
    return bucket;
}

function containers(ctx: AdapterContext, bucket: aws.s3.Bucket, key: aws.kms.Key, database: AwsDatabaseNative, logGroup: aws.cloudwatch.LogGroup): pulumi.Output<string> {
    const db = ctx.platform.database;
    const log = (prefix: string) => ({ logDriver: "awslogs", options: { "awslogs-group": logGroup.name, "awslogs-region": regionOf(ctx), "awslogs-stream-prefix": prefix } });
    return pulumi.jsonStringify([
        {
            name: "dump",
            image: postgresImage(clientMajor(db.engineVersion)),
            essential: false,
            readonlyRootFilesystem: true,
            command: ["pg_dump", "--format=custom", "--compress=9", "--no-password", "--file=/backup/dump"],
            environment: [
                { name: "PGHOST", value: database.instance.address },
                { name: "PGPORT", value: String(db.port) },
                { name: "PGDATABASE", value: db.databaseName },
                { name: "PGUSER", value: db.username },
                // The server refuses plain connections (rds.force_ssl); the client insists too.
                { name: "PGSSLMODE", value: "require" },
            ],
            secrets: [{ name: "PGPASSWORD", valueFrom: pulumi.interpolate`${database.masterSecretArn}:password::` }],
            mountPoints: [{ sourceVolume: "backup", containerPath: "/backup" }],
            logConfiguration: log("dump"),
        },
        {
            name: "upload",
            image: AWS_CLI_IMAGE,
            essential: true,
            readonlyRootFilesystem: true,
            // Starts only when the dump exited 0: a failed dump uploads nothing and the task fails.
            dependsOn: [{ containerName: "dump", condition: "SUCCESS" }],
            entryPoint: ["/bin/sh", "-c"],
            command: [
                pulumi.interpolate`aws s3 cp /backup/dump "s3://${bucket.bucket}/${DUMP_PREFIX}$(date -u +%F).dump" --sse aws:kms --sse-kms-key-id ${key.arn} --only-show-errors`,
            ],
            mountPoints: [{ sourceVolume: "backup", containerPath: "/backup", readOnly: true }],
            logConfiguration: log("upload"),
        },
    ]);
}

function createRoles(ctx: AdapterContext, bucket: aws.s3.Bucket, key: aws.kms.Key, database: AwsDatabaseNative, logGroup: aws.cloudwatch.LogGroup) {
    const region = regionOf(ctx);
    const execution = createServiceRole(ctx, "execution-role", {
        service: "ecs-tasks.amazonaws.com",
        description: "Starts the dump task: its logs and the database master password",
        sourceArnPattern: (account) => `arn:aws:ecs:${region}:${account}:*`,
    });
    new aws.iam.RolePolicy(
        childName(ctx, "execution-policy"),
        {
            role: execution.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
                    { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: database.masterSecretArn },
                    { Effect: "Allow", Action: "kms:Decrypt", Resource: database.key.arn },
                ],
            }),
        },
        childOpts(ctx),
    );
    const task = createServiceRole(ctx, "task-role", {
        service: "ecs-tasks.amazonaws.com",
        description: "The dump task: writes new dumps to the backups bucket, nothing else",
        sourceArnPattern: (account) => `arn:aws:ecs:${region}:${account}:*`,
    });
    new aws.iam.RolePolicy(
        childName(ctx, "task-policy"),
        {
            role: task.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    // Write-only: the job can neither read nor delete earlier dumps.
                    { Effect: "Allow", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.arn}/${DUMP_PREFIX}*` },
                    { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt"], Resource: key.arn },
                ],
            }),
        },
        childOpts(ctx),
    );
    return { execution, task };
}

export function createBackups(ctx: AdapterContext, spec: LogicalBackupSpec, deps: ObservabilityDeps): AdapterResult<BackupsOutputs> {
    const network = nativeOf<AwsNetworkNative>(deps.network);
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const region = regionOf(ctx);

    const key = createKmsKey(ctx, "backups", { description: `${ctx.platform.name} logical dumps and the dump job's logs`, logs: true });
    const bucket = createBucket(ctx, spec, key, nativeOf<AwsObjectStoreNative>(deps.objectStore));
    const logGroup = createLogGroup(ctx, "logs", { name: `/${ctx.platform.name}/backups/dump`, retentionDays: ctx.platform.observability.logRetentionDays, key });

    const group = securityGroup(ctx, network.vpc, "dump", "Logical dump task: out to PostgreSQL and to AWS APIs over HTTPS only");
    const dbPort = ctx.platform.database.port;
    egress(ctx, group, "dump", { role: "db", port: dbPort, peer: { group: network.securityGroups.database }, description: "PostgreSQL" });
    egress(ctx, group, "dump", { role: "https", port: HTTPS, peer: { cidr: "0.0.0.0/0" }, description: "S3, Secrets Manager, CloudWatch Logs and the image registry" });
    ingress(ctx, network.securityGroups.database, "db", { role: "dump", port: dbPort, peer: { group }, description: "PostgreSQL from the logical dump task" });

    const cluster = new aws.ecs.Cluster(
        childName(ctx, "cluster"),
        // Container Insights would bill metrics around the clock for a task that runs minutes a day; its logs and exit code tell everything.
        { settings: [{ name: "containerInsights", value: "disabled" }], tags: tagsFor(ctx, "cluster") },
        childOpts(ctx),
    );
    const roles = createRoles(ctx, bucket, key, database, logGroup);
    const taskDefinition = new aws.ecs.TaskDefinition(
        childName(ctx, "task"),
        {
            family: childName(ctx, "dump"),
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: DUMP_TASK.cpu,
            memory: DUMP_TASK.memory,
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: DUMP_TASK.architecture },
            ephemeralStorage: { sizeInGib: DUMP_TASK.ephemeralStorageGb },
            executionRoleArn: roles.execution.arn,
            taskRoleArn: roles.task.arn,
            volumes: [{ name: "backup" }],
            containerDefinitions: containers(ctx, bucket, key, database, logGroup),
            tags: tagsFor(ctx, "task"),
        },
        childOpts(ctx),
    );

    const schedulerRole = createServiceRole(ctx, "scheduler-role", {
        service: "scheduler.amazonaws.com",
        description: "Starts the daily dump task",
        sourceAccount: true,
    });
    new aws.iam.RolePolicy(
        childName(ctx, "scheduler-policy"),
        {
            role: schedulerRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: "ecs:RunTask",
                        Resource: pulumi.interpolate`arn:aws:ecs:${region}:${accountId(ctx)}:task-definition/${taskDefinition.family}:*`,
                        Condition: { ArnEquals: { "ecs:cluster": cluster.arn } },
                    },
                    { Effect: "Allow", Action: "iam:PassRole", Resource: [roles.execution.arn, roles.task.arn], Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
                ],
            }),
        },
        childOpts(ctx),
    );
    const expression = dailyAwsCron(spec.timeUtc);
    new aws.scheduler.Schedule(
        childName(ctx, "schedule"),
        {
            description: `Daily logical dump of ${ctx.platform.database.databaseName} at ${spec.timeUtc} UTC`,
            scheduleExpression: expression,
            scheduleExpressionTimezone: "UTC",
            flexibleTimeWindow: { mode: "OFF" },
            target: {
                arn: cluster.arn,
                roleArn: schedulerRole.arn,
                retryPolicy: RETRY,
                ecsParameters: {
                    taskDefinitionArn: taskDefinition.arnWithoutRevision,
                    launchType: "FARGATE",
                    networkConfiguration: { subnets: network.appSubnets.map((subnet) => subnet.id), securityGroups: [group.id], assignPublicIp: false },
                },
            },
        },
        childOpts(ctx),
    );

    const native: AwsBackupsNative = { bucket, key };
    return {
        outputs: { bucketName: bucket.bucket, schedule: pulumi.output(expression), retentionDays: pulumi.output(spec.retentionDays) },
        native,
        logGroups: [logGroup.name],
    };
}
