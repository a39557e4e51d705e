// Cloud-agnostic shapes -> AWS instance classes. A shape with no entry is a programming error
// caught by the tier tests, never by a user.

import { Architecture } from "../../config/types";
import { Shape } from "../../tiers/types";

function key(shape: Shape): string {
    return `${shape.vcpus}x${shape.memoryGb}`;
}

/** EC2 types for the app fleet (t3 as in the seeds; m6i for 8 vCPU / 32 GiB). */
const INSTANCE_TYPES: Record<string, string> = {
    "2x4": "t3.medium",
    "2x8": "t3.large",
    "4x16": "t3.xlarge",
    "8x32": "m6i.2xlarge",
};

/**
 * Graviton counterparts of the app fleet's types with the same vCPUs and memory: t4g for the
 * burstable t3 shapes, m7g (Graviton3) for 8 vCPU / 32 GiB, where m6i is the x86 type.
 */
const ARM_INSTANCE_TYPES: Record<string, string> = {
    "2x4": "t4g.medium",
    "2x8": "t4g.large",
    "4x16": "t4g.xlarge",
    "8x32": "m7g.2xlarge",
};

/**
 * Types of the same vCPUs and memory a spot worker group may also launch, so a shortage of one
 * pool does not stop it (price-capacity-optimized picks among them): Intel, AMD and the
 * previous Intel generation, or three Graviton generations.
 */
const SPOT_ALTERNATIVES: Record<Architecture, Record<string, string[]>> = {
    x86_64: {
        "2x4": ["t3.medium", "t3a.medium", "c6i.large"],
        "2x8": ["t3.large", "t3a.large", "m6i.large"],
        "4x16": ["t3.xlarge", "t3a.xlarge", "m6i.xlarge"],
        "8x32": ["m6i.2xlarge", "m7i.2xlarge", "m6a.2xlarge"],
    },
    arm64: {
        "2x4": ["t4g.medium", "c7g.large", "c6g.large"],
        "2x8": ["t4g.large", "m7g.large", "m6g.large"],
        "4x16": ["t4g.xlarge", "m7g.xlarge", "m6g.xlarge"],
        "8x32": ["m7g.2xlarge", "m8g.2xlarge", "m6g.2xlarge"],
    },
};

/** RDS classes: burstable for development, Graviton general purpose / memory optimised above. */
const DB_INSTANCE_CLASSES: Record<string, string> = {
    "2x4": "db.t4g.medium",
    "2x8": "db.m6g.large",
    "4x16": "db.m6g.xlarge",
    "4x32": "db.r6g.xlarge",
    "8x32": "db.m6g.2xlarge",
    "16x64": "db.m6g.4xlarge",
};

/** ElastiCache node types, smallest first, with their usable memory in GiB. */
const CACHE_NODE_TYPES: { nodeType: string; memoryGb: number }[] = [
    { nodeType: "cache.t4g.small", memoryGb: 1.37 },
    { nodeType: "cache.t4g.medium", memoryGb: 3.09 },
    { nodeType: "cache.m6g.large", memoryGb: 6.38 },
    { nodeType: "cache.r6g.large", memoryGb: 13.07 },
    { nodeType: "cache.r6g.xlarge", memoryGb: 26.32 },
    { nodeType: "cache.r6g.2xlarge", memoryGb: 52.82 },
    { nodeType: "cache.r6g.4xlarge", memoryGb: 105.81 },
];

function lookup(table: Record<string, string>, shape: Shape, what: string): string {
    const found = table[key(shape)];
    if (!found) {
        throw new Error(`No AWS ${what} for ${key(shape)} (vCPUs x GiB); known: ${Object.keys(table).join(", ")}`);
    }
    return found;
}

export function instanceTypeFor(shape: Shape, architecture: Architecture = "x86_64"): string {
    return architecture === "arm64" ? lookup(ARM_INSTANCE_TYPES, shape, "Graviton instance type") : lookup(INSTANCE_TYPES, shape, "instance type");
}

/** The types a spot group launches, its own type first. */
export function spotInstanceTypesFor(shape: Shape, architecture: Architecture): string[] {
    const types = SPOT_ALTERNATIVES[architecture][key(shape)];
    if (!types) {
        throw new Error(`No AWS spot alternatives for ${key(shape)} (vCPUs x GiB) on ${architecture}`);
    }
    return types;
}

/** Amazon Linux 2023 for the architecture, resolved from its public SSM parameter at launch. */
export function amazonLinuxImage(architecture: Architecture): string {
    return `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture === "arm64" ? "arm64" : "x86_64"}`;
}

export function dbInstanceClassFor(shape: Shape): string {
    return lookup(DB_INSTANCE_CLASSES, shape, "RDS instance class");
}

/** The smallest node type with at least `memoryGb` of memory (the tier floor or the sizing formula). */
export function cacheNodeTypeFor(memoryGb: number): string {
    const node = CACHE_NODE_TYPES.find((candidate) => candidate.memoryGb >= memoryGb);
    if (!node) {
        throw new Error(`No ElastiCache node type has ${memoryGb} GiB; the largest has ${CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1].memoryGb}`);
    }
    return node.nodeType;
}

/** OpenSearch Service node types: Graviton general purpose (m7g), the newest generation the service offers. */
const SEARCH_INSTANCE_TYPES: Record<string, string> = {
    "2x8": "m7g.large.search",
    "4x16": "m7g.xlarge.search",
    "8x32": "m7g.2xlarge.search",
    "16x64": "m7g.4xlarge.search",
};

export function searchInstanceTypeFor(shape: Shape): string {
    return lookup(SEARCH_INSTANCE_TYPES, shape, "OpenSearch instance type");
}
