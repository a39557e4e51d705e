import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { LOG_BUCKET } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-logging-bucket-retention",
    description: "Log buckets keep logs for at least the tier's log retention; Cloud Logging's default is 30 days (CIS GCP 2.2; the GCP counterpart of CKV_AWS_338).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [LOG_BUCKET],
    requires: "`retentionDays` >= `minimumDays` (development 14, staging 30, production 365)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 3650, description: "Fewest days logs are kept; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.logRetentionDays }),
    validateResource: validateTypes([LOG_BUCKET], (props, args, report) => {
        const raw = read(() => props.retentionDays);
        if (isUnknown(raw)) {
            return;
        }
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].logRetentionDays;
        const days = asNumber(raw) ?? 30;
        if (days < minimum) {
            report(`retentionDays is ${days}${raw === undefined ? " (the default)" : ""}; the ${tier ?? "production"} tier keeps logs at least ${minimum} days.`);
        }
    }),
};
