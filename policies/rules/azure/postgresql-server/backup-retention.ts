import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isUnknown } from "../../../lib/values";
import { isReplica, POSTGRES_SERVER } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-backup-retention",
    description: "PostgreSQL flexible servers keep automated backups for at least the tier's retention (no Azure benchmark item for flexible servers; counterpart of Checkov CKV_AWS_133).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [POSTGRES_SERVER],
    requires: "`backup.backupRetentionDays` >= `minimumDays` (development 7, staging 14, production 30); Azure's default is 7",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 7, maximum: 35, description: "Fewest days of automated backups; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.backupDays }),
    validateResource: validateTypes([POSTGRES_SERVER], (props, args, report) => {
        if (isReplica(props)) {
            return;
        }
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].backupDays;
        const raw = at(props, "backup.backupRetentionDays");
        if (isUnknown(raw)) {
            return;
        }
        // The service keeps 7 days when the program says nothing.
        const days = asNumber(raw) ?? 7;
        if (days < minimum) {
            report(`backup.backupRetentionDays is ${days}${raw === undefined ? " (the default)" : ""}; the ${tier ?? "production"} tier requires at least ${minimum}.`);
        }
    }),
};
