// Tier defaults and the resolved specs of the documents' remaining capabilities. Pure.

import { FeaturesConfig, ServiceConfig, TierName } from "../config/types";
import { isProductionTier } from "./table";
import { CapacitySpec, DisasterRecoverySpec, LogicalBackupSpec, PoolingSpec, SearchSpec, Shape, TelemetrySpec, VpnSpec } from "./types";

/** Numbers the two documents fix for these capabilities. */
export const FEATURE_CONSTANTS = {
    // Idea-management document, "Connection Pooling".
    poolSize: 20,
    reservePoolSize: 5,
    poolIdleTimeoutSeconds: 600,
    // Idea-management document, "Prometheus & Grafana".
    scrapeIntervalSeconds: 15,
    evaluationIntervalSeconds: 15,
    metricsRetentionDays: 15,
    metricsStorageGb: 50,
    nodeExporterPort: 9100,
    // OpenTelemetry's default OTLP ports.
    otlpGrpcPort: 4317,
    otlpHttpPort: 4318,
    // LMS document, "Database Backups": BACKUP_RETENTION_DAYS=30.
    logicalBackupRetentionDays: 30,
    logicalBackupTimeUtc: "02:00",
    // LMS document, "Disaster Recovery" table; idea-management document, "Disaster Recovery".
    databaseRpoMinutes: 60,
    databaseRtoMinutes: 120,
    filesRpoMinutes: 60,
    filesRtoMinutes: 60,
    platformRpoMinutes: 60,
    platformRtoMinutes: 240,
    vpnPeerAsn: 65000,
} as const;

interface SearchSize {
    dataNodes: number;
    shape: Shape;
    storageGbPerNode: number;
    dedicatedMasters: number;
}

interface FeatureDefaults {
    pooling: boolean;
    tracingSampleRatio: number;
    /** Only production-large has the LMS document's search cluster by default. */
    search: boolean;
    searchSize: SearchSize;
    logicalBackups: boolean;
}

const MASTER_SHAPE: Shape = { vcpus: 2, memoryGb: 8 };

/**
 * Pooling from staging on (the development database is a burstable class some clouds do not
 * pool); every trace kept before production, one in ten after; the search cluster at
 * production-large as in the LMS table (3 x 8 vCPU / 32 GB with 3 dedicated masters), smaller
 * clusters where a stack turns it on earlier; logical dumps in production.
 */
export const FEATURE_DEFAULTS: Record<TierName, FeatureDefaults> = {
    development: { pooling: false, tracingSampleRatio: 1, search: false, searchSize: { dataNodes: 1, shape: { vcpus: 2, memoryGb: 8 }, storageGbPerNode: 20, dedicatedMasters: 0 }, logicalBackups: false },
    staging: { pooling: true, tracingSampleRatio: 1, search: false, searchSize: { dataNodes: 3, shape: { vcpus: 2, memoryGb: 8 }, storageGbPerNode: 100, dedicatedMasters: 0 }, logicalBackups: false },
    "production-small": { pooling: true, tracingSampleRatio: 0.1, search: false, searchSize: { dataNodes: 3, shape: { vcpus: 2, memoryGb: 8 }, storageGbPerNode: 100, dedicatedMasters: 0 }, logicalBackups: true },
    "production-medium": { pooling: true, tracingSampleRatio: 0.1, search: false, searchSize: { dataNodes: 3, shape: { vcpus: 4, memoryGb: 16 }, storageGbPerNode: 250, dedicatedMasters: 0 }, logicalBackups: true },
    "production-large": { pooling: true, tracingSampleRatio: 0.1, search: true, searchSize: { dataNodes: 3, shape: { vcpus: 8, memoryGb: 32 }, storageGbPerNode: 500, dedicatedMasters: 3 }, logicalBackups: true },
};

export function poolingSpec(tier: TierName, features: FeaturesConfig): PoolingSpec {
    return {
        enabled: features.pooling ?? FEATURE_DEFAULTS[tier].pooling,
        mode: "transaction",
        poolSize: FEATURE_CONSTANTS.poolSize,
        reservePoolSize: FEATURE_CONSTANTS.reservePoolSize,
        idleTimeoutSeconds: FEATURE_CONSTANTS.poolIdleTimeoutSeconds,
    };
}

export function telemetrySpec(tier: TierName, features: FeaturesConfig, logRetentionDays: number): TelemetrySpec {
    return {
        metrics: {
            enabled: features.metrics ?? true,
            scrapeIntervalSeconds: FEATURE_CONSTANTS.scrapeIntervalSeconds,
            evaluationIntervalSeconds: FEATURE_CONSTANTS.evaluationIntervalSeconds,
            retentionDays: FEATURE_CONSTANTS.metricsRetentionDays,
            storageGb: FEATURE_CONSTANTS.metricsStorageGb,
            replicas: isProductionTier(tier) ? 2 : 1,
            nodeExporterPort: FEATURE_CONSTANTS.nodeExporterPort,
            metricsPath: "/metrics",
            dashboards: ["system-health", "api-performance", "database-performance"],
        },
        tracing: {
            enabled: features.tracing.enabled ?? true,
            sampleRatio: features.tracing.sampleRatio ?? FEATURE_DEFAULTS[tier].tracingSampleRatio,
            otlpGrpcPort: FEATURE_CONSTANTS.otlpGrpcPort,
            otlpHttpPort: FEATURE_CONSTANTS.otlpHttpPort,
        },
        logRetentionDays,
    };
}

export function searchSpec(tier: TierName, features: FeaturesConfig, zones: number, logRetentionDays: number, deletionProtection: boolean): SearchSpec {
    const size = FEATURE_DEFAULTS[tier].searchSize;
    const enabled = features.search.enabled ?? (features.search.shipLogs === true || FEATURE_DEFAULTS[tier].search);
    return {
        enabled,
        ...size,
        masterShape: MASTER_SHAPE,
        zones: Math.min(zones, size.dataNodes),
        shipLogs: enabled && (features.search.shipLogs ?? false),
        logRetentionDays,
        deletionProtection,
    };
}

export function logicalBackupSpec(tier: TierName, features: FeaturesConfig): LogicalBackupSpec {
    return {
        enabled: features.logicalBackups ?? FEATURE_DEFAULTS[tier].logicalBackups,
        timeUtc: FEATURE_CONSTANTS.logicalBackupTimeUtc,
        retentionDays: FEATURE_CONSTANTS.logicalBackupRetentionDays,
    };
}

export function disasterRecoverySpec(features: FeaturesConfig): DisasterRecoverySpec | undefined {
    if (!features.drRegion) {
        return undefined;
    }
    return {
        region: features.drRegion,
        targets: {
            database: { rpoMinutes: FEATURE_CONSTANTS.databaseRpoMinutes, rtoMinutes: FEATURE_CONSTANTS.databaseRtoMinutes },
            files: { rpoMinutes: FEATURE_CONSTANTS.filesRpoMinutes, rtoMinutes: FEATURE_CONSTANTS.filesRtoMinutes },
            platform: { rpoMinutes: FEATURE_CONSTANTS.platformRpoMinutes, rtoMinutes: FEATURE_CONSTANTS.platformRtoMinutes },
        },
    };
}

export function vpnSpec(features: FeaturesConfig): VpnSpec | undefined {
    if (!features.vpn?.enabled) {
        return undefined;
    }
    return {
        ...(features.vpn.peerAddress ? { peerAddress: features.vpn.peerAddress } : {}),
        peerCidrs: [...features.vpn.peerCidrs],
        peerAsn: features.vpn.peerAsn ?? FEATURE_CONSTANTS.vpnPeerAsn,
        tunnels: 2,
    };
}

export function capacitySpec(service: ServiceConfig): CapacitySpec {
    const spot = service.kind === "worker" && service.spot === true;
    return { spot, onDemandBase: spot ? (service.onDemandBase ?? 1) : 0, architecture: service.architecture ?? "x86_64" };
}
