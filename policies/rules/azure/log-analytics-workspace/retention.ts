import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { LOG_ANALYTICS_WORKSPACE } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "azure-log-analytics-workspace-retention",
    description: "Log Analytics workspaces keep logs for at least the tier's log retention; the service default is 30 days (no Azure Checkov check; counterpart of Checkov CKV_AWS_338).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [LOG_ANALYTICS_WORKSPACE],
    requires: "`retentionInDays` >= `minimumDays` (development 14, staging 30, production 365)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 730, description: "Fewest days logs are kept; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.logRetentionDays }),
    validateResource: validateTypes([LOG_ANALYTICS_WORKSPACE], (props, args, report) => {
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].logRetentionDays;
        const raw = read(() => props.retentionInDays);
        if (isUnknown(raw)) {
            return;
        }
        const days = asNumber(raw) ?? 30;
        if (days < minimum) {
            report(`retentionInDays is ${days}${raw === undefined ? " (the default)" : ""}; the ${tier ?? "production"} tier keeps logs at least ${minimum} days.`);
        }
    }),
};
