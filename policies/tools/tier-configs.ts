// Regenerates config/<tier>.json from the rules' categories and tier thresholds.
//   npx tsx policies/tools/tier-configs.ts        (a test fails when they are out of date)

import * as fs from "fs";
import * as path from "path";
import { tierPolicyConfig } from "../lib/tier-config";
import { TIER_NAMES } from "../lib/tiers";
import { policies } from "../rules";

export function renderTierConfig(tier: (typeof TIER_NAMES)[number]): string {
    return `${JSON.stringify(tierPolicyConfig(tier, policies), null, 2)}\n`;
}

if (require.main === module) {
    for (const tier of TIER_NAMES) {
        const file = path.join(__dirname, "..", "config", `${tier}.json`);
        fs.writeFileSync(file, renderTierConfig(tier));
        process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    }
}
