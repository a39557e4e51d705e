// The LMS document's scaling formulas, applied only when `concurrentUsers` is set and never
// below the tier's floor:
//   app servers = ceil(users / 500)      database connections = users x 1.5
//   Redis memory = users x 0.1 MB         storage = users x 100 MB
// Megabytes are decimal (1 GB = 1,000 MB) so the results read the way the formulas do.

import { TierSpec } from "./types";

export interface SizedTier {
    minReplicas: number;
    maxReplicas: number;
    maxConnections: number;
    cacheMemoryGb: number;
    storageGb: number;
    maxStorageGb: number;
}

export function appServersFor(users: number): number {
    return Math.ceil(users / 500);
}

export function dbConnectionsFor(users: number): number {
    return Math.ceil(users * 1.5);
}

export function redisMemoryGbFor(users: number): number {
    return (users * 0.1) / 1000;
}

export function storageGbFor(users: number): number {
    return Math.ceil((users * 100) / 1000);
}

export function sizeTier(tier: TierSpec, concurrentUsers?: number): SizedTier {
    if (concurrentUsers === undefined) {
        return {
            minReplicas: tier.fleet.minReplicas,
            maxReplicas: tier.fleet.maxReplicas,
            maxConnections: tier.database.maxConnections,
            cacheMemoryGb: tier.cache.nodeMemoryGb,
            storageGb: tier.database.storageGb,
            maxStorageGb: tier.database.maxStorageGb,
        };
    }
    const minReplicas = Math.max(tier.fleet.minReplicas, appServersFor(concurrentUsers));
    const storageGb = Math.max(tier.database.storageGb, storageGbFor(concurrentUsers));
    return {
        minReplicas,
        maxReplicas: Math.max(tier.fleet.maxReplicas, minReplicas),
        maxConnections: Math.max(tier.database.maxConnections, dbConnectionsFor(concurrentUsers)),
        // Redis memory is spread over the shards; each node must hold its shard.
        cacheMemoryGb: Math.max(tier.cache.nodeMemoryGb, redisMemoryGbFor(concurrentUsers) / tier.cache.shards),
        storageGb,
        // Autoscaling headroom: at least the tier's ceiling, at least twice the allocation.
        maxStorageGb: Math.max(tier.database.maxStorageGb, storageGb * 2),
    };
}
