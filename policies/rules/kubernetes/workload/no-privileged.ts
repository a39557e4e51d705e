import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-privileged",
    description: "Workload containers never run privileged, which would give them the node (Checkov CKV_K8S_16, CIS Kubernetes 5.2.2).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.privileged` unset or `false` on every container",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        if (isTrue(at(container, "securityContext.privileged"))) {
            report(`${label} is privileged: it has every capability and the host's devices.`);
        }
    }),
};
