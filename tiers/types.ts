// The resolved, cloud-agnostic specification that components and adapters build from.
// Adapters never see a tier name: only sizes, counts, switches and retention periods.

import { AlarmKey, Cloud, CpuScalingConfig, Overrides, Runtime, ServiceKind } from "../config/types";

/** A machine shape: what each cloud's sizes.ts turns into its own SKU. */
export interface Shape {
    vcpus: number;
    memoryGb: number;
}

/** Every field a tier fixes; the rows of the tier table. */
export interface TierSpec {
    zones: number;
    natGateways: "single" | "perZone";
    fleet: { minReplicas: number; maxReplicas: number; shape: Shape };
    database: {
        shape: Shape;
        storageGb: number;
        maxStorageGb: number;
        highAvailability: boolean;
        readReplicas: number;
        replicaShape: Shape;
        maxConnections: number;
        backupRetentionDays: number;
    };
    cache: {
        nodeMemoryGb: number;
        shards: number;
        replicasPerShard: number;
    };
    waf: boolean;
    deletionProtection: boolean;
    logRetentionDays: number;
    /** The app namespace's ResourceQuota on Kubernetes (the LMS document's for production-large). */
    quota: NamespaceQuota;
    /** Stateful resources get `protect: true` so `pulumi up` refuses to destroy them. */
    protectData: boolean;
}

/** Kubernetes quantities, e.g. { cpu: "500m", memory: "1024Mi" }. */
export interface PodResources {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
}

export interface NamespaceQuota {
    requestsCpu: number;
    requestsMemoryGi: number;
    limitsCpu: number;
    limitsMemoryGi: number;
    persistentVolumeClaims: number;
}

export interface ProbeTiming {
    initialDelaySeconds: number;
    periodSeconds: number;
}

/** The managed cluster of `runtime: kubernetes`: one autoscaled node pool across the zones. */
export interface ClusterSpec {
    kubernetesVersion: string;
    nodeShape: Shape;
    minNodes: number;
    maxNodes: number;
    zones: number;
}

/** What the workloads need on any cluster; the cluster itself only for `runtime: kubernetes`. */
export interface KubernetesWorkloadSpec {
    quota: NamespaceQuota;
    liveness: ProbeTiming;
    readiness: ProbeTiming;
    /** Pods that must stay up while nodes drain, from production on. */
    productionMinReplicas: number;
    cluster: ClusterSpec;
}

/** `cloud: kubernetes`: the existing cluster and its classes (config/types KubernetesConfig). */
export interface ExistingClusterSpec {
    context?: string;
    storageClass?: string;
    ingressClass: string;
}

export interface SubnetBlock {
    zoneIndex: number;
    publicCidr: string;
    appCidr: string;
    dataCidr: string;
}

export interface NetworkSpec {
    cidr: string;
    zones: number;
    subnets: SubnetBlock[];
    natGateways: "single" | "perZone";
    /** Empty: no bastion; operators use the cloud's session manager instead. */
    adminCidrs: string[];
    /** Container ports of the web services: what the load balancer may reach on the app tier. */
    servicePorts: number[];
    flowLogRetentionDays: number;
}

export interface DatabaseSpec {
    engine: "postgres";
    engineVersion: string;
    port: number;
    databaseName: string;
    /** The master user: operators only, never the application. */
    username: string;
    /** The application's owner role (and schema); it logs in as `${appRole}_blue` or `_green`. */
    appRole: string;
    shape: Shape;
    storageGb: number;
    maxStorageGb: number;
    highAvailability: boolean;
    readReplicas: number;
    replicaShape: Shape;
    maxConnections: number;
    backupRetentionDays: number;
    /** UTC, "hh:mm-hh:mm". */
    backupWindow: string;
    /** UTC, "ddd:hh:mm-ddd:hh:mm". */
    maintenanceWindow: string;
    slowQueryMs: number;
    monitoringIntervalSeconds: number;
    deletionProtection: boolean;
    logRetentionDays: number;
}

export interface CacheSpec {
    engine: "redis";
    engineVersion: string;
    port: number;
    nodeMemoryGb: number;
    /** 1 = cluster mode off (one primary and its replicas). */
    shards: number;
    replicasPerShard: number;
    automaticFailover: boolean;
    multiAz: boolean;
    snapshotRetentionDays: number;
    snapshotWindow: string;
    maintenanceWindow: string;
    logRetentionDays: number;
}

export interface ObjectStoreSpec {
    versioning: boolean;
    noncurrentVersionExpirationDays: number;
    archiveAfterDays: number;
    expireAfterDays: number;
    corsOrigins: string[];
    accessLogRetentionDays: number;
}

export interface ServiceSpec {
    name: string;
    kind: ServiceKind;
    image: string;
    port?: number;
    healthPath: string;
    readyPath: string;
    public: boolean;
    command?: string[];
    minReplicas: number;
    maxReplicas: number;
    shape: Shape;
    /** The pod's requests and limits on Kubernetes, from its shape (tiers/kubernetes.ts). */
    pod: PodResources;
    rootVolumeGb: number;
    /** Step scaling on the group's CPU; absent: target tracking at AppFleetSpec.cpuTargetPercent. */
    cpuScaling?: CpuScalingConfig;
    /** Web services this one calls; nothing else reaches another service. */
    calls: string[];
}

export interface AppFleetSpec {
    services: ServiceSpec[];
    domain?: string;
    waf: { enabled: boolean; rateLimitPerIp: number };
    deletionProtection: boolean;
    http2: boolean;
    cpuTargetPercent: number;
    /** Workers scale out above this many queued messages and in below scaleInQueueDepth. */
    scaleOutQueueDepth: number;
    scaleInQueueDepth: number;
    healthCheckGraceSeconds: number;
    logRetentionDays: number;
    kubernetes: KubernetesWorkloadSpec;
}

/** Percentages, windows in minutes, and the p95 latency in milliseconds (`platform:alarms`). */
export type AlarmThresholds = Record<AlarmKey, number>;

export interface ObservabilitySpec {
    alertEmail?: string;
    logRetentionDays: number;
    alarms: AlarmThresholds;
    budget: { monthlyUsd: number; alertPercent: number };
    healthCheck: { intervalSeconds: number; failureThreshold: number };
}

export interface PlatformSpec {
    /** Prefix of every resource name and of the secrets path, e.g. "platform-prod". */
    name: string;
    cloud: Cloud;
    /** vm: instance groups; kubernetes: a managed cluster the adapter creates (or, for cloud kubernetes, an existing one). */
    runtime: Runtime;
    /** cloud kubernetes only. */
    kubernetes?: ExistingClusterSpec;
    region?: string;
    gcpProject?: string;
    /** Billing account the GCP budget is created in; absent: the project's. */
    gcpBillingAccount?: string;
    /** project, environment, tier, managed-by: put on every taggable resource. */
    tags: Record<string, string>;
    protectData: boolean;
    network: NetworkSpec;
    database: DatabaseSpec;
    cache: CacheSpec;
    objectStore: ObjectStoreSpec;
    appFleet: AppFleetSpec;
    observability: ObservabilitySpec;
    overrides: Overrides;
}
