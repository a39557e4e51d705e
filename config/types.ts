// The validated stack configuration: plain values only, no Outputs. Everything downstream
// (tiers, components, adapters) reads this shape, never `pulumi.Config` directly.

export const CLOUDS = ["aws", "gcp", "azure", "kubernetes"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const TIER_NAMES = [
    "development",
    "staging",
    "production-small",
    "production-medium",
    "production-large",
] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const RUNTIMES = ["vm", "kubernetes"] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const SERVICE_KINDS = ["web", "worker"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Machine shapes a service may ask for, written "<vCPUs>x<GiB>". */
export const COMPUTE_SHAPES = ["2x4", "2x8", "4x16", "8x32"] as const;
export type ComputeShapeName = (typeof COMPUTE_SHAPES)[number];

export const COMPONENT_NAMES = ["network", "database", "cache", "objectStore", "appFleet", "observability"] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export interface ServiceConfig {
    name: string;
    image: string;
    kind: ServiceKind;
    /** Container port; required for web services. */
    port?: number;
    healthPath: string;
    readyPath: string;
    /** Web services only: reachable through the public load balancer. */
    public: boolean;
    command?: string[];
    minReplicas?: number;
    maxReplicas?: number;
    size?: ComputeShapeName;
    /** Web services only: step scaling on CPU instead of target tracking at the tier's target. */
    cpuScaling?: CpuScalingConfig;
    /** Web services of the stack this one calls: the only service-to-service paths that exist. */
    calls?: string[];
    /** Workers only: capacity above `onDemandBase` runs on spot/preemptible machines. */
    spot?: boolean;
    /** With spot: replicas always kept on regular (on-demand) capacity; default 1. */
    onDemandBase?: number;
    /** CPU architecture of the image; arm64 runs on Graviton, Axion/Tau T2A, Cobalt. Default x86_64. */
    architecture?: Architecture;
}

/** Out when the group's average CPU stays above scaleOutPercent, in when it stays below scaleInPercent. */
export interface CpuScalingConfig {
    scaleOutPercent: number;
    scaleOutMinutes: number;
    scaleInPercent: number;
    scaleInMinutes: number;
}

export const CPU_SCALING_KEYS = ["scaleOutPercent", "scaleOutMinutes", "scaleInPercent", "scaleInMinutes"] as const satisfies readonly (keyof CpuScalingConfig)[];

/** Alarm thresholds a stack may set (`platform:alarms`); the tier's defaults fill the rest. */
export const ALARM_KEYS = [
    "cpuPercent",
    "cpuMinutes",
    "memoryPercent",
    "memoryMinutes",
    "errorRatePercent",
    "errorRateMinutes",
    "responseTimeP95Ms",
    "dbConnectionsPercent",
    "dbConnectionsMinutes",
    "cacheMemoryPercent",
    "cacheMemoryMinutes",
] as const;
export type AlarmKey = (typeof ALARM_KEYS)[number];

export interface NetworkConfig {
    cidr: string;
    /** Number of availability zones; the tier's default when absent. */
    zones?: number;
}

export interface BudgetConfig {
    monthlyUsd: number;
    alertPercent: number;
}

/** Raw provider arguments merged last, per component and per cloud. */
export type Overrides = Partial<Record<ComponentName, Partial<Record<Cloud, Record<string, unknown>>>>>;

/**
 * Usage volumes the cost estimate assumes for usage-billed items (data processed, requests,
 * stored GB). The deployed platform ignores them; `npm run plan` prices with them.
 */
export const USAGE_KEYS = [
    "natDataGb",
    "loadBalancerLcu",
    "internetEgressGb",
    "logIngestGb",
    "objectStorageGb",
    "objectWriteThousands",
    "accessLogStorageGb",
    "wafRequestsMillions",
    "queueRequestsMillions",
] as const;
export type UsageKey = (typeof USAGE_KEYS)[number];

export interface PlatformConfig {
    cloud: Cloud;
    tier: TierName;
    /** Absent for kubernetes. */
    region?: string;
    gcpProject?: string;
    /** The budget's billing account; absent: the project's own. */
    gcpBillingAccount?: string;
    services: ServiceConfig[];
    domain?: string;
    network: NetworkConfig;
    adminCidrs: string[];
    alertEmail?: string;
    budget: BudgetConfig;
    concurrentUsers?: number;
    runtime: Runtime;
    /** cloud kubernetes only: which cluster, and its storage and ingress classes. */
    kubernetes?: KubernetesConfig;
    overrides: Overrides;
    usage: Partial<Record<UsageKey, number>>;
    alarms: Partial<Record<AlarmKey, number>>;
    features: FeaturesConfig;
}

/** The existing cluster `cloud: kubernetes` deploys into (`platform:kubernetes`). */
export interface KubernetesConfig {
    /** kubeconfig context; absent: the kubeconfig's current context. */
    context?: string;
    /** StorageClass of every volume; absent: the cluster's default class. */
    storageClass?: string;
    /** IngressClass of the public Ingresses; "nginx" (the default) installs ingress-nginx. */
    ingressClass: string;
}

export const KUBERNETES_KEYS = ["context", "storageClass", "ingressClass"] as const satisfies readonly (keyof KubernetesConfig)[];
export const DEFAULT_INGRESS_CLASS = "nginx";

/** Defaults taken from the seed documents. */
export const DEFAULT_VPC_CIDR = "10.0.0.0/16";
export const DEFAULT_BUDGET: BudgetConfig = { monthlyUsd: 5000, alertPercent: 80 };

// ---------------------------------------------------------------------------------------------
// The documents' remaining capabilities, each a key a stack turns on or off (config/features.ts).
// Absent keys take the tier's default (tiers/features.ts).

/** `platform:tracing`: OpenTelemetry traces to the cloud's tracing service. */
export interface TracingConfig {
    enabled?: boolean;
    /** Share of root traces kept, 0 to 1. */
    sampleRatio?: number;
}
export const TRACING_KEYS = ["enabled", "sampleRatio"] as const satisfies readonly (keyof TracingConfig)[];

/** `platform:search`: the log and search cluster (OpenSearch). */
export interface SearchConfig {
    enabled?: boolean;
    /** Ship the services' and platform's logs into it. */
    shipLogs?: boolean;
}
export const SEARCH_KEYS = ["enabled", "shipLogs"] as const satisfies readonly (keyof SearchConfig)[];

/** `platform:vpn`: a site-to-site VPN gateway on the network, with tunnels when a peer is given. */
export interface VpnConfig {
    enabled: boolean;
    /** The customer gateway's public IPv4 address. */
    peerAddress?: string;
    /** The ranges behind it, routed through the tunnels. */
    peerCidrs: string[];
    /** The peer's BGP ASN, where the cloud's gateway speaks BGP (GCP HA VPN); 65000 when absent. */
    peerAsn?: number;
}
export const VPN_KEYS = ["enabled", "peerAddress", "peerCidrs", "peerAsn"] as const satisfies readonly (keyof VpnConfig)[];

/** `platform:schedule`: development and staging fleets scale to zero outside these hours. */
export interface ScheduleConfig {
    /** Days the platform runs, e.g. ["Mon", "Tue", "Wed", "Thu", "Fri"]. */
    days: Weekday[];
    /** "HH:MM", 24-hour, in `timezone`. */
    start: string;
    stop: string;
    /** IANA time zone, e.g. "Europe/Berlin". */
    timezone: string;
}
export const SCHEDULE_KEYS = ["days", "start", "stop", "timezone"] as const satisfies readonly (keyof ScheduleConfig)[];
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ARCHITECTURES = ["x86_64", "arm64"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** The switches of PlatformConfig.features; undefined: the tier's default. */
export interface FeaturesConfig {
    pooling?: boolean;
    metrics?: boolean;
    tracing: TracingConfig;
    search: SearchConfig;
    logicalBackups?: boolean;
    /** Region the disaster-recovery copies go to; absent: no cross-region copies. */
    drRegion?: string;
    vpn?: VpnConfig;
    schedule?: ScheduleConfig;
}
