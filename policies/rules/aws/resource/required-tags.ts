import type { ResourceValidationArgs } from "@pulumi/policy";
import taggable from "../../../data/aws-taggable-types.json";
import { isTierName, TIER_NAMES } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isUnknown, read, UNKNOWN } from "../../../lib/values";

const TAGGABLE = new Set(taggable.types);
const LIST_TAGS = new Set(taggable.listTags);

interface Config {
    requiredTags: string[];
}

/** The provider's `defaultTags.tags`; provider inputs may arrive JSON-encoded. */
function providerDefaultTags(props: Record<string, unknown>): Record<string, unknown> | undefined {
    let value = read(() => props.defaultTags);
    if (typeof value === "string") {
        try {
            value = JSON.parse(value) as unknown;
        } catch {
            return undefined;
        }
    }
    return asRecord(at(value, "tags"));
}

/** The resource's tags plus the provider's `defaultTags`; UNKNOWN when not known yet. */
function tagsOf(args: ResourceValidationArgs): Map<string, unknown> | typeof UNKNOWN {
    const tags = new Map<string, unknown>();
    const defaults = args.provider ? providerDefaultTags(args.provider.props) : undefined;
    for (const [key, value] of Object.entries(defaults ?? {})) {
        tags.set(key, value);
    }
    const own = read(() => args.props.tags);
    if (isUnknown(own)) {
        return UNKNOWN;
    }
    if (LIST_TAGS.has(args.type)) {
        for (const entry of asArray(own)) {
            const tag = asRecord(entry);
            if (tag && typeof tag.key === "string") {
                tags.set(tag.key, tag.value);
            }
        }
    } else {
        for (const [key, value] of Object.entries(asRecord(own) ?? {})) {
            tags.set(key, value);
        }
    }
    return tags;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-resource-required-tags",
    description: "Every taggable AWS resource carries the project, environment, tier and managed-by tags that make the asset inventory (CIS Controls v8 1.1).",
    enforcementLevel: "mandatory",
    severity: "low",
    category: "security",
    resourceTypes: ["every AWS type with a `tags` input"],
    requires: "non-empty `project`, `environment`, `tier` (one of the five tiers) and `managed-by` tags, from the resource or the provider's `defaultTags`",
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
        const tags = tagsOf(args);
        if (isUnknown(tags)) {
            return;
        }
        const { requiredTags } = args.getConfig<Config>();
        const missing = requiredTags.filter((key) => {
            const value = tags.get(key);
            return value === undefined || value === null || value === "";
        });
        if (missing.length > 0) {
            report(`missing required tag(s) ${missing.join(", ")}: the resource cannot be attributed to a project, environment and tier.`);
        }
        const tier = tags.get("tier");
        if (typeof tier === "string" && tier !== "" && !isTierName(tier)) {
            report(`tag tier is "${tier}", not one of ${TIER_NAMES.join(", ")}.`);
        }
    },
};
