import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isTrue } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-dedicated-masters",
    description: "OpenSearch domains of the production-large tier run three dedicated cluster-manager nodes and zone awareness (Checkov CKV2_AWS_59, CKV_AWS_318).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`clusterConfig.dedicatedMasterEnabled: true` with `dedicatedMasterCount: 3`, and `zoneAwarenessEnabled: true`",
    tiers: ["production-large"],
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        if (!isTrue(at(props, "clusterConfig.dedicatedMasterEnabled"))) {
            report("clusterConfig.dedicatedMasterEnabled is not true: data nodes also elect the cluster manager, and a busy node can stall the cluster.");
        } else if (asNumber(at(props, "clusterConfig.dedicatedMasterCount")) !== 3) {
            report("clusterConfig.dedicatedMasterCount is not 3: a quorum needs three managers, one per zone.");
        } else if (!isTrue(at(props, "clusterConfig.zoneAwarenessEnabled"))) {
            report("clusterConfig.zoneAwarenessEnabled is not true: a zone outage can take every copy of a shard.");
        }
    }, { tiers: ["production-large"] }),
};
