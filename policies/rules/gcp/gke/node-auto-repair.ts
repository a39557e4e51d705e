import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { GKE_NODE_POOL } from "../types";

const TYPES = [GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-node-auto-repair",
    description: "GKE recreates unhealthy nodes of the pool by itself (Checkov CKV_GCP_9, CIS GKE 5.5.2).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "`management.autoRepair: true`",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const value = at(props, "management.autoRepair");
        if (!isUnknown(value) && !isTrue(value)) {
            report("management.autoRepair is not true: a node that fails its health checks keeps its pods until someone notices.");
        }
    }),
};
