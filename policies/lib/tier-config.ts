// What each tier's policy config file says (config/<tier>.json, in the engine's format).
// Development blocks only on the rules that protect data and keep things private; staging and
// production block on every security and reliability rule; hygiene never blocks.

import type { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import { TierName, TIER_REQUIREMENTS } from "./tiers";
import { Category, PlatformPolicy } from "./types";

export function levelFor(tier: TierName, category: Category): EnforcementLevel {
    if (category === "data-protection") {
        return "mandatory";
    }
    if (category === "hygiene") {
        return "advisory";
    }
    return tier === "development" ? "advisory" : "mandatory";
}

/** The config file of a tier: `all` for the common level, then the exceptions and thresholds. */
export function tierPolicyConfig(tier: TierName, policies: readonly PlatformPolicy[]): PolicyPackConfig {
    const all: EnforcementLevel = tier === "development" ? "advisory" : "mandatory";
    const config: PolicyPackConfig = { all };
    for (const policy of [...policies].sort((a, b) => a.name.localeCompare(b.name))) {
        const level = levelFor(tier, policy.category);
        const settings = policy.tierConfig?.(TIER_REQUIREMENTS[tier], tier);
        if (settings) {
            config[policy.name] = { enforcementLevel: level, ...settings };
        } else if (level !== all) {
            config[policy.name] = level;
        }
    }
    return config;
}
