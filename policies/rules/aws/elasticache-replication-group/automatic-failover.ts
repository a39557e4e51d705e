import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isTrue, read } from "../../../lib/values";
import { REPLICATION_GROUP } from "../types";

const tiers = tiersWhere((tier) => tier.cacheFailover);

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-automatic-failover",
    description: "ElastiCache replication groups have replicas in other zones and fail over automatically in the tiers that require it (Checkov CKV2_AWS_50).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [REPLICATION_GROUP],
    requires: "`automaticFailoverEnabled: true`, `multiAzEnabled: true` and at least one replica",
    tiers,
    validateResource: validateTypes(
        [REPLICATION_GROUP],
        (props, _args, report) => {
            const nodes = asNumber(read(() => props.numCacheClusters));
            const replicasPerShard = asNumber(read(() => props.replicasPerNodeGroup));
            const hasReplica = (nodes !== undefined && nodes >= 2) || (replicasPerShard !== undefined && replicasPerShard >= 1);
            if (!hasReplica) {
                report("the group has no replica (numCacheClusters < 2 and replicasPerNodeGroup < 1): losing the node loses the cache.");
            } else if (!isTrue(props.automaticFailoverEnabled)) {
                report("automaticFailoverEnabled is not true: a failed primary is not replaced by a replica.");
            } else if (!isTrue(props.multiAzEnabled)) {
                report("multiAzEnabled is not true: replicas may share the primary's zone.");
            }
        },
        { tiers },
    ),
};
