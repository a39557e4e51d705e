import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];
const tiers = tiersWhere((tier) => tier.cacheFailover);

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-high-availability",
    description: "Memorystore keeps replicas in other zones and fails over automatically in the tiers that require it (the GCP counterpart of CKV2_AWS_50).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "Instance: `tier: \"STANDARD_HA\"`; Cluster: `replicaCount` >= 1",
    tiers,
    validateResource: validateTypes(
        TYPES,
        (props, args, report) => {
            if (args.type === REDIS_CLUSTER) {
                const replicas = read(() => props.replicaCount);
                if (!isUnknown(replicas) && (asNumber(replicas) ?? 0) < 1) {
                    report(`replicaCount is ${asNumber(replicas) ?? 0}: a node failure loses its shard's data and availability.`);
                }
                return;
            }
            const tier = read(() => props.tier);
            if (!isUnknown(tier) && tier !== "STANDARD_HA") {
                report(`tier is ${tier === undefined ? "not set (BASIC)" : JSON.stringify(tier)}: a BASIC instance has no replica, so a zone failure loses the cache and every session in it.`);
            }
        },
        { tiers },
    ),
};
