import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-drop-all-capabilities",
    description: "Workload containers drop all Linux capabilities, NET_RAW included (Checkov CKV_K8S_28, CKV_K8S_37, CIS Kubernetes 5.2.8, 5.2.10).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.capabilities.drop` contains `ALL`",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        const dropped = asArray(at(container, "securityContext.capabilities.drop")).map((item) => String(item).toUpperCase());
        if (!dropped.includes("ALL")) {
            report(`${label} does not drop ALL capabilities: it keeps the runtime's defaults, NET_RAW among them.`);
        }
    }),
};
