// The five tiers of the LMS requirements document as one table. Numbers come from the seeds:
// app servers, database and Redis sizes per tier, 3-10 app autoscaling for production-medium,
// 5-10 and read replicas for production-large, 30-day backups in production.

import { TierName } from "../config/types";
import { TierSpec } from "./types";

export const TIERS: Record<TierName, TierSpec> = {
    // Single small server class, no HA; two zones only because managed load balancers and
    // database subnet groups need two.
    development: {
        zones: 2,
        natGateways: "single",
        fleet: { minReplicas: 1, maxReplicas: 2, shape: { vcpus: 2, memoryGb: 4 } },
        database: {
            shape: { vcpus: 2, memoryGb: 4 },
            storageGb: 20,
            maxStorageGb: 100,
            highAvailability: false,
            readReplicas: 0,
            replicaShape: { vcpus: 2, memoryGb: 4 },
            maxConnections: 100,
            backupRetentionDays: 7,
        },
        cache: { nodeMemoryGb: 1, shards: 1, replicasPerShard: 0 },
        waf: false,
        deletionProtection: false,
        quota: { requestsCpu: 8, requestsMemoryGi: 16, limitsCpu: 16, limitsMemoryGi: 32, persistentVolumeClaims: 10 },
        logRetentionDays: 14,
        protectData: false,
    },
    // A reduced production mirror: Multi-AZ database and a replicated Redis as in the
    // idea-management staging environment, on smaller machines.
    staging: {
        zones: 2,
        natGateways: "single",
        fleet: { minReplicas: 2, maxReplicas: 4, shape: { vcpus: 2, memoryGb: 8 } },
        database: {
            shape: { vcpus: 2, memoryGb: 8 },
            storageGb: 50,
            maxStorageGb: 200,
            highAvailability: true,
            readReplicas: 0,
            replicaShape: { vcpus: 2, memoryGb: 8 },
            maxConnections: 300,
            backupRetentionDays: 14,
        },
        cache: { nodeMemoryGb: 3, shards: 1, replicasPerShard: 2 },
        waf: true,
        deletionProtection: false,
        quota: { requestsCpu: 16, requestsMemoryGi: 32, limitsCpu: 32, limitsMemoryGi: 64, persistentVolumeClaims: 10 },
        logRetentionDays: 30,
        protectData: false,
    },
    // 100-1,000 users: 2 app servers of 2 vCPU / 4 GB, database 4 vCPU / 16 GB.
    "production-small": {
        zones: 2,
        natGateways: "perZone",
        fleet: { minReplicas: 2, maxReplicas: 4, shape: { vcpus: 2, memoryGb: 4 } },
        database: {
            shape: { vcpus: 4, memoryGb: 16 },
            storageGb: 100,
            maxStorageGb: 500,
            highAvailability: true,
            readReplicas: 0,
            replicaShape: { vcpus: 4, memoryGb: 16 },
            maxConnections: 1500,
            backupRetentionDays: 30,
        },
        cache: { nodeMemoryGb: 4, shards: 1, replicasPerShard: 2 },
        waf: true,
        deletionProtection: true,
        quota: { requestsCpu: 24, requestsMemoryGi: 48, limitsCpu: 48, limitsMemoryGi: 96, persistentVolumeClaims: 10 },
        logRetentionDays: 365,
        protectData: true,
    },
    // 1,000-10,000 users: 3 x 4 vCPU / 16 GB app servers scaling 3-10, db.r6g.xlarge class
    // (4 vCPU / 32 GB), 500 GB growing to 1,000 GB, Multi-AZ, 3 Redis nodes of 13 GB.
    "production-medium": {
        zones: 3,
        natGateways: "perZone",
        fleet: { minReplicas: 3, maxReplicas: 10, shape: { vcpus: 4, memoryGb: 16 } },
        database: {
            shape: { vcpus: 4, memoryGb: 32 },
            storageGb: 500,
            maxStorageGb: 1000,
            highAvailability: true,
            readReplicas: 0,
            replicaShape: { vcpus: 4, memoryGb: 32 },
            maxConnections: 3000,
            backupRetentionDays: 30,
        },
        cache: { nodeMemoryGb: 13, shards: 1, replicasPerShard: 2 },
        waf: true,
        deletionProtection: true,
        quota: { requestsCpu: 50, requestsMemoryGi: 100, limitsCpu: 100, limitsMemoryGi: 200, persistentVolumeClaims: 10 },
        logRetentionDays: 365,
        protectData: true,
    },
    // 10,000+ users: 5-10 app servers of 8 vCPU / 32 GB, a 16 vCPU / 64 GB primary with two
    // 8 vCPU / 32 GB read replicas, Redis cluster of 3 masters and 3 replicas (4 vCPU / 16 GB).
    "production-large": {
        zones: 3,
        natGateways: "perZone",
        fleet: { minReplicas: 5, maxReplicas: 10, shape: { vcpus: 8, memoryGb: 32 } },
        database: {
            shape: { vcpus: 16, memoryGb: 64 },
            storageGb: 1000,
            maxStorageGb: 4000,
            highAvailability: true,
            readReplicas: 2,
            replicaShape: { vcpus: 8, memoryGb: 32 },
            maxConnections: 5000,
            backupRetentionDays: 30,
        },
        cache: { nodeMemoryGb: 16, shards: 3, replicasPerShard: 1 },
        waf: true,
        deletionProtection: true,
        quota: { requestsCpu: 100, requestsMemoryGi: 200, limitsCpu: 200, limitsMemoryGi: 400, persistentVolumeClaims: 10 },
        logRetentionDays: 365,
        protectData: true,
    },
};

export function isProductionTier(tier: TierName): boolean {
    return tier.startsWith("production-");
}
