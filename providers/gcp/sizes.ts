// Cloud-agnostic shapes -> GCP machine types, Cloud SQL tiers and Memorystore sizes. A shape
// with no entry is a programming error caught by the tests, never by a user.

import { Architecture } from "../../config/types";
import { Shape } from "../../tiers/types";

function key(shape: Shape): string {
    return `${shape.vcpus}x${shape.memoryGb}`;
}

/**
 * Compute Engine types for the app fleet, each with exactly the shape's vCPUs and memory. The
 * LMS document's GCP example runs its app servers on n2-standard-4, so the n2 general-purpose
 * family (dedicated cores) carries every shape but the smallest; 2 vCPU / 4 GB has no n2 type
 * and gets e2-medium, the shared-core burstable counterpart of AWS's t3.medium.
 */
const MACHINE_TYPES: Record<string, string> = {
    "2x4": "e2-medium",
    "2x8": "n2-standard-2",
    "4x16": "n2-standard-4",
    "8x32": "n2-standard-8",
};

/**
 * Tau T2A (Ampere Altra Arm) for `architecture: arm64`: 4 GB per vCPU like n2-standard, on
 * persistent disks and at about 20% below n2; the 2 vCPU / 4 GB shape has no T2A type and gets
 * the smallest that holds it. Axion (C4A) is faster but lists above n2 and boots from Hyperdisk
 * only, so it would raise the bill this lever is for.
 */
const ARM_MACHINE_TYPES: Record<string, string> = {
    "2x4": "t2a-standard-2",
    "2x8": "t2a-standard-2",
    "4x16": "t2a-standard-4",
    "8x32": "t2a-standard-8",
};

/** Regions with T2A machines (Compute Engine's regions and zones table, as of the price date). */
export const ARM_REGIONS = ["us-central1", "europe-west4", "asia-southeast1"];

/** Debian 12 for the architecture; both families track its patched image. */
export function bootImageFor(architecture: Architecture): string {
    return `projects/debian-cloud/global/images/family/debian-12${architecture === "arm64" ? "-arm64" : ""}`;
}

export function machineTypeFor(shape: Shape, architecture: Architecture = "x86_64"): string {
    const found = (architecture === "arm64" ? ARM_MACHINE_TYPES : MACHINE_TYPES)[key(shape)];
    if (!found) {
        throw new Error(`No Compute Engine machine type for ${key(shape)} (vCPUs x GB); known: ${Object.keys(MACHINE_TYPES).join(", ")}`);
    }
    return found;
}

/** Cloud SQL Enterprise edition custom machines: 1 or an even number of vCPUs up to 96. */
const DB_MAX_VCPUS = 96;
/** Memory per vCPU from 0.9 to 6.5 GB, in multiples of 256 MB, and at least 3.75 GB in all. */
const DB_MIN_MB_PER_VCPU = 0.9 * 1024;
const DB_MAX_MB_PER_VCPU = 6.5 * 1024;
const DB_MIN_MB = 3840;
const DB_MEMORY_STEP_MB = 256;

/** Cloud SQL Enterprise Plus performance-optimized machines: 8 GB per vCPU, these vCPU counts. */
const PERF_OPTIMIZED_VCPUS = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];
const PERF_OPTIMIZED_GB_PER_VCPU = 8;

/**
 * The Cloud SQL tier with the shape's vCPUs and memory. A shape of 8 GB per vCPU (production-
 * medium's 4 vCPU / 32 GB, AWS's db.r6g.xlarge) is an Enterprise Plus performance-optimized
 * machine, `db-perf-optimized-N-4`, exactly the documents' size; Enterprise custom machines cap
 * memory at 6.5 GB per vCPU, so they would need 6 vCPUs for it. Other shapes are Enterprise
 * custom machines `db-custom-<vCPUs>-<MB>` with at least the shape's vCPUs and memory.
 */
export function databaseTierFor(shape: Shape): string {
    if (PERF_OPTIMIZED_VCPUS.includes(shape.vcpus) && shape.memoryGb === shape.vcpus * PERF_OPTIMIZED_GB_PER_VCPU) {
        return `db-perf-optimized-N-${shape.vcpus}`;
    }
    const roundUp = (mb: number): number => Math.ceil(mb / DB_MEMORY_STEP_MB) * DB_MEMORY_STEP_MB;
    let vcpus = shape.vcpus <= 1 ? 1 : shape.vcpus + (shape.vcpus % 2);
    let memoryMb = Math.max(DB_MIN_MB, roundUp(shape.memoryGb * 1024));
    while (memoryMb > vcpus * DB_MAX_MB_PER_VCPU) {
        vcpus = vcpus === 1 ? 2 : vcpus + 2;
    }
    memoryMb = Math.max(memoryMb, roundUp(vcpus * DB_MIN_MB_PER_VCPU));
    if (vcpus > DB_MAX_VCPUS || memoryMb > vcpus * DB_MAX_MB_PER_VCPU) {
        throw new Error(`No Cloud SQL custom tier holds ${key(shape)} (vCPUs x GB); the largest has ${DB_MAX_VCPUS} vCPUs and ${(DB_MAX_VCPUS * DB_MAX_MB_PER_VCPU) / 1024} GB`);
    }
    return `db-custom-${vcpus}-${memoryMb}`;
}

/**
 * The tier with managed connection pooling, which only Enterprise Plus has: the shape's own tier
 * when that is already a performance-optimized machine, else the smallest one with at least the
 * shape's vCPUs and memory (production-small's 4 vCPU / 16 GB becomes db-perf-optimized-N-4).
 */
export function pooledDatabaseTierFor(shape: Shape): string {
    const tier = databaseTierFor(shape);
    if (databaseEditionFor(tier) === "ENTERPRISE_PLUS") {
        return tier;
    }
    const vcpus = PERF_OPTIMIZED_VCPUS.find((count) => count >= shape.vcpus && count * PERF_OPTIMIZED_GB_PER_VCPU >= shape.memoryGb);
    if (vcpus === undefined) {
        throw new Error(`No Cloud SQL Enterprise Plus tier holds ${key(shape)} (vCPUs x GB), and managed connection pooling needs Enterprise Plus`);
    }
    return `db-perf-optimized-N-${vcpus}`;
}

/** The Cloud SQL edition a tier belongs to: performance-optimized machines are Enterprise Plus only. */
export function databaseEditionFor(tier: string): "ENTERPRISE" | "ENTERPRISE_PLUS" {
    return tier.startsWith("db-perf-optimized-") ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

/** Memorystore for Redis sizes: whole GB from 1 to 300. */
const REDIS_MIN_GB = 1;
const REDIS_MAX_GB = 300;
/** Read replicas are refused on instances smaller than 5 GB. */
export const REDIS_READ_REPLICAS_MIN_GB = 5;

/**
 * The Memorystore for Redis capacity (GB) for a node of `nodeMemoryGb`: the next whole GB, and
 * at least 5 GB when the instance has read replicas (staging's 3 GB with two replicas becomes
 * 5 GB; Memorystore has no smaller replicated-read size).
 */
export function redisMemoryGbFor(nodeMemoryGb: number, readReplicas = false): number {
    const floor = readReplicas ? REDIS_READ_REPLICAS_MIN_GB : REDIS_MIN_GB;
    const size = Math.max(floor, Math.ceil(nodeMemoryGb));
    if (size > REDIS_MAX_GB) {
        throw new Error(`No Memorystore for Redis instance has ${nodeMemoryGb} GB; the largest has ${REDIS_MAX_GB}`);
    }
    return size;
}

/** Memorystore for Redis Cluster node types, smallest first, with their total node capacity in GB. */
const REDIS_CLUSTER_NODE_TYPES: { nodeType: string; memoryGb: number }[] = [
    { nodeType: "REDIS_SHARED_CORE_NANO", memoryGb: 1.4 },
    { nodeType: "REDIS_STANDARD_SMALL", memoryGb: 6.5 },
    { nodeType: "REDIS_HIGHMEM_MEDIUM", memoryGb: 13 },
    { nodeType: "REDIS_HIGHMEM_XLARGE", memoryGb: 58 },
];

/** The smallest Redis Cluster node type with at least `nodeMemoryGb` per shard node. */
export function redisClusterNodeTypeFor(nodeMemoryGb: number): string {
    const node = REDIS_CLUSTER_NODE_TYPES.find((candidate) => candidate.memoryGb >= nodeMemoryGb);
    if (!node) {
        const largest = REDIS_CLUSTER_NODE_TYPES[REDIS_CLUSTER_NODE_TYPES.length - 1];
        throw new Error(`No Memorystore for Redis Cluster node type has ${nodeMemoryGb} GB; the largest has ${largest.memoryGb}`);
    }
    return node.nodeType;
}
