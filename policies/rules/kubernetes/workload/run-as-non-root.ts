import { effectiveSecurity } from "../../../lib/kubernetes";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isTrue } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-run-as-non-root",
    description: "Workload containers run as a non-root user (Checkov CKV_K8S_23, CIS Kubernetes 5.2.7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.runAsNonRoot: true` or `runAsUser` >= 1 (pod or container), never `runAsUser: 0`",
    validateResource: eachContainer(({ label, container }, spec, report) => {
        const nonRoot = effectiveSecurity(spec, container, "runAsNonRoot");
        const user = asNumber(effectiveSecurity(spec, container, "runAsUser"));
        if (user === 0) {
            report(`${label} runs as user 0 (root).`);
        } else if (!isTrue(nonRoot) && (user === undefined || user < 1)) {
            report(`${label} may run as root: set securityContext.runAsNonRoot: true (pod or container).`);
        }
    }),
};
