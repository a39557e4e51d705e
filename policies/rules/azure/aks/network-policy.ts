import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { MANAGED_CLUSTER } from "../types";

const ENGINES = ["azure", "calico", "cilium"];

export const policy: PlatformResourcePolicy = {
    name: "azure-aks-network-policy",
    description: "AKS clusters run a network policy engine, so the workloads' NetworkPolicies are enforced (Checkov CKV_AZURE_7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [MANAGED_CLUSTER],
    requires: '`networkProfile.networkPolicy` one of "azure", "calico", "cilium"',
    validateResource: validateTypes([MANAGED_CLUSTER], (props, _args, report) => {
        const engine = at(props, "networkProfile.networkPolicy");
        if (isUnknown(engine)) {
            return;
        }
        if (typeof engine !== "string" || !ENGINES.includes(engine.toLowerCase())) {
            report(`networkProfile.networkPolicy is ${engine === undefined ? "not set" : JSON.stringify(engine)}: NetworkPolicies would be accepted and ignored, every pod reaching every other.`);
        }
    }),
};
