import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { REPLICATION_GROUP } from "../types";

interface Config {
    minimumDays: number;
}

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-snapshot-retention",
    description: "ElastiCache replication groups take automatic daily snapshots (Checkov CKV_AWS_134).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [REPLICATION_GROUP],
    requires: "`snapshotRetentionLimit` >= `minimumDays` (default 1)",
    configSchema: {
        properties: {
            minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 1, description: "Fewest days of automatic snapshots." },
        },
    },
    validateResource: validateTypes([REPLICATION_GROUP], (props, args, report) => {
        const { minimumDays } = args.getConfig<Config>();
        const raw = read(() => props.snapshotRetentionLimit);
        if (isUnknown(raw)) {
            return;
        }
        const days = asNumber(raw) ?? 0;
        if (days < minimumDays) {
            report(`snapshotRetentionLimit is ${days}: keep at least ${minimumDays} day(s) of snapshots.`);
        }
    }),
};
