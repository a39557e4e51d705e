import { effectiveSecurity } from "../../../lib/kubernetes";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-seccomp-profile",
    description: "Workload containers run under the runtime's default seccomp profile or a local one, never unconfined (Checkov CKV_K8S_31, CIS Kubernetes 5.7.2).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.seccompProfile.type` `RuntimeDefault` or `Localhost` (pod or container)",
    validateResource: eachContainer(({ label, container }, spec, report) => {
        const type = asRecord(effectiveSecurity(spec, container, "seccompProfile"))?.type;
        if (type !== "RuntimeDefault" && type !== "Localhost") {
            report(`${label} has seccompProfile ${type === undefined ? "unset" : JSON.stringify(type)}: every system call is allowed.`);
        }
    }),
};
