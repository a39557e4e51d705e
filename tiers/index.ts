// Validated config + tier table -> the resolved platform spec. Pure: no Pulumi calls, so the
// whole sizing logic is tested on plain values.

import { subnetLayout } from "../config/cidr";
import { ConfigError } from "../config/load";
import { ComputeShapeName, PlatformConfig, ServiceConfig } from "../config/types";
import { capacitySpec, disasterRecoverySpec, logicalBackupSpec, poolingSpec, searchSpec, telemetrySpec, vpnSpec } from "./features";
import { clusterSizing, podResources, quotaProblems } from "./kubernetes";
import { sizeTier } from "./sizing";
import { TIERS } from "./table";
import { AlarmThresholds, PlatformSpec, ServiceSpec, Shape, TierSpec } from "./types";

export { TIERS, isProductionTier } from "./table";
export * from "./types";
export { FEATURE_CONSTANTS, FEATURE_DEFAULTS } from "./features";

/** Values the seed documents fix for every tier. */
export const SEED_CONSTANTS = {
    postgresVersion: "15",
    redisVersion: "7.1",
    backupWindow: "03:00-04:00",
    maintenanceWindow: "sun:04:00-sun:05:00",
    // ElastiCache needs its own maintenance window clear of the snapshot window.
    cacheMaintenanceWindow: "sun:05:00-sun:06:00",
    cacheSnapshotRetentionDays: 5,
    slowQueryMs: 500,
    enhancedMonitoringSeconds: 60,
    wafRateLimitPerIp: 2000,
    cpuTargetPercent: 70,
    scaleOutQueueDepth: 100,
    scaleInQueueDepth: 10,
    healthCheckGraceSeconds: 300,
    rootVolumeGb: 30,
    noncurrentVersionExpirationDays: 30,
    archiveAfterDays: 90,
    expireAfterDays: 365,
    // The LMS document's probes on its Deployment (the idea-management one waits 10 s before readiness).
    livenessInitialDelaySeconds: 30,
    livenessPeriodSeconds: 10,
    readinessInitialDelaySeconds: 5,
    readinessPeriodSeconds: 5,
    kubernetesVersion: "1.33",
} as const;

/**
 * Every tier's alarms. The tiers are the LMS document's, so its scaling triggers set CPU > 70 %,
 * memory > 80 %, p95 > 500 ms and 5xx > 1 %. It gives neither windows nor database and Redis
 * limits: those are the idea-management document's (5 minutes; connections > 90 % for 2
 * minutes; Redis memory > 85 %). A stack overrides any of them with `platform:alarms`.
 */
export const DEFAULT_ALARMS: AlarmThresholds = {
    cpuPercent: 70,
    cpuMinutes: 5,
    memoryPercent: 80,
    memoryMinutes: 5,
    errorRatePercent: 1,
    errorRateMinutes: 5,
    responseTimeP95Ms: 500,
    dbConnectionsPercent: 90,
    dbConnectionsMinutes: 2,
    cacheMemoryPercent: 85,
    cacheMemoryMinutes: 5,
};

export function shapeOf(name: ComputeShapeName): Shape {
    const [vcpus, memoryGb] = name.split("x").map(Number);
    return { vcpus, memoryGb };
}

function resolveService(service: ServiceConfig, tier: TierSpec, fleet: { minReplicas: number; maxReplicas: number }): ServiceSpec {
    const minReplicas = service.minReplicas ?? fleet.minReplicas;
    const shape = service.size ? shapeOf(service.size) : tier.fleet.shape;
    return {
        name: service.name,
        kind: service.kind,
        image: service.image,
        port: service.port,
        healthPath: service.healthPath,
        readyPath: service.readyPath,
        public: service.kind === "web" && service.public,
        command: service.command,
        minReplicas,
        maxReplicas: service.maxReplicas ?? Math.max(fleet.maxReplicas, minReplicas),
        shape,
        pod: podResources(shape),
        rootVolumeGb: SEED_CONSTANTS.rootVolumeGb,
        ...(service.cpuScaling ? { cpuScaling: { ...service.cpuScaling } } : {}),
        calls: service.calls ?? [],
        capacity: capacitySpec(service),
    };
}

function corsOrigins(domain?: string): string[] {
    return domain ? [`https://${domain}`, `https://*.${domain}`] : [];
}

/**
 * A service's maxReplicas below the minimum it gets from the tier or the sizing formulas (when
 * it sets no minReplicas of its own) would give an Auto Scaling group min > max, which AWS refuses.
 */
function replicaProblems(services: readonly ServiceConfig[], tierName: string, fleetMinimum: number): string[] {
    return services.flatMap((service, index) =>
        service.maxReplicas !== undefined && service.minReplicas === undefined && service.maxReplicas < fleetMinimum
            ? [
                  `platform:services[${index}].maxReplicas: ${service.maxReplicas} is below the ${fleetMinimum} replicas tier ${tierName} (and concurrentUsers) start with; allowed: at least ${fleetMinimum}, or set platform:services[${index}].minReplicas too`,
              ]
            : [],
    );
}

function withDefined<T extends object>(values: T): Partial<T> {
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function resolvePlatformSpec(config: PlatformConfig, project: string, stack: string): PlatformSpec {
    const tier = TIERS[config.tier];
    const sized = sizeTier(tier, config.concurrentUsers);
    const problems = replicaProblems(config.services, config.tier, sized.minReplicas);
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    const zones = config.network.zones ?? tier.zones;
    const services = config.services.map((service) => resolveService(service, tier, sized));
    if (config.runtime === "kubernetes") {
        const overQuota = quotaProblems(services, tier.quota, config.tier);
        if (overQuota.length > 0) {
            throw new ConfigError(overQuota);
        }
    }
    return {
        name: `${project}-${stack}`,
        cloud: config.cloud,
        runtime: config.runtime,
        ...(config.kubernetes ? { kubernetes: { ...config.kubernetes } } : {}),
        region: config.region,
        gcpProject: config.gcpProject,
        gcpBillingAccount: config.gcpBillingAccount,
        tags: { project, environment: stack, tier: config.tier, "managed-by": "pulumi" },
        protectData: tier.protectData,
        network: {
            cidr: config.network.cidr,
            zones,
            subnets: subnetLayout(config.network.cidr, zones),
            natGateways: tier.natGateways,
            adminCidrs: config.adminCidrs,
            // Only public web services are reached from the public load balancer; private ones only through declared calls.
            servicePorts: [...new Set(config.services.flatMap((service) => (service.port && service.kind === "web" && service.public ? [service.port] : [])))].sort((a, b) => a - b),
            flowLogRetentionDays: tier.logRetentionDays,
        },
        database: {
            engine: "postgres",
            engineVersion: SEED_CONSTANTS.postgresVersion,
            port: 5432,
            databaseName: "app",
            username: "app_admin",
            appRole: "app",
            shape: tier.database.shape,
            storageGb: sized.storageGb,
            maxStorageGb: sized.maxStorageGb,
            highAvailability: tier.database.highAvailability,
            readReplicas: tier.database.readReplicas,
            replicaShape: tier.database.replicaShape,
            maxConnections: sized.maxConnections,
            backupRetentionDays: tier.database.backupRetentionDays,
            backupWindow: SEED_CONSTANTS.backupWindow,
            maintenanceWindow: SEED_CONSTANTS.maintenanceWindow,
            slowQueryMs: SEED_CONSTANTS.slowQueryMs,
            monitoringIntervalSeconds: SEED_CONSTANTS.enhancedMonitoringSeconds,
            deletionProtection: tier.deletionProtection,
            logRetentionDays: tier.logRetentionDays,
            pooling: poolingSpec(config.tier, config.features),
        },
        cache: {
            engine: "redis",
            engineVersion: SEED_CONSTANTS.redisVersion,
            port: 6379,
            nodeMemoryGb: sized.cacheMemoryGb,
            shards: tier.cache.shards,
            replicasPerShard: tier.cache.replicasPerShard,
            automaticFailover: tier.cache.replicasPerShard > 0,
            multiAz: tier.cache.replicasPerShard > 0,
            snapshotRetentionDays: SEED_CONSTANTS.cacheSnapshotRetentionDays,
            snapshotWindow: SEED_CONSTANTS.backupWindow,
            maintenanceWindow: SEED_CONSTANTS.cacheMaintenanceWindow,
            logRetentionDays: tier.logRetentionDays,
        },
        objectStore: {
            versioning: true,
            noncurrentVersionExpirationDays: SEED_CONSTANTS.noncurrentVersionExpirationDays,
            archiveAfterDays: SEED_CONSTANTS.archiveAfterDays,
            expireAfterDays: SEED_CONSTANTS.expireAfterDays,
            corsOrigins: corsOrigins(config.domain),
            accessLogRetentionDays: tier.logRetentionDays,
        },
        appFleet: {
            services,
            domain: config.domain,
            waf: { enabled: tier.waf, rateLimitPerIp: SEED_CONSTANTS.wafRateLimitPerIp },
            deletionProtection: tier.deletionProtection,
            http2: true,
            cpuTargetPercent: SEED_CONSTANTS.cpuTargetPercent,
            scaleOutQueueDepth: SEED_CONSTANTS.scaleOutQueueDepth,
            scaleInQueueDepth: SEED_CONSTANTS.scaleInQueueDepth,
            healthCheckGraceSeconds: SEED_CONSTANTS.healthCheckGraceSeconds,
            logRetentionDays: tier.logRetentionDays,
            kubernetes: {
                quota: tier.quota,
                liveness: { initialDelaySeconds: SEED_CONSTANTS.livenessInitialDelaySeconds, periodSeconds: SEED_CONSTANTS.livenessPeriodSeconds },
                readiness: { initialDelaySeconds: SEED_CONSTANTS.readinessInitialDelaySeconds, periodSeconds: SEED_CONSTANTS.readinessPeriodSeconds },
                productionMinReplicas: tier.protectData ? 2 : 1,
                cluster: { kubernetesVersion: SEED_CONSTANTS.kubernetesVersion, zones, ...clusterSizing(services, tier.fleet.shape, zones) },
            },
            ...(config.features.schedule ? { schedule: { ...config.features.schedule, days: [...config.features.schedule.days] } } : {}),
        },
        observability: {
            alertEmail: config.alertEmail,
            logRetentionDays: tier.logRetentionDays,
            alarms: { ...DEFAULT_ALARMS, ...config.alarms },
            budget: config.budget,
            healthCheck: { intervalSeconds: 30, failureThreshold: 3 },
        },
        telemetry: telemetrySpec(config.tier, config.features, tier.logRetentionDays),
        search: searchSpec(config.tier, config.features, zones, tier.logRetentionDays, tier.deletionProtection),
        backups: logicalBackupSpec(config.tier, config.features),
        ...withDefined({ disasterRecovery: disasterRecoverySpec(config.features), vpn: vpnSpec(config.features) }),
        overrides: config.overrides,
    };
}
