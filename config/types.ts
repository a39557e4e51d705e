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
