// The resolved, cloud-agnostic specification that components and adapters build from.
// Adapters never see a tier name: only sizes, counts, switches and retention periods.

import { AlarmKey, Architecture, Cloud, CpuScalingConfig, Overrides, Runtime, ServiceKind, Weekday } from "../config/types";

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
    pooling: PoolingSpec;
}

/**
 * The idea-management document's PgBouncer: 20 server connections per database and user, 5 in
 * reserve, idle server connections closed after 600 s, transaction pooling. DATABASE_URL and
 * the PG* variables point at the pool when it is on; the application does not change.
 */
export interface PoolingSpec {
    enabled: boolean;
    mode: "transaction";
    poolSize: number;
    reservePoolSize: number;
    idleTimeoutSeconds: number;
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
    capacity: CapacitySpec;
}

/** Where a service's machines come from: the LMS document's spot and ARM cost levers. */
export interface CapacitySpec {
    /** Workers only: capacity above onDemandBase is spot/preemptible. */
    spot: boolean;
    /** Replicas always on regular capacity (0 when spot is off: all of them are). */
    onDemandBase: number;
    architecture: Architecture;
}

/** Development and staging fleets run only inside these hours (scale to zero outside). */
export interface ScheduleSpec {
    days: Weekday[];
    /** "HH:MM" in timezone. */
    start: string;
    stop: string;
    timezone: string;
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
    /** Absent: the fleet runs around the clock. */
    schedule?: ScheduleSpec;
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

/** The idea-management document's Prometheus: 15 s scrape and evaluation, 15 days, 50 GB, 2 in HA. */
export interface MetricsSpec {
    enabled: boolean;
    scrapeIntervalSeconds: number;
    evaluationIntervalSeconds: number;
    retentionDays: number;
    storageGb: number;
    /** Prometheus and Grafana instances where they are self-run; managed services are HA by design. */
    replicas: number;
    /** node_exporter on every application and database host the platform runs. */
    nodeExporterPort: number;
    /** Scraped on every service's port. */
    metricsPath: string;
    /** The document's dashboards: system health, API performance, database performance. */
    dashboards: readonly DashboardName[];
}

export type DashboardName = "system-health" | "api-performance" | "database-performance";

/** The idea-management document's Jaeger, as OpenTelemetry to the cloud's tracing service. */
export interface TracingSpec {
    enabled: boolean;
    sampleRatio: number;
    otlpGrpcPort: number;
    otlpHttpPort: number;
}

export interface TelemetrySpec {
    metrics: MetricsSpec;
    tracing: TracingSpec;
    logRetentionDays: number;
}

/** The LMS document's search cluster ("Elasticsearch 8 vCPU / 32 GB x 3, for search and analytics"). */
export interface SearchSpec {
    enabled: boolean;
    dataNodes: number;
    shape: Shape;
    storageGbPerNode: number;
    /** Dedicated cluster-manager (master) nodes: 0 or 3. */
    dedicatedMasters: number;
    masterShape: Shape;
    /** Spread data nodes (and replicas) over the network's zones. */
    zones: number;
    /** Ship the services' logs into it. */
    shipLogs: boolean;
    logRetentionDays: number;
    deletionProtection: boolean;
}

/** The LMS document's daily logical dump to its backups bucket, kept 30 days. */
export interface LogicalBackupSpec {
    enabled: boolean;
    /** UTC "HH:MM", before the managed backup window so the two never overlap. */
    timeUtc: string;
    retentionDays: number;
}

export interface RecoveryObjective {
    rpoMinutes: number;
    rtoMinutes: number;
}

/** The documents' recovery targets, met with copies in `region`. */
export interface DisasterRecoverySpec {
    region: string;
    /** LMS: database RPO 1 h / RTO 2 h, user files RPO 1 h / RTO 1 h; idea-management: RPO 1 h / RTO 4 h. */
    targets: { database: RecoveryObjective; files: RecoveryObjective; platform: RecoveryObjective };
}

/** The LMS document's VPN gateway; tunnels when a peer is given. */
export interface VpnSpec {
    peerAddress?: string;
    peerCidrs: string[];
    peerAsn: number;
    /** Two tunnels to the peer, as every cloud's gateway offers for redundancy. */
    tunnels: number;
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
    telemetry: TelemetrySpec;
    search: SearchSpec;
    backups: LogicalBackupSpec;
    /** Absent: no cross-region copies (`drRegion` not set). */
    disasterRecovery?: DisasterRecoverySpec;
    /** Absent: no VPN gateway. */
    vpn?: VpnSpec;
    overrides: Overrides;
}
