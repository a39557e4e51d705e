// Disaster recovery on GCP: copies in the DR region of what a standby stack restores from.
// - The documents bucket (and the logical backups bucket) replicate to buckets there through
//   Storage Transfer Service cross-bucket replication: new and changed objects, copied as they
//   are written, encrypted there with a key of that region. A dual-region bucket would replicate
//   with an RPO guarantee (turbo replication), but a bucket's location is fixed at creation: it
//   would replace the documents bucket, and only some region pairs form one.
// - Cloud SQL keeps a cross-region read replica there: promotable to a standalone primary,
//   encrypted with a key of that region, in the same VPC (private services access is global).
// - Every platform secret has a replica there (secretReplicas.ts), under its own key.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DisasterRecoveryOutputs, RecoveryDeps, RecoveryPromise } from "../adapter";
import { platformPromise, PROMOTE_MINUTES } from "../recovery";
import { DisasterRecoverySpec } from "../../tiers/types";
import { requireApis } from "./apis";
import { childName, childOpts, createCryptoKey, dataOpts, labelsFor } from "./common";
import { databaseFlagsFor, databaseVersionFor } from "./database";
import { GcpDatabaseNative, GcpNetworkNative, GcpObjectStoreNative, nativeOf } from "./native";
import { dataLifecycleRules, SOFT_DELETE_SECONDS } from "./objectStore";
import { announceSecretReplicaKey } from "./secretReplicas";
import { databaseEditionFor, databaseTierFor } from "./sizes";

/** Asynchronous replication: a replica behind by more than a few minutes is an incident, not the norm. */
export const SQL_REPLICA_LAG_MINUTES = 5;
/** Google gives cross-bucket replication no RPO; most objects arrive within minutes, objects over 1 GiB may take hours. */
export const BUCKET_REPLICATION_MINUTES = 60;

type LifecycleRule = gcp.types.input.storage.BucketLifecycleRule;

/** Storage Transfer Service's agent for the project: it reads the sources and writes the replicas. */
function transferAgent(net: GcpNetworkNative): pulumi.Output<string> {
    return pulumi.interpolate`serviceAccount:project-${net.projectNumber}@storage-transfer-service.iam.gserviceaccount.com`;
}

/** A private, versioned bucket in the DR region under the DR key, its lifecycle as the source's. */
function replicaBucket(dr: AdapterContext, net: GcpNetworkNative, role: string, region: string, key: gcp.kms.CryptoKey, ready: pulumi.Resource[], logsBucket: gcp.storage.Bucket, rules: LifecycleRule[]): gcp.storage.Bucket {
    return new gcp.storage.Bucket(
        childName(dr, role),
        {
            project: net.project,
            location: region,
            storageClass: "STANDARD",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            versioning: { enabled: true },
            encryption: { defaultKmsKeyName: key.id },
            softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_SECONDS },
            forceDestroy: !dr.platform.protectData,
            lifecycleRules: rules,
            logging: { logBucket: logsBucket.name, logObjectPrefix: `${role}/` },
            labels: labelsFor(dr),
        },
        dataOpts(dr, { dependsOn: ready }),
    );
}

/** The replication job and the agent's access: owner of the source (it adds the change notification), writer of the replica. */
function replicate(ctx: AdapterContext, net: GcpNetworkNative, role: string, source: pulumi.Input<string>, replica: gcp.storage.Bucket, api: pulumi.Resource): gcp.storage.TransferJob {
    const agent = transferAgent(net);
    const sourceAccess = new gcp.storage.BucketIAMMember(
        childName(ctx, `${role}-source-access`),
        { bucket: source, role: "roles/storage.legacyBucketOwner", member: agent },
        childOpts(ctx, { dependsOn: [api] }),
    );
    const replicaAccess = new gcp.storage.BucketIAMMember(
        childName(ctx, `${role}-replica-access`),
        { bucket: replica.name, role: "roles/storage.legacyBucketWriter", member: agent },
        childOpts(ctx, { dependsOn: [api] }),
    );
    return new gcp.storage.TransferJob(
        childName(ctx, role),
        {
            project: net.project,
            description: pulumi.interpolate`${ctx.platform.name}: replicate gs://${source} to gs://${replica.name} (disaster recovery)`,
            replicationSpec: {
                gcsDataSource: { bucketName: source },
                gcsDataSink: { bucketName: replica.name },
                // Deletions stay in the source only: versioning and the replica keep what was deleted.
                transferOptions: { overwriteWhen: "DIFFERENT", deleteObjectsFromSourceAfterTransfer: false, deleteObjectsUniqueInSink: false },
            },
            loggingConfig: { logActions: ["COPY", "DELETE", "FIND"], logActionStates: ["FAILED"] },
        },
        childOpts(ctx, { dependsOn: [sourceAccess, replicaAccess] }),
    );
}

function replicaInstance(dr: AdapterContext, net: GcpNetworkNative, database: GcpDatabaseNative, region: string, key: gcp.kms.CryptoKey, ready: pulumi.Resource[]): gcp.sql.DatabaseInstance {
    const spec = dr.platform.database;
    // The primary's size and edition: promoted, it carries the whole load.
    const tier = databaseTierFor(spec.shape);
    return new gcp.sql.DatabaseInstance(
        childName(dr, "db-replica"),
        {
            project: net.project,
            region,
            name: `${database.instanceName}-dr`,
            databaseVersion: databaseVersionFor(spec.engineVersion),
            masterInstanceName: database.instance.name,
            instanceType: "READ_REPLICA_INSTANCE",
            encryptionKeyName: key.id,
            deletionProtection: spec.deletionProtection,
            settings: {
                tier,
                edition: databaseEditionFor(tier),
                availabilityType: "ZONAL",
                diskType: "PD_SSD",
                diskAutoresize: true,
                diskAutoresizeLimit: spec.maxStorageGb,
                ipConfiguration: { ipv4Enabled: false, privateNetwork: net.network.id, sslMode: "ENCRYPTED_ONLY", serverCaMode: "GOOGLE_MANAGED_CAS_CA" },
                databaseFlags: databaseFlagsFor(spec),
                deletionProtectionEnabled: spec.deletionProtection,
                userLabels: labelsFor(dr),
            },
        },
        dataOpts(dr, { dependsOn: ready }),
    );
}

export function createDisasterRecovery(ctx: AdapterContext, spec: DisasterRecoverySpec, deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs> {
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const store = nativeOf<GcpObjectStoreNative>(deps.objectStore);
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const platform = ctx.platform;

    // Same project and credentials; everything under `region` is created in the DR region.
    const provider = new gcp.Provider(childName(ctx, "provider"), { project: net.project, region: spec.region }, { parent: ctx.parent });
    const scope = new pulumi.ComponentResource("platform:index:RecoveryRegion", childName(ctx, "region"), {}, { parent: ctx.parent, providers: [provider] });
    const dr: AdapterContext = { ...ctx, parent: scope };
    const [transferApi] = requireApis(ctx, net, ["storagetransfer.googleapis.com"]);

    // Key rings are never deleted: the auto-named ring lets a destroyed stack come back.
    const keyRing = new gcp.kms.KeyRing(childName(dr, "keys"), { project: net.project, location: spec.region }, dataOpts(dr, { dependsOn: [net.apis["cloudkms.googleapis.com"]] }));
    const storageKey = createCryptoKey(dr, keyRing, "storage", [net.serviceAgents["storage.googleapis.com"]]);
    const dbKey = createCryptoKey(dr, keyRing, "db", [net.serviceAgents["sqladmin.googleapis.com"]]);
    const secretsKey = createCryptoKey(dr, keyRing, "secrets", [net.serviceAgents["secretmanager.googleapis.com"]]);
    announceSecretReplicaKey(platform, { key: secretsKey.key, grant: secretsKey.grants[0] });

    const bucketReady = [...storageKey.grants, net.apis["storage.googleapis.com"]];
    const replica = replicaBucket(dr, net, "replica", spec.region, storageKey.key, bucketReady, store.logsBucket, dataLifecycleRules(platform.objectStore));
    replicate(ctx, net, "replication", store.bucket.name, replica, transferApi);
    if (deps.backups) {
        const dumps: LifecycleRule[] = [
            { action: { type: "Delete" }, condition: { withState: "LIVE", age: platform.backups.retentionDays } },
            { action: { type: "Delete" }, condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: 1 } },
            { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
        ];
        const backupsReplica = replicaBucket(dr, net, "backups-replica", spec.region, storageKey.key, bucketReady, store.logsBucket, dumps);
        replicate(ctx, net, "backups-replication", deps.backups.outputs.bucketName, backupsReplica, transferApi);
    }

    replicaInstance(dr, net, database, spec.region, dbKey.key, [...dbKey.grants, net.privateServices]);

    const parts: RecoveryPromise[] = [
        {
            component: "database",
            rpoMinutes: SQL_REPLICA_LAG_MINUTES,
            rtoMinutes: PROMOTE_MINUTES,
            method: `Cloud SQL cross-region read replica in ${spec.region}, promoted to a standalone primary`,
        },
        {
            component: "files",
            rpoMinutes: BUCKET_REPLICATION_MINUTES,
            rtoMinutes: 15,
            method: `Storage Transfer Service cross-bucket replication to ${spec.region} (no RPO guarantee: minutes for most objects, hours over 1 GiB)`,
        },
        { component: "secrets", rpoMinutes: 1, rtoMinutes: 0, method: `Secret Manager replicas in ${spec.region} under a key of that region` },
    ];
    return {
        outputs: { region: pulumi.output(spec.region), bucketName: replica.name, promises: pulumi.output([...parts, platformPromise(parts)]) },
        native: { provider, keyRing, storageKey: storageKey.key, dbKey: dbKey.key, secretsKey: secretsKey.key },
    };
}
