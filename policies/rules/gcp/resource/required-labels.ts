import type { ResourceValidationArgs } from "@pulumi/policy";
import labelled from "../../../data/gcp-labelled-types.json";
import { isTierName, TIER_NAMES } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, at, isUnknown, read, UNKNOWN } from "../../../lib/values";
import { GKE_CLUSTER, GKE_NODE_POOL, SQL_INSTANCE } from "../types";

/** Where each labelled type keeps its labels; Cloud SQL nests them in its settings. */
const LABEL_PATHS = new Map<string, string>([
    ...labelled.types.map((type): [string, string] => [type, "labels"]),
    ...labelled.userLabels.map((type): [string, string] => [type, "userLabels"]),
    [SQL_INSTANCE, "settings.userLabels"],
    // GKE labels the cluster's own resources and the nodes' VMs from these (its `labels` are Kubernetes node labels).
    [GKE_CLUSTER, "resourceLabels"],
    [GKE_NODE_POOL, "nodeConfig.resourceLabels"],
]);

interface Config {
    requiredLabels: string[];
}

/** The provider's `defaultLabels`; provider inputs may arrive JSON-encoded. */
function providerDefaultLabels(props: Record<string, unknown>): Record<string, unknown> | undefined {
    let value = read(() => props.defaultLabels);
    if (typeof value === "string") {
        try {
            value = JSON.parse(value) as unknown;
        } catch {
            return undefined;
        }
    }
    return asRecord(value);
}

/** The resource's labels plus the provider's `defaultLabels`; UNKNOWN when not known yet. */
function labelsOf(args: ResourceValidationArgs, path: string): Map<string, unknown> | typeof UNKNOWN {
    const labels = new Map<string, unknown>(Object.entries((args.provider ? providerDefaultLabels(args.provider.props) : undefined) ?? {}));
    const own = at(args.props, path);
    if (isUnknown(own)) {
        return UNKNOWN;
    }
    for (const [key, value] of Object.entries(asRecord(own) ?? {})) {
        labels.set(key, value);
    }
    return labels;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-resource-required-labels",
    description: "Every labelled GCP resource carries the project, environment, tier and managed-by labels that make the asset inventory and the billing export attributable (CIS Controls v8 1.1).",
    enforcementLevel: "mandatory",
    severity: "low",
    category: "security",
    resourceTypes: ["every GCP type with a `labels` or `userLabels` input (Cloud SQL: `settings.userLabels`; GKE: `resourceLabels`)"],
    requires: "non-empty `project`, `environment`, `tier` (one of the five tiers) and `managed-by` labels, from the resource or the provider's `defaultLabels`",
    configSchema: {
        properties: {
            requiredLabels: {
                type: "array",
                items: { type: "string" },
                default: ["project", "environment", "tier", "managed-by"],
                description: "Label keys every labelled resource must carry.",
            },
        },
    },
    validateResource: (args, report) => {
        const path = LABEL_PATHS.get(args.type);
        if (!path) {
            args.notApplicable("the type has no labels input");
        }
        const labels = labelsOf(args, path!);
        if (isUnknown(labels)) {
            return;
        }
        const { requiredLabels } = args.getConfig<Config>();
        const missing = requiredLabels.filter((key) => {
            const value = labels.get(key);
            return value === undefined || value === null || value === "";
        });
        if (missing.length > 0) {
            report(`missing required label(s) ${missing.join(", ")} in ${path}: the resource cannot be attributed to a project, environment and tier.`);
        }
        const tier = labels.get("tier");
        if (typeof tier === "string" && tier !== "" && !isTierName(tier)) {
            report(`label tier is "${tier}", not one of ${TIER_NAMES.join(", ")}.`);
        }
    },
};
