import taggable from "../../../data/azure-taggable-types.json";
import { isTierName, TIER_NAMES } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, isUnknown, read } from "../../../lib/values";

/** Types whose `tags` is a map; the few list-shaped ones are none the platform creates. */
const TAGGABLE = new Set(taggable.types.filter((type) => !taggable.listTags.includes(type)));

interface Config {
    requiredTags: string[];
}

export const policy: PlatformResourcePolicy = {
    name: "azure-resource-required-tags",
    description: "Every taggable Azure resource carries the project, environment, tier and managed-by tags that make the asset inventory and the cost report (CIS Controls v8 1.1).",
    enforcementLevel: "mandatory",
    severity: "low",
    category: "security",
    resourceTypes: ["every azure-native type with a `tags` input"],
    requires: "non-empty `project`, `environment`, `tier` (one of the five tiers) and `managed-by` tags",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string" },
                default: ["project", "environment", "tier", "managed-by"],
                description: "Tag keys every taggable resource must carry.",
            },
        },
    },
    validateResource: (args, report) => {
        if (!TAGGABLE.has(args.type)) {
            args.notApplicable("the type has no tags input");
        }
        const own = read(() => args.props.tags);
        if (isUnknown(own)) {
            return;
        }
        const tags = asRecord(own) ?? {};
        const { requiredTags } = args.getConfig<Config>();
        const missing = requiredTags.filter((key) => {
            const value = read(() => tags[key]);
            return value === undefined || value === null || value === "";
        });
        if (missing.length > 0) {
            report(`missing required tag(s) ${missing.join(", ")}: the resource cannot be attributed to a project, environment and tier.`);
        }
        const tier = read(() => tags.tier);
        if (typeof tier === "string" && tier !== "" && !isTierName(tier)) {
            report(`tag tier is "${tier}", not one of ${TIER_NAMES.join(", ")}.`);
        }
    },
};
