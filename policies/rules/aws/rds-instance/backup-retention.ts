import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { isReadReplica, RDS_INSTANCE } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-backup-retention",
    description: "RDS primaries keep automated backups for at least the tier's retention (Checkov CKV_AWS_133).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [RDS_INSTANCE],
    requires: "`backupRetentionPeriod` >= `minimumDays` (development 7, staging 14, production 30)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 35, description: "Fewest days of automated backups; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.backupDays }),
    validateResource: validateTypes([RDS_INSTANCE], (props, args, report) => {
        if (isReadReplica(props)) {
            return;
        }
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].backupDays;
        const raw = read(() => props.backupRetentionPeriod);
        if (isUnknown(raw)) {
            return;
        }
        const days = asNumber(raw) ?? 0;
        if (days < minimum) {
            report(`backupRetentionPeriod is ${days} day(s); the ${tier ?? "production"} tier requires at least ${minimum}.`);
        }
    }),
};
