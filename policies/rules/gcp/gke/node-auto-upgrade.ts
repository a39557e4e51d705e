import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown } from "../../../lib/values";
import { GKE_NODE_POOL } from "../types";

const TYPES = [GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-node-auto-upgrade",
    description: "The pool's nodes follow the control plane's version and its security patches (Checkov CKV_GCP_10, CIS GKE 5.5.3).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: TYPES,
    requires: "`management.autoUpgrade: true`",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const value = at(props, "management.autoUpgrade");
        if (!isUnknown(value) && !isTrue(value)) {
            report("management.autoUpgrade is not true: nodes keep an unpatched kubelet and OS image.");
        }
    }),
};
