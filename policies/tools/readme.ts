// Regenerates the rule table of policies/README.md (between the rules:start/end markers)
// from the policy objects and the tier configs.
//   npx tsx policies/tools/readme.ts        (a test fails when the table is out of date)

import * as fs from "fs";
import * as path from "path";
import { reconcilePolicyConfig } from "../lib/config";
import { tierPolicyConfig } from "../lib/tier-config";
import { TIER_NAMES, TierName } from "../lib/tiers";
import { PlatformPolicy } from "../lib/types";
import { policies } from "../rules";

export const START = "<!-- rules:start -->";
export const END = "<!-- rules:end -->";
const README = path.join(__dirname, "..", "README.md");

/** The "(Checkov ..., CIS ...)" at the end of a description. */
export function sourceOf(description: string): string {
    return /\(([^()]*)\)\.$/.exec(description)?.[1] ?? "";
}

/** Tiers whose config makes the rule mandatory and whose specification requires it. */
export function mandatoryTiers(policy: PlatformPolicy): TierName[] {
    return TIER_NAMES.filter((tier) => {
        const level = reconcilePolicyConfig([policy], { config: tierPolicyConfig(tier, [policy]) })[policy.name].enforcementLevel;
        return level === "mandatory" && (!policy.tiers || policy.tiers.includes(tier));
    });
}

function tierLabel(tiers: TierName[]): string {
    const production = TIER_NAMES.filter((tier) => tier.startsWith("production-"));
    if (tiers.length === TIER_NAMES.length) {
        return "all";
    }
    if (tiers.length === 0) {
        return "none (advisory)";
    }
    if (tiers.length === production.length + 1 && tiers.includes("staging") && production.every((tier) => tiers.includes(tier))) {
        return "staging, production-*";
    }
    if (tiers.length === production.length && production.every((tier) => tiers.includes(tier))) {
        return "production-*";
    }
    return tiers.join(", ");
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderTable(list: readonly PlatformPolicy[] = policies): string {
    const header = [
        "| Rule | Resource types | Requires | Source | Default | Mandatory in |",
        "|---|---|---|---|---|---|",
    ];
    const rows = list.map((policy) => {
        const kind = "validateStack" in policy ? " (stack)" : "";
        const types = policy.resourceTypes.map((type) => (type.includes(":") && !type.includes(" ") ? `\`${type}\`` : type)).join("<br>");
        return `| \`${policy.name}\`${kind} | ${cell(types)} | ${cell(policy.requires)} | ${cell(sourceOf(policy.description))} | ${policy.enforcementLevel} | ${tierLabel(mandatoryTiers(policy))} |`;
    });
    return [...header, ...rows].join("\n");
}

export function renderReadme(current: string): string {
    const start = current.indexOf(START);
    const end = current.indexOf(END);
    if (start < 0 || end < start) {
        throw new Error(`README.md lacks the ${START} / ${END} markers`);
    }
    const counts = new Map<string, number>();
    for (const policy of policies) {
        const cloud = policy.name.split("-")[0];
        counts.set(cloud, (counts.get(cloud) ?? 0) + 1);
    }
    const summary = `${policies.length} rules: ${[...counts].map(([cloud, count]) => `${count} ${cloud}`).join(", ")}.`;
    return `${current.slice(0, start + START.length)}\n${summary}\n\n${renderTable()}\n${current.slice(end)}`;
}

if (require.main === module) {
    fs.writeFileSync(README, renderReadme(fs.readFileSync(README, "utf8")));
    process.stdout.write(`updated ${path.relative(process.cwd(), README)} (${policies.length} rules)\n`);
}
