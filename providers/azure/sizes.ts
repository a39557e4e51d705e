// Cloud-agnostic shapes -> Azure SKUs. Each table lists real sizes, cheapest first within a
// vCPU count; a shape maps to the smallest size with at least its vCPUs and memory, so a shape
// the tables cannot hold is a programming error caught by the tier tests, never by a user.

import { Architecture } from "../../config/types";
import { Shape } from "../../tiers/types";

interface Size {
    name: string;
    vcpus: number;
    memoryGb: number;
}

/** Dlsv5 (2 GiB per vCPU), Dsv5 (4), Esv5 (8): Intel, premium-SSD capable, zonal in every region with zones. */
const VM_SIZES: Size[] = [
    { name: "Standard_D2ls_v5", vcpus: 2, memoryGb: 4 },
    { name: "Standard_D2s_v5", vcpus: 2, memoryGb: 8 },
    { name: "Standard_E2s_v5", vcpus: 2, memoryGb: 16 },
    { name: "Standard_D4ls_v5", vcpus: 4, memoryGb: 8 },
    { name: "Standard_D4s_v5", vcpus: 4, memoryGb: 16 },
    { name: "Standard_E4s_v5", vcpus: 4, memoryGb: 32 },
    { name: "Standard_D8ls_v5", vcpus: 8, memoryGb: 16 },
    { name: "Standard_D8s_v5", vcpus: 8, memoryGb: 32 },
    { name: "Standard_E8s_v5", vcpus: 8, memoryGb: 64 },
    { name: "Standard_D16s_v5", vcpus: 16, memoryGb: 64 },
    { name: "Standard_E16s_v5", vcpus: 16, memoryGb: 128 },
];

/** Cobalt 100 (Arm) for `architecture: arm64`: Dplsv6 (2 GiB per vCPU) and Dpsv6 (4), cheapest first. */
const ARM_VM_SIZES: Size[] = [
    { name: "Standard_D2pls_v6", vcpus: 2, memoryGb: 4 },
    { name: "Standard_D2ps_v6", vcpus: 2, memoryGb: 8 },
    { name: "Standard_D4ps_v6", vcpus: 4, memoryGb: 16 },
    { name: "Standard_D8ps_v6", vcpus: 8, memoryGb: 32 },
];

export type PostgresTier = "Burstable" | "GeneralPurpose" | "MemoryOptimized";

interface PostgresSize extends Size {
    tier: PostgresTier;
}

/** Flexible server compute: Ddsv5 is General Purpose (4 GiB per vCPU), Edsv5 Memory Optimized (8). */
const POSTGRES_SIZES: PostgresSize[] = [
    { name: "Standard_D2ds_v5", tier: "GeneralPurpose", vcpus: 2, memoryGb: 8 },
    { name: "Standard_E2ds_v5", tier: "MemoryOptimized", vcpus: 2, memoryGb: 16 },
    { name: "Standard_D4ds_v5", tier: "GeneralPurpose", vcpus: 4, memoryGb: 16 },
    { name: "Standard_E4ds_v5", tier: "MemoryOptimized", vcpus: 4, memoryGb: 32 },
    { name: "Standard_D8ds_v5", tier: "GeneralPurpose", vcpus: 8, memoryGb: 32 },
    { name: "Standard_E8ds_v5", tier: "MemoryOptimized", vcpus: 8, memoryGb: 64 },
    { name: "Standard_D16ds_v5", tier: "GeneralPurpose", vcpus: 16, memoryGb: 64 },
    { name: "Standard_E16ds_v5", tier: "MemoryOptimized", vcpus: 16, memoryGb: 128 },
    { name: "Standard_D32ds_v5", tier: "GeneralPurpose", vcpus: 32, memoryGb: 128 },
];

/**
 * Burstable servers support neither zone-redundant high availability nor read replicas, so
 * they are offered only to a server that needs neither (the development tier's).
 */
const POSTGRES_BURSTABLE: PostgresSize[] = [
    { name: "Standard_B1ms", tier: "Burstable", vcpus: 1, memoryGb: 2 },
    { name: "Standard_B2s", tier: "Burstable", vcpus: 2, memoryGb: 4 },
    { name: "Standard_B2ms", tier: "Burstable", vcpus: 2, memoryGb: 8 },
    { name: "Standard_B4ms", tier: "Burstable", vcpus: 4, memoryGb: 16 },
    { name: "Standard_B8ms", tier: "Burstable", vcpus: 8, memoryGb: 32 },
];

/** Flexible server storage is provisioned in these sizes only (GiB, 32 GiB to 32 TiB). */
export const POSTGRES_STORAGE_STEPS_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

/**
 * `max_connections` accepts 25-5,000 on every flexible server SKU (the default depends on
 * memory: 859 on 8 GiB ... 5,000 from 48 GiB); the spec's value is clamped to that range.
 */
export const POSTGRES_MAX_CONNECTIONS = { min: 25, max: 5000 };

export interface RedisSku {
    name: "Basic" | "Standard" | "Premium";
    family: "C" | "P";
    capacity: number;
    memoryGb: number;
}

/** Azure Cache for Redis Premium sizes: the tier that offers zones, replicas beyond one, persistence and clustering. */
const REDIS_PREMIUM: RedisSku[] = [
    { name: "Premium", family: "P", capacity: 1, memoryGb: 6 },
    { name: "Premium", family: "P", capacity: 2, memoryGb: 13 },
    { name: "Premium", family: "P", capacity: 3, memoryGb: 26 },
    { name: "Premium", family: "P", capacity: 4, memoryGb: 53 },
    { name: "Premium", family: "P", capacity: 5, memoryGb: 120 },
];

/** Basic sizes: one node, no replica and no SLA, but private endpoints and TLS like the others. */
const REDIS_BASIC: RedisSku[] = [
    { name: "Basic", family: "C", capacity: 0, memoryGb: 0.25 },
    { name: "Basic", family: "C", capacity: 1, memoryGb: 1 },
    { name: "Basic", family: "C", capacity: 2, memoryGb: 2.5 },
    { name: "Basic", family: "C", capacity: 3, memoryGb: 6 },
    { name: "Basic", family: "C", capacity: 4, memoryGb: 13 },
    { name: "Basic", family: "C", capacity: 5, memoryGb: 26 },
    { name: "Basic", family: "C", capacity: 6, memoryGb: 53 },
];

function key(shape: Shape): string {
    return `${shape.vcpus}x${shape.memoryGb}`;
}

function smallestHolding<T extends Size>(sizes: T[], shape: Shape, what: string): T {
    const found = sizes.find((size) => size.vcpus >= shape.vcpus && size.memoryGb >= shape.memoryGb);
    if (!found) {
        throw new Error(`No Azure ${what} holds ${key(shape)} (vCPUs x GiB); the largest is ${sizes[sizes.length - 1].name}`);
    }
    return found;
}

/** The app fleet's VM size: the smallest v5 size with at least the shape's vCPUs and memory. */
export function vmSizeFor(shape: Shape, architecture: Architecture = "x86_64"): string {
    return architecture === "arm64" ? smallestHolding(ARM_VM_SIZES, shape, "Arm VM size").name : smallestHolding(VM_SIZES, shape, "VM size").name;
}

/**
 * The flexible server SKU (name and tier). `allowBurstable` only for a server with neither
 * high availability nor replicas: Burstable supports neither.
 */
export function postgresSkuFor(shape: Shape, allowBurstable = false): { name: string; tier: PostgresTier } {
    const sizes = allowBurstable ? [...POSTGRES_BURSTABLE, ...POSTGRES_SIZES] : POSTGRES_SIZES;
    const found = smallestHolding(sizes, shape, "PostgreSQL flexible server SKU");
    return { name: found.name, tier: found.tier };
}

/** The smallest storage step holding `gb` (the documents' 500 GB -> 512 GiB). */
export function postgresStorageGbFor(gb: number): number {
    const step = POSTGRES_STORAGE_STEPS_GB.find((size) => size >= gb);
    if (step === undefined) {
        throw new Error(`PostgreSQL flexible server storage stops at ${POSTGRES_STORAGE_STEPS_GB[POSTGRES_STORAGE_STEPS_GB.length - 1]} GiB; asked for ${gb}`);
    }
    return step;
}

/** The spec's connection ceiling within what Azure accepts. */
export function postgresMaxConnectionsFor(wanted: number): number {
    return Math.min(POSTGRES_MAX_CONNECTIONS.max, Math.max(POSTGRES_MAX_CONNECTIONS.min, wanted));
}

/**
 * The cache SKU holding `memoryGb` per shard. A single unreplicated node (development) gets
 * Basic: private endpoints work on every tier, and the tier has no replica, zone or snapshot
 * to need more. Anything replicated or sharded gets Premium, the only tier with zones,
 * more than one replica, RDB persistence and clustering.
 */
export function redisSkuFor(memoryGb: number, shards: number, replicasPerShard = 1): RedisSku {
    const sizes = shards === 1 && replicasPerShard === 0 ? REDIS_BASIC : REDIS_PREMIUM;
    const found = sizes.find((sku) => sku.memoryGb >= memoryGb);
    if (!found) {
        throw new Error(`No Azure Cache for Redis ${sizes[0].name} size holds ${memoryGb} GiB per shard; the largest has ${sizes[sizes.length - 1].memoryGb}`);
    }
    return found;
}
