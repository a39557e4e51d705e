import { validateTypes } from "../../../lib/match";
import { tierOfResource, TIER_REQUIREMENTS } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isTrue, isUnknown } from "../../../lib/values";
import { isReplica, SQL_INSTANCE } from "../types";

interface Config {
    minimumDays?: number;
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-backup-retention",
    description: "Cloud SQL primaries take daily backups with point-in-time recovery and keep at least the tier's number of them (Checkov CKV_GCP_14, CIS GCP 6.7).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [SQL_INSTANCE],
    requires: "`settings.backupConfiguration.enabled` and `pointInTimeRecoveryEnabled` true, `backupRetentionSettings.retainedBackups` >= `minimumDays` (development 7, staging 14, production 30)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 365, description: "Fewest daily backups kept; default: the stack's tier (production when unknown)." },
        },
    },
    tierConfig: (tier) => ({ minimumDays: tier.backupDays }),
    validateResource: validateTypes([SQL_INSTANCE], (props, args, report) => {
        if (isReplica(props)) {
            return;
        }
        const backups = "settings.backupConfiguration";
        const enabled = at(props, `${backups}.enabled`);
        const pitr = at(props, `${backups}.pointInTimeRecoveryEnabled`);
        const retained = at(props, `${backups}.backupRetentionSettings.retainedBackups`);
        const unit = at(props, `${backups}.backupRetentionSettings.retentionUnit`);
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            report(`${backups}.enabled is not true: the database has no automated backups.`);
            return;
        }
        if (!isUnknown(pitr) && !isTrue(pitr)) {
            report(`${backups}.pointInTimeRecoveryEnabled is not true: a bad write can only be undone to the last nightly backup.`);
        }
        if (isUnknown(retained) || isUnknown(unit)) {
            return;
        }
        const tier = tierOfResource(args);
        const minimum = args.getConfig<Config>().minimumDays ?? TIER_REQUIREMENTS[tier ?? "production-medium"].backupDays;
        // Cloud SQL counts retained backups; one backup a day makes the count a number of days.
        const days = unit === undefined || unit === "COUNT" ? asNumber(retained) ?? 7 : 0;
        if (days < minimum) {
            report(`${backups}.backupRetentionSettings keeps ${days} daily backup(s)${retained === undefined ? " (the default)" : ""}; the ${tier ?? "production"} tier requires at least ${minimum}.`);
        }
    }),
};
