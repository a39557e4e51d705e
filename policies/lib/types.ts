// The shape of every rule in the pack: a plain @pulumi/policy object plus the metadata the
// README table, the tier configs and the tests are generated from.

import type { EnforcementLevel, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";
import type { TierName, TierRequirements } from "./tiers";

export type Cloud = "aws" | "gcp" | "azure" | "kubernetes";

/**
 * What a rule protects; it decides the rule's level per tier (tools/tier-configs.ts):
 * - data-protection: data at rest, privacy, credentials. Mandatory in every tier.
 * - security, reliability: mandatory from staging up, advisory in development.
 * - hygiene: good practice that never blocks a deployment. Advisory everywhere.
 */
export type Category = "data-protection" | "security" | "reliability" | "hygiene";

export const CATEGORIES: readonly Category[] = ["data-protection", "security", "reliability", "hygiene"];

export interface RuleInfo {
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    category: Category;
    /** Type tokens the rule inspects, e.g. "aws:rds/instance:Instance". */
    resourceTypes: readonly string[];
    /** One line for the README: what a compliant resource has. */
    requires: string;
    /** Tiers whose specification includes the requirement; absent means every tier. */
    tiers?: readonly TierName[];
    /** Config a tier file sets for this rule, e.g. `{ minimumDays: 30 }` (tools/tier-configs.ts). */
    tierConfig?: (requirements: TierRequirements, tier: TierName) => Record<string, unknown>;
}

export type PlatformResourcePolicy = ResourceValidationPolicy & RuleInfo;
export type PlatformStackPolicy = StackValidationPolicy & RuleInfo;
export type PlatformPolicy = PlatformResourcePolicy | PlatformStackPolicy;

export function isStackPolicy(policy: PlatformPolicy): policy is PlatformStackPolicy {
    return typeof (policy as PlatformStackPolicy).validateStack === "function";
}

/** The level a rule has when no config is given: what production asks of it. */
export function defaultLevel(category: Category): EnforcementLevel {
    return category === "hygiene" ? "advisory" : "mandatory";
}
