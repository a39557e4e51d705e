import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isTrue, isUnknown } from "../../../lib/values";
import { FLOW_LOG } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "azure-flow-log-retention",
    description: "Flow logs keep their records for at least the tier's log retention, deliberately, neither forever nor too briefly (Checkov CKV_AZURE_12).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [FLOW_LOG],
    requires: "`retentionPolicy.enabled: true` and `retentionPolicy.days` >= `minimumDays` (development 14, staging 30, production 365)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 365, description: "Fewest days flow logs are kept; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.logRetentionDays }),
    validateResource: validateTypes([FLOW_LOG], (props, args, report) => {
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].logRetentionDays;
        const enabled = at(props, "retentionPolicy.enabled");
        const raw = at(props, "retentionPolicy.days");
        if (isUnknown(enabled) || isUnknown(raw)) {
            return;
        }
        const days = asNumber(raw) ?? 0;
        if (!isTrue(enabled) || days === 0) {
            report("retentionPolicy is not enabled with a number of days: flow logs are kept (and billed) forever with no deliberate retention.");
        } else if (days < minimum) {
            report(`retentionPolicy.days is ${days}; the ${tier ?? "production"} tier keeps logs at least ${minimum} days.`);
        }
    }),
};
