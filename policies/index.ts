// The CrossGuard pack of the platform program. This is the only module that constructs the
// PolicyPack: constructing one starts the policy server (and exits the process on a second
// pack), so tests and the offline runner import the rules, never this file.
//
//   pulumi preview --policy-pack policies --policy-pack-config policies/config/<tier>.json
//
// Without --policy-pack-config every rule has its production level, and rules that only some
// tiers require (Multi-AZ, WAF, deletion protection, ...) read the stack's tier from the
// `tier` stack tag or the resources' `tier` tag. PLATFORM_POLICY_TIER=<tier> makes that tier's
// file the pack's initial config (a --policy-pack-config still wins).

import { PolicyPack, PolicyPackConfig } from "@pulumi/policy";
import development from "./config/development.json";
import productionLarge from "./config/production-large.json";
import productionMedium from "./config/production-medium.json";
import productionSmall from "./config/production-small.json";
import staging from "./config/staging.json";
import { isTierName, TierName } from "./lib/tiers";
import { policies } from "./rules";

const tierConfigs: Record<TierName, PolicyPackConfig> = {
    development: development as PolicyPackConfig,
    staging: staging as PolicyPackConfig,
    "production-small": productionSmall as PolicyPackConfig,
    "production-medium": productionMedium as PolicyPackConfig,
    "production-large": productionLarge as PolicyPackConfig,
};

const tier = process.env.PLATFORM_POLICY_TIER;
const initialConfig = isTierName(tier) ? tierConfigs[tier] : undefined;

new PolicyPack(
    "platform-policies",
    {
        description: "Security and reliability rules of the platform program: encryption at rest and in transit, nothing public but the load balancer, backups, HA, WAF, IAM, secrets and tags.",
        enforcementLevel: "advisory",
        policies,
    },
    initialConfig,
);
