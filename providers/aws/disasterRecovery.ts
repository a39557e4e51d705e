// Disaster recovery on AWS: copies in the DR region of what a standby stack restores from.
// - The documents bucket (and the logical backups bucket) replicate to buckets there: every
//   object, delete markers and SSE-KMS objects, re-encrypted with a key of that region, with
//   Replication Time Control (99.99% of objects within 15 minutes) and its metrics.
// - RDS copies the automated backups (snapshots and transaction logs) there, so a
//   point-in-time restore works in that region, encrypted with a key of that region.
// - Every platform secret has a replica there (secretReplicas.ts), under its own key.
// Everything in the DR region is created through a second provider; IAM is global.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DisasterRecoveryOutputs, RecoveryDeps, RecoveryPromise } from "../adapter";
import { platformPromise, restoreMinutes } from "../recovery";
import { DisasterRecoverySpec } from "../../tiers/types";
import { accountId, childName, childOpts, createServiceRole, dataOpts, regionOf, tagsFor } from "./common";
import { AwsDatabaseNative, AwsObjectStoreNative, nativeOf } from "./native";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, dataLifecycleRules, denyWeakTransport, enableVersioning, lockDown } from "./objectStore";
import { announceSecretReplicaKey, SECRETS_KEY_ROLE } from "./secretReplicas";

/** S3 Replication Time Control's only threshold, and what it promises for 99.99% of objects. */
export const REPLICATION_TIME_MINUTES = 15;
/** RDS ships transaction logs to the replicated backups every few minutes; AWS quotes minutes, not an SLA. */
export const BACKUP_REPLICATION_LAG_MINUTES = 10;
/** Access logs of the replicas: kept as long as the platform's own. */
const ACCESS_LOG_DAYS = 90;

/** A key of the DR region with yearly rotation; the account administers it, services use it through IAM. */
function regionKey(dr: AdapterContext, role: string, description: string): { key: aws.kms.Key; alias: aws.kms.Alias } {
    const policy = accountId(dr).apply((account) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
        }),
    );
    const key = new aws.kms.Key(
        childName(dr, `${role}-key`),
        { description, enableKeyRotation: true, deletionWindowInDays: 30, policy, tags: tagsFor(dr, `${role}-key`) },
        dataOpts(dr),
    );
    const alias = new aws.kms.Alias(childName(dr, `${role}-key-alias`), { name: `alias/${childName(dr, role)}`, targetKeyId: key.keyId }, childOpts(dr));
    return { key, alias };
}

/** Receives the replicas' S3 access logs: log delivery writes only to a bucket in the same region, with SSE-S3. */
interface LogsBucket {
    bucket: aws.s3.Bucket;
    /** Delivery is allowed once the policy names the logging service. */
    policy: aws.s3.BucketPolicy;
}

function logsBucket(dr: AdapterContext): LogsBucket {
    const bucket = new aws.s3.Bucket(childName(dr, "logs"), { forceDestroy: !dr.platform.protectData, tags: tagsFor(dr, "logs") }, dataOpts(dr));
    const publicAccess = lockDown(dr, "logs", bucket);
    const versioning = enableVersioning(dr, "logs", bucket);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(dr, "logs-encryption"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        childOpts(dr),
    );
    new aws.s3.BucketLifecycleConfiguration(
        childName(dr, "logs-lifecycle"),
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-access-logs",
                    status: "Enabled",
                    filter: { prefix: "" },
                    expiration: { days: ACCESS_LOG_DAYS },
                    noncurrentVersionExpiration: { noncurrentDays: 30 },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
                },
            ],
        },
        childOpts(dr, { dependsOn: [versioning] }),
    );
    const policy = new aws.s3.BucketPolicy(
        childName(dr, "logs-policy"),
        {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    ...denyWeakTransport(bucket.arn),
                    {
                        Sid: "S3ServerAccessLogs",
                        Effect: "Allow",
                        Principal: { Service: "logging.s3.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${bucket.arn}/s3/*`,
                        Condition: { StringEquals: { "aws:SourceAccount": accountId(dr) } },
                    },
                ],
            }),
        },
        childOpts(dr, { dependsOn: [publicAccess] }),
    );
    return { bucket, policy };
}

interface Replica {
    bucket: aws.s3.Bucket;
    versioning: aws.s3.BucketVersioning;
}

/** A private, versioned, KMS-encrypted, TLS-only bucket in the DR region, its lifecycle as the source's. */
function replicaBucket(dr: AdapterContext, role: string, key: aws.kms.Key, logs: LogsBucket, rules: aws.types.input.s3.BucketLifecycleConfigurationRule[]): Replica {
    // The replica is what a standby stack starts from: protected and kept like the source.
    const bucket = new aws.s3.Bucket(childName(dr, role), { forceDestroy: !dr.platform.protectData, tags: tagsFor(dr, role) }, dataOpts(dr));
    const publicAccess = lockDown(dr, role, bucket);
    const versioning = enableVersioning(dr, role, bucket);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(dr, `${role}-encryption`),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        childOpts(dr),
    );
    new aws.s3.BucketPolicy(
        childName(dr, `${role}-policy`),
        { bucket: bucket.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: denyWeakTransport(bucket.arn) }) },
        childOpts(dr, { dependsOn: [publicAccess] }),
    );
    new aws.s3.BucketLifecycleConfiguration(childName(dr, `${role}-lifecycle`), { bucket: bucket.id, rules }, childOpts(dr, { dependsOn: [versioning] }));
    new aws.s3.BucketLogging(
        childName(dr, `${role}-logging`),
        { bucket: bucket.id, targetBucket: logs.bucket.id, targetPrefix: `s3/${role}/` },
        childOpts(dr, { dependsOn: [logs.policy] }),
    );
    return { bucket, versioning };
}

/** One pair the replication role serves: a source bucket (and how its objects are encrypted) and its replica. */
interface ReplicatedPair {
    sourceArn: pulumi.Input<string>;
    replica: Replica;
}

/**
 * The role S3 assumes to replicate: read the sources' versions, write the replicas, decrypt with
 * the source region's keys only through S3 for those buckets, encrypt with the DR key.
 */
function replicationRole(ctx: AdapterContext, pairs: ReplicatedPair[], replicaKey: aws.kms.Key, drRegion: string): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = createServiceRole(ctx, "replication-role", { service: "s3.amazonaws.com", description: "S3 replicates the platform's buckets to the DR region", sourceAccount: true });
    const region = regionOf(ctx);
    const sources = pairs.map((pair) => pair.sourceArn);
    const replicas = pairs.map((pair) => pair.replica.bucket.arn);
    const s3Arns = (arns: pulumi.Input<string>[]) => arns.map((arn) => pulumi.interpolate`${arn}/*`);
    const policy = new aws.iam.RolePolicy(
        childName(ctx, "replication-access"),
        {
            name: "replication-access",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: sources },
                    {
                        Sid: "ReadSourceVersions",
                        Effect: "Allow",
                        Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                        Resource: s3Arns(sources),
                    },
                    { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: s3Arns(replicas) },
                    {
                        // The sources' keys belong to other components; S3 decrypts only objects of these buckets.
                        Sid: "DecryptSources",
                        Effect: "Allow",
                        Action: "kms:Decrypt",
                        Resource: pulumi.interpolate`arn:aws:kms:${region}:${accountId(ctx)}:key/*`,
                        Condition: {
                            StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
                            StringLike: { "kms:EncryptionContext:aws:s3:arn": [...sources, ...s3Arns(sources)] },
                        },
                    },
                    {
                        Sid: "EncryptReplicas",
                        Effect: "Allow",
                        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                        Resource: replicaKey.arn,
                        Condition: {
                            StringEquals: { "kms:ViaService": `s3.${drRegion}.amazonaws.com` },
                            StringLike: { "kms:EncryptionContext:aws:s3:arn": [...replicas, ...s3Arns(replicas)] },
                        },
                    },
                ],
            }),
        },
        childOpts(ctx),
    );
    return { role, policy };
}

/** Every object, its deletions and its SSE-KMS copies, within 15 minutes, with replication metrics. */
export function replicationRule(replicaArn: pulumi.Input<string>, replicaKeyArn: pulumi.Input<string>): aws.types.input.s3.BucketReplicationConfigRule {
    return {
        id: "disaster-recovery",
        status: "Enabled",
        priority: 1,
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } },
        destination: {
            bucket: replicaArn,
            storageClass: "STANDARD",
            encryptionConfiguration: { replicaKmsKeyId: replicaKeyArn },
            replicationTime: { status: "Enabled", time: { minutes: REPLICATION_TIME_MINUTES } },
            metrics: { status: "Enabled", eventThreshold: { minutes: REPLICATION_TIME_MINUTES } },
        },
    };
}

export function createDisasterRecovery(ctx: AdapterContext, spec: DisasterRecoverySpec, deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs> {
    const store = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const platform = ctx.platform;

    // Same credentials and account; every resource under `region` is created in the DR region.
    const provider = new aws.Provider(childName(ctx, "provider"), { region: spec.region as aws.Region }, { parent: ctx.parent });
    const scope = new pulumi.ComponentResource("platform:index:RecoveryRegion", childName(ctx, "region"), {}, { parent: ctx.parent, providers: [provider] });
    const dr: AdapterContext = { ...ctx, parent: scope };

    const storageKey = regionKey(dr, "storage", `${platform.name} replicas of the buckets in ${spec.region} (S3 SSE-KMS)`);
    const dbKey = regionKey(dr, "db", `${platform.name} replicated RDS automated backups in ${spec.region}`);
    const secretsKey = regionKey(dr, SECRETS_KEY_ROLE, `${platform.name} secret replicas in ${spec.region}`);
    announceSecretReplicaKey(platform, secretsKey.alias);

    const logs = logsBucket(dr);
    const pairs: (ReplicatedPair & { source: pulumi.Input<string>; sourceReady: pulumi.Resource[] })[] = [
        {
            source: store.bucket.id,
            sourceArn: store.bucket.arn,
            sourceReady: [store.versioning],
            replica: replicaBucket(dr, "replica", storageKey.key, logs, dataLifecycleRules(platform.objectStore)),
        },
    ];
    if (deps.backups) {
        // Dumps expire in the replica when they do in the source.
        const backupRules = [
            {
                id: "expire-dumps",
                status: "Enabled",
                filter: { prefix: "" },
                expiration: { days: platform.backups.retentionDays },
                noncurrentVersionExpiration: { noncurrentDays: 1 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
            },
        ];
        const name = deps.backups.outputs.bucketName;
        pairs.push({
            source: name,
            sourceArn: pulumi.interpolate`arn:aws:s3:::${name}`,
            sourceReady: [],
            replica: replicaBucket(dr, "backups-replica", storageKey.key, logs, backupRules),
        });
    }
    const replication = replicationRole(ctx, pairs, storageKey.key, spec.region);
    pairs.forEach((pair, index) => {
        new aws.s3.BucketReplicationConfig(
            childName(ctx, index === 0 ? "replication" : "backups-replication"),
            { bucket: pair.source, role: replication.role.arn, rules: [replicationRule(pair.replica.bucket.arn, storageKey.key.arn)] },
            // S3 refuses a replication configuration until both ends are versioned.
            childOpts(ctx, { dependsOn: [...pair.sourceReady, pair.replica.versioning, replication.policy] }),
        );
    });

    new aws.rds.InstanceAutomatedBackupsReplication(
        childName(dr, "db-backups"),
        { sourceDbInstanceArn: database.instance.arn, kmsKeyId: dbKey.key.arn, retentionPeriod: platform.database.backupRetentionDays },
        dataOpts(dr),
    );

    const parts: RecoveryPromise[] = [
        {
            component: "database",
            rpoMinutes: BACKUP_REPLICATION_LAG_MINUTES,
            rtoMinutes: restoreMinutes(platform.database.storageGb),
            method: `RDS automated backups replicated to ${spec.region} (point-in-time restore, ${platform.database.backupRetentionDays} days)`,
        },
        {
            component: "files",
            rpoMinutes: REPLICATION_TIME_MINUTES,
            rtoMinutes: 15,
            method: `S3 replication with Replication Time Control to ${spec.region}; the standby stack points at the replica`,
        },
        { component: "secrets", rpoMinutes: 1, rtoMinutes: 0, method: `Secrets Manager replicas in ${spec.region} (changes propagate in seconds)` },
    ];
    return {
        outputs: {
            region: pulumi.output(spec.region),
            bucketName: pairs[0].replica.bucket.bucket,
            promises: pulumi.output([...parts, platformPromise(parts)]),
        },
        native: { provider, storageKey: storageKey.key, dbKey: dbKey.key, secretsKey: secretsKey.key },
    };
}
