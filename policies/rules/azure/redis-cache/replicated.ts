import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asNumber, at, isUnknown, read } from "../../../lib/values";
import { REDIS } from "../types";

const tiers = tiersWhere((tier) => tier.cacheFailover);

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-replicated",
    description: "Azure Cache for Redis runs Premium with replicas spread over availability zones in the tiers that require cache failover (Checkov CKV_AZURE_230).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [REDIS],
    requires: '`sku.name: "Premium"`, `replicasPerPrimary` >= 1 (default 1) and at least two `zones`',
    tiers,
    validateResource: validateTypes(
        [REDIS],
        (props, _args, report) => {
            const sku = at(props, "sku.name");
            if (!isUnknown(sku) && sku !== "Premium") {
                report(`sku.name is ${JSON.stringify(sku)}: ${sku === "Basic" ? "a single node with no replica" : "Standard has one replica in the same zone"}; zone-redundant failover needs Premium.`);
                return;
            }
            const replicas = asNumber(read(() => props.replicasPerPrimary ?? props.replicasPerMaster));
            if (replicas !== undefined && replicas < 1) {
                report(`replicasPerPrimary is ${replicas}: no replica takes over when the primary fails.`);
            }
            const zones = read(() => props.zones);
            if (!isUnknown(zones) && asArray(zones).length < 2) {
                report(`zones lists ${asArray(zones).length} zone(s): the primary and its replicas can fail together with one zone.`);
            }
        },
        { tiers },
    ),
};
