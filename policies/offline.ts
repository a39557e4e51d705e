// The pack run offline: every policy, the tier's config file reconciled the way the engine
// does it, and the tier exposed as the `tier` stack tag. What `npm run policy` and
// `npm run plan` call; no Pulumi CLI, no credentials.

import development from "./config/development.json";
import productionLarge from "./config/production-large.json";
import productionMedium from "./config/production-medium.json";
import productionSmall from "./config/production-small.json";
import staging from "./config/staging.json";
import { reconcilePolicyConfig } from "./lib/config";
import { evaluateWith, Evaluation, EvaluateOptions, PlannedResource, tierOf, Violation } from "./lib/evaluate";
import { TierName } from "./lib/tiers";
import { policies } from "./rules";

export type { EvaluateOptions, Evaluation, PlannedResource, Violation };

/** config/<tier>.json, as `--policy-pack-config` would pass it. */
export const TIER_CONFIGS: Record<TierName, unknown> = {
    development,
    staging,
    "production-small": productionSmall,
    "production-medium": productionMedium,
    "production-large": productionLarge,
};

/** Evaluates the pack and says which tier it used. */
export async function evaluate(resources: readonly PlannedResource[], options: EvaluateOptions = {}): Promise<Evaluation> {
    const tier = tierOf(resources, options.tier);
    const selected = options.policies ?? policies;
    const config = reconcilePolicyConfig(selected, { config: options.config ?? TIER_CONFIGS[tier] });
    const stackTags = options.stackTags ?? new Map([["tier", tier]]);
    return { tier, violations: await evaluateWith(selected, resources, config, stackTags) };
}

/** The violations of every policy on the resources, with the tier's config. */
export async function evaluatePolicies(resources: readonly PlannedResource[], options: EvaluateOptions = {}): Promise<Violation[]> {
    return (await evaluate(resources, options)).violations;
}
