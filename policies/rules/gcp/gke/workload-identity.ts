import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, at, isUnknown, read } from "../../../lib/values";
import { GKE_CLUSTER, GKE_NODE_POOL } from "../types";

const TYPES = [GKE_CLUSTER, GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-workload-identity",
    description: "Pods act as their own service accounts through Workload Identity and never see the node's credentials on the metadata server (Checkov CKV_GCP_69, CIS GKE 5.2.2, 5.4.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "clusters: `workloadIdentityConfig.workloadPool` set; node pools: `nodeConfig.workloadMetadataConfig.mode: \"GKE_METADATA\"`",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (args.type === GKE_NODE_POOL) {
            const mode = at(props, "nodeConfig.workloadMetadataConfig.mode");
            if (!isUnknown(mode) && mode !== "GKE_METADATA") {
                report(`nodeConfig.workloadMetadataConfig.mode is ${JSON.stringify(mode ?? null)}, not GKE_METADATA: pods read the node service account's token.`);
            }
            return;
        }
        const config = read(() => props.workloadIdentityConfig);
        if (!isUnknown(config) && !asRecord(config)?.workloadPool) {
            report("workloadIdentityConfig.workloadPool is not set: pods can only act as the node's service account.");
        }
    }),
};
