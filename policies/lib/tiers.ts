// The five tiers as the pack sees them: what each tier's specification requires, so a rule
// can tell "development has no Multi-AZ by design" from "production forgot Multi-AZ". Mirrors
// tiers/table.ts of the program (a test keeps the two in step) so that the rules themselves
// depend on nothing outside policies/ (only the advisory budget rule reuses tools/insights).

import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { read } from "./values";

export const TIER_NAMES = ["development", "staging", "production-small", "production-medium", "production-large"] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface TierRequirements {
    /** Minimum automated database backup retention. */
    backupDays: number;
    /** Minimum log group retention. */
    logRetentionDays: number;
    /** Multi-AZ database. */
    highAvailability: boolean;
    /** Cache replicas with automatic failover. */
    cacheFailover: boolean;
    /** WAF on the public load balancer. */
    waf: boolean;
    /** Deletion protection on the database and load balancer. */
    deletionProtection: boolean;
    /** Pulumi `protect` on stateful resources. */
    protectData: boolean;
}

export const TIER_REQUIREMENTS: Record<TierName, TierRequirements> = {
    development: { backupDays: 7, logRetentionDays: 14, highAvailability: false, cacheFailover: false, waf: false, deletionProtection: false, protectData: false },
    staging: { backupDays: 14, logRetentionDays: 30, highAvailability: true, cacheFailover: true, waf: true, deletionProtection: false, protectData: false },
    "production-small": { backupDays: 30, logRetentionDays: 365, highAvailability: true, cacheFailover: true, waf: true, deletionProtection: true, protectData: true },
    "production-medium": { backupDays: 30, logRetentionDays: 365, highAvailability: true, cacheFailover: true, waf: true, deletionProtection: true, protectData: true },
    "production-large": { backupDays: 30, logRetentionDays: 365, highAvailability: true, cacheFailover: true, waf: true, deletionProtection: true, protectData: true },
};

export function isTierName(value: unknown): value is TierName {
    return typeof value === "string" && (TIER_NAMES as readonly string[]).includes(value);
}

/** The tiers whose specification has a requirement, e.g. `tiersWhere((t) => t.waf)`. */
export function tiersWhere(predicate: (requirements: TierRequirements) => boolean): TierName[] {
    return TIER_NAMES.filter((tier) => predicate(TIER_REQUIREMENTS[tier]));
}

/**
 * `tier` from a resource's tags: the AWS map form, the Auto Scaling list form, or labels
 * (GCP `labels`, Cloud Monitoring `userLabels`, Cloud SQL `settings.userLabels`, Kubernetes metadata).
 */
export function tierOfTags(props: Record<string, unknown>): TierName | undefined {
    const nested = (key: string): Record<string, unknown> | undefined => props[key] as Record<string, unknown> | undefined;
    const tags = read(() => props.tags ?? props.labels ?? props.userLabels ?? nested("settings")?.userLabels ?? nested("metadata")?.labels);
    if (Array.isArray(tags)) {
        const entry = read(() => tags.find((tag) => tag && typeof tag === "object" && (tag as Record<string, unknown>).key === "tier") as Record<string, unknown> | undefined);
        const value = typeof entry === "object" && entry ? read(() => entry.value) : undefined;
        return isTierName(value) ? value : undefined;
    }
    if (tags && typeof tags === "object") {
        const value = read(() => (tags as Record<string, unknown>).tier);
        return isTierName(value) ? value : undefined;
    }
    return undefined;
}

/** The stack's tier: the `tier` stack tag, else the resource's own `tier` tag. */
export function tierOfResource(args: Pick<ResourceValidationArgs, "stackTags" | "props">): TierName | undefined {
    const tagged = args.stackTags.get("tier");
    return isTierName(tagged) ? tagged : tierOfTags(args.props);
}

/** The most common `tier` tag among resources, ties broken by the order of TIER_NAMES. */
export function tierOfResources(resources: { props: Record<string, unknown> }[]): TierName | undefined {
    const counts = new Map<TierName, number>();
    for (const resource of resources) {
        const tier = tierOfTags(resource.props);
        if (tier) {
            counts.set(tier, (counts.get(tier) ?? 0) + 1);
        }
    }
    let best: TierName | undefined;
    for (const tier of TIER_NAMES) {
        if ((counts.get(tier) ?? 0) > (best ? counts.get(best) ?? 0 : 0)) {
            best = tier;
        }
    }
    return best;
}

/** The stack's tier for a stack policy: the `tier` stack tag, else what most resources say. */
export function tierOfStack(args: Pick<StackValidationArgs, "stackTags" | "resources">): TierName | undefined {
    const tagged = args.stackTags.get("tier");
    return isTierName(tagged) ? tagged : tierOfResources(args.resources);
}
