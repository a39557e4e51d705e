import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asNumber, asRecord, read } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-host-ports",
    description: "Workload containers never bind ports on the node; traffic comes through Services (Checkov CKV_K8S_26, CIS Kubernetes 5.2.13).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "no `ports[].hostPort`",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        asArray(read(() => container.ports)).forEach((entry, index) => {
            const hostPort = asNumber(asRecord(entry)?.hostPort);
            if (hostPort !== undefined && hostPort > 0) {
                report(`${label} ports[${index}] binds host port ${hostPort}: the container answers on the node's address, bypassing network policies.`);
            }
        });
    }),
};
