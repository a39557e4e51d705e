import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isFalse } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-privilege-escalation",
    description: "Workload containers explicitly forbid privilege escalation through setuid binaries (Checkov CKV_K8S_20, CIS Kubernetes 5.2.6).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.allowPrivilegeEscalation: false` on every container",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        if (!isFalse(at(container, "securityContext.allowPrivilegeEscalation"))) {
            report(`${label} does not set securityContext.allowPrivilegeEscalation: false.`);
        }
    }),
};
