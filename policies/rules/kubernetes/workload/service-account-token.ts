import { PlatformResourcePolicy } from "../../../lib/types";
import { isFalse, read } from "../../../lib/values";
import { podSpec, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-service-account-token",
    description: "Workload pods do not mount a Kubernetes API token unless they call the API (Checkov CKV_K8S_38, CIS Kubernetes 5.1.6).",
    enforcementLevel: "advisory",
    severity: "medium",
    category: "hygiene",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`automountServiceAccountToken: false` on the pod spec",
    validateResource: podSpec((spec, report) => {
        if (!isFalse(read(() => spec.automountServiceAccountToken))) {
            report("automountServiceAccountToken is not false: a compromised container holds a Kubernetes API token.");
        }
    }),
};
