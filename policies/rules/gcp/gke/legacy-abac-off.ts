import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-legacy-abac-off",
    description: "Legacy ABAC stays off, so RBAC alone decides what a principal may do (Checkov CKV_GCP_7, CIS GKE 5.8.3).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`enableLegacyAbac` not true",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        if (isTrue(read(() => props.enableLegacyAbac))) {
            report("enableLegacyAbac is true: broad static permissions bypass RBAC.");
        }
    }),
};
