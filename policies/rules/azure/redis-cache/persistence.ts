import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { REDIS } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-persistence",
    description: "Production Azure Cache for Redis writes RDB snapshots, so sessions and queues survive a full cache restart (no Azure benchmark item; counterpart of Checkov CKV_AWS_134).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [REDIS],
    requires: '`redisConfiguration.rdbBackupEnabled: "true"` (or `aofBackupEnabled: "true"`)',
    tiers,
    validateResource: validateTypes(
        [REDIS],
        (props, _args, report) => {
            const rdb = at(props, "redisConfiguration.rdbBackupEnabled");
            const aof = at(props, "redisConfiguration.aofBackupEnabled");
            if (isUnknown(rdb) || isUnknown(aof)) {
                return;
            }
            if (!isTrue(rdb) && !isTrue(aof)) {
                report("neither redisConfiguration.rdbBackupEnabled nor aofBackupEnabled is true: a restart of all nodes loses every key.");
            }
        },
        { tiers },
    ),
};
