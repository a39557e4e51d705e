import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-resource-requests",
    description: "Workload containers request CPU and memory, so the scheduler places them and the autoscaler can measure them (Checkov CKV_K8S_10, CKV_K8S_12).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`resources.requests.cpu` and `resources.requests.memory` on every container",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        const missing = ["cpu", "memory"].filter((kind) => !isSet(at(container, `resources.requests.${kind}`)));
        if (missing.length > 0) {
            report(`${label} has no ${missing.join(" or ")} request.`);
        }
    }),
};
