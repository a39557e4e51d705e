import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isFalse, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-shielded-nodes",
    description: "Nodes join the cluster as Shielded GKE nodes, with verifiable identity and integrity (Checkov CKV_GCP_71, CIS GKE 5.5.5).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`enableShieldedNodes` not false (GKE's default is true)",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        if (isFalse(read(() => props.enableShieldedNodes))) {
            report("enableShieldedNodes is false: a compromised node can impersonate another to the control plane.");
        }
    }),
};
