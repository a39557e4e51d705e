// The in-cluster data services sized from the resolved spec, as pure functions: how many
// PostgreSQL instances, Redis nodes and how much storage, memory and CPU each gets, the backup
// schedule and retention, and the object store's lifecycle. No Pulumi here, so every number is
// tested on plain values.

import { CacheSpec, DatabaseSpec, ObjectStoreSpec, Shape } from "../../tiers/types";

/** Kubernetes requests and limits of one container. */
export interface ContainerResources {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
}

/** Object names must be RFC 1123 labels: lowercase alphanumerics and "-", at most 63 characters. */
export function dnsLabel(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/-+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 63)
        .replace(/-+$/, "");
}

/** The names a Service of `service` answers to inside the cluster, shortest first: the server certificate covers them all. */
export function serviceDnsNames(service: string, namespace: string): string[] {
    return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

function cores(vcpus: number): string {
    return Number.isInteger(vcpus) ? String(vcpus) : `${Math.round(vcpus * 1000)}m`;
}

/**
 * A database pod gets its machine shape as limits. Memory is requested in full (PostgreSQL sizes
 * its buffers against it, and a pod that overcommits memory is the first one evicted), CPU at half
 * so a small cluster can still schedule the primary and its standby.
 */
export function databaseResources(shape: Shape): ContainerResources {
    return {
        requests: { cpu: cores(shape.vcpus / 2), memory: `${shape.memoryGb}Gi` },
        limits: { cpu: cores(shape.vcpus), memory: `${shape.memoryGb}Gi` },
    };
}

export interface DatabaseSizing {
    /** Primary, a synchronous-capable standby with high availability, then the read replicas. */
    instances: number;
    storage: string;
    resources: ContainerResources;
    parameters: Record<string, string>;
    /** CloudNativePG schedule (six fields, seconds first) of the daily base backup. */
    backupSchedule: string;
    /** Barman's recovery window, e.g. "30d". */
    retentionPolicy: string;
}

/** "03:00-04:00" -> "0 0 3 * * *": the base backup starts when the document's window opens. */
export function backupSchedule(window: string): string {
    const match = /^(\d{2}):(\d{2})-\d{2}:\d{2}$/.exec(window);
    if (!match) {
        throw new Error(`backup window ${window} is not "hh:mm-hh:mm"`);
    }
    return `0 ${Number(match[2])} ${Number(match[1])} * * *`;
}

export function databaseSizing(spec: DatabaseSpec): DatabaseSizing {
    const memoryMb = spec.shape.memoryGb * 1024;
    return {
        instances: (spec.highAvailability ? 2 : 1) + spec.readReplicas,
        storage: `${spec.storageGb}Gi`,
        resources: databaseResources(spec.shape),
        parameters: {
            max_connections: String(spec.maxConnections),
            log_min_duration_statement: String(spec.slowQueryMs),
            // The usual starting points: a quarter of memory for buffers, three quarters as the planner's cache estimate.
            shared_buffers: `${Math.floor(memoryMb / 4)}MB`,
            effective_cache_size: `${Math.floor((memoryMb * 3) / 4)}MB`,
            log_connections: "on",
            log_disconnections: "on",
            log_lock_waits: "on",
            log_statement: "ddl",
        },
        backupSchedule: backupSchedule(spec.backupWindow),
        retentionPolicy: `${spec.backupRetentionDays}d`,
    };
}

export interface CacheSizing {
    /** Cluster mode (the application uses a cluster client) when the tier asks for more than one shard. */
    clusterMode: boolean;
    shards: number;
    /** Redis pods per shard: the primary and its replicas. */
    nodesPerShard: number;
    /** Sentinels watching the primary; none without replicas (nothing to fail over to). */
    sentinels: number;
    /** Redis's own memory ceiling, below the container's limit (forks for RDB and AOF rewrites, buffers). */
    maxmemoryMb: number;
    maxmemoryPolicy: string;
    resources: ContainerResources;
    /** Room for the RDB snapshot and the append-only file, which grows to about twice the data before a rewrite. */
    storage: string;
}

/**
 * ElastiCache reserves a quarter of a node's memory for forks and buffers; the same share is left
 * outside maxmemory here. Redis runs one main thread, so CPU grows slowly with memory: one core
 * per 8 GiB (the r-class ratio), at least half a core.
 */
export function cacheSizing(spec: CacheSpec): CacheSizing {
    const memoryMi = Math.round(spec.nodeMemoryGb * 1024);
    const cpuLimitMillicores = Math.max(500, Math.ceil(spec.nodeMemoryGb / 8) * 1000);
    const clusterMode = spec.shards > 1;
    return {
        clusterMode,
        shards: spec.shards,
        nodesPerShard: 1 + spec.replicasPerShard,
        sentinels: !clusterMode && spec.replicasPerShard > 0 ? 3 : 0,
        maxmemoryMb: Math.floor((memoryMi * 3) / 4),
        // Only keys with a TTL (cache entries, sessions) are evicted; queued tasks have none and are never dropped.
        maxmemoryPolicy: "volatile-lru",
        resources: {
            requests: { cpu: `${cpuLimitMillicores / 2}m`, memory: `${memoryMi}Mi` },
            limits: { cpu: `${cpuLimitMillicores}m`, memory: `${memoryMi}Mi` },
        },
        storage: `${Math.max(1, Math.ceil(spec.nodeMemoryGb * 3))}Gi`,
    };
}

export interface ObjectStoreSizing {
    /** The volume server's PVC: uploads plus the database's base backups and WAL. */
    volumeGb: number;
    /** Metadata (filer) and topology (master) volumes. */
    metadataGb: number;
    lifecycle: LifecycleRule[];
}

/** The S3 lifecycle configuration written on the bucket (PutBucketLifecycleConfiguration's JSON). */
export interface LifecycleRule {
    ID: string;
    Status: "Enabled";
    Filter: { Prefix: string };
    NoncurrentVersionExpiration?: { NoncurrentDays: number };
    Expiration?: { Days: number };
    AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number };
}

/** A compressed base backup is about a third of the data; one is kept per day of the retention window. */
const BACKUP_COMPRESSION = 0.3;
const MIN_VOLUME_GB = 20;

/**
 * The documents' lifecycle: noncurrent versions expire after 30 days and objects after a year.
 * Their "archive after 90 days" is a storage-class transition that a single-class server has no
 * equivalent for; objects stay on the same volume until they expire.
 */
export function lifecycleRules(spec: ObjectStoreSpec): LifecycleRule[] {
    return [
        { ID: "expire-noncurrent-versions", Status: "Enabled", Filter: { Prefix: "" }, NoncurrentVersionExpiration: { NoncurrentDays: spec.noncurrentVersionExpirationDays } },
        { ID: "expire-objects", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: spec.expireAfterDays } },
        { ID: "abort-incomplete-uploads", Status: "Enabled", Filter: { Prefix: "" }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ];
}

export function objectStoreSizing(spec: ObjectStoreSpec, database: Pick<DatabaseSpec, "storageGb" | "backupRetentionDays">): ObjectStoreSizing {
    const backupsGb = Math.ceil(database.storageGb * database.backupRetentionDays * BACKUP_COMPRESSION);
    // Uploads are budgeted at the database's own size: the documents give no figure of their own.
    const uploadsGb = database.storageGb;
    return {
        volumeGb: Math.max(MIN_VOLUME_GB, backupsGb + uploadsGb),
        metadataGb: Math.max(5, Math.ceil(database.storageGb / 20)),
        lifecycle: lifecycleRules(spec),
    };
}
