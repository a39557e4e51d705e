import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isFalse, isTrue, isUnknown } from "../../../lib/values";
import { GKE_CLUSTER, GKE_NODE_POOL } from "../types";

const TYPES = [GKE_CLUSTER, GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-private-nodes",
    description: "GKE nodes have internal addresses only: nothing on the internet reaches a kubelet or a NodePort (Checkov CKV_GCP_64, CKV_GCP_25, CIS GKE 5.6.5).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "clusters: `privateClusterConfig.enablePrivateNodes: true`; node pools: `networkConfig.enablePrivateNodes` not false",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (args.type === GKE_NODE_POOL) {
            if (isFalse(at(props, "networkConfig.enablePrivateNodes"))) {
                report("networkConfig.enablePrivateNodes is false: the pool's nodes get external addresses.");
            }
            return;
        }
        const value = at(props, "privateClusterConfig.enablePrivateNodes");
        if (!isUnknown(value) && !isTrue(value)) {
            report("privateClusterConfig.enablePrivateNodes is not true: every node gets an external address.");
        }
    }),
};
