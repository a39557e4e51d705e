import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { podSpec, WORKLOAD_TYPES } from "./shared";

const NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"];

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-host-namespaces",
    description: "Workload pods share neither the node's network, process nor IPC namespace (Checkov CKV_K8S_17, CKV_K8S_18, CKV_K8S_19, CIS Kubernetes 5.2.3, 5.2.4, 5.2.5).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`hostNetwork`, `hostPID`, `hostIPC` unset or `false`",
    validateResource: podSpec((spec, report) => {
        for (const field of NAMESPACES) {
            if (isTrue(read(() => spec[field]))) {
                report(`${field} is true: the pod sees and can touch the node's ${field.slice(4).toLowerCase()} namespace.`);
            }
        }
    }),
};
