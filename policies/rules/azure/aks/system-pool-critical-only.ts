import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-system-pool-critical-only",
    description: "AKS system node pools run only critical add-ons (CriticalAddonsOnly taint), so application pods cannot starve CoreDNS or the API tunnel (Checkov CKV_AZURE_232).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [MANAGED_CLUSTER],
    requires: 'each `agentPoolProfiles[]` with `mode: "System"` has the `CriticalAddonsOnly=true:NoSchedule` taint',
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const pools = at(props, "agentPoolProfiles");
        if (isUnknown(pools)) {
            return;
        }
        for (const pool of asArray(pools)) {
            if (at(pool, "mode") !== "System") {
                continue;
            }
            const taints = asArray(at(pool, "nodeTaints"));
            if (!taints.some((taint) => typeof taint === "string" && taint.startsWith("CriticalAddonsOnly=true"))) {
                report(`system pool ${JSON.stringify(at(pool, "name"))} has no CriticalAddonsOnly taint: application pods may land on it.`);
            }
        }
    }),
};
