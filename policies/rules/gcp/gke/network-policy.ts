import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-network-policy",
    description: "The cluster enforces NetworkPolicies, with Dataplane V2 or the network policy add-on, so the workloads' default-deny holds (Checkov CKV_GCP_12, CIS GKE 5.6.7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`datapathProvider: \"ADVANCED_DATAPATH\"` or `networkPolicy.enabled: true`",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const datapath = read(() => props.datapathProvider);
        const addon = at(props, "networkPolicy.enabled");
        if (isUnknown(datapath) || isUnknown(addon)) {
            return;
        }
        if (datapath !== "ADVANCED_DATAPATH" && !isTrue(addon)) {
            report("neither datapathProvider ADVANCED_DATAPATH nor networkPolicy.enabled: NetworkPolicies are accepted but not enforced.");
        }
    }),
};
