import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { LOG_GROUP } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-cloudwatch-log-group-retention",
    description: "Log groups set a retention of at least the tier's log retention instead of keeping logs forever or too briefly (Checkov CKV_AWS_66, CKV_AWS_338).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [LOG_GROUP],
    requires: "`retentionInDays` >= `minimumDays` (development 14, staging 30, production 365)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 3653, description: "Fewest days logs are kept; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.logRetentionDays }),
    validateResource: validateTypes([LOG_GROUP], (props, args, report) => {
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].logRetentionDays;
        const raw = read(() => props.retentionInDays);
        if (isUnknown(raw)) {
            return;
        }
        const days = asNumber(raw) ?? 0;
        if (days === 0) {
            report("retentionInDays is not set: logs are kept (and billed) forever with no deliberate retention.");
        } else if (days < minimum) {
            report(`retentionInDays is ${days}; the ${tier ?? "production"} tier keeps logs at least ${minimum} days.`);
        }
    }),
};
