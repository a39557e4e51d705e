import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-uptime-sla",
    description: "Production AKS clusters run the Standard (or Premium) tier, whose control plane carries the financially backed uptime SLA (Checkov CKV_AZURE_170).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [MANAGED_CLUSTER],
    requires: '`sku.tier` "Standard" or "Premium" in the production tiers',
    tiers,
    validateResource: validateTypes(
        [MANAGED_CLUSTER],
        (props, _args, report) => {
            const tier = at(props, "sku.tier");
            if (isUnknown(tier)) {
                return;
            }
            if (typeof tier !== "string" || !["standard", "premium"].includes(tier.toLowerCase())) {
                report(`sku.tier is ${tier === undefined ? "not set (Free)" : JSON.stringify(tier)}: the Free tier's control plane has no SLA and fewer API server replicas.`);
            }
        },
        { tiers },
    ),
};
