import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-resource-limits",
    description: "Workload containers set CPU and memory limits so one pod cannot starve its node (Checkov CKV_K8S_11, CKV_K8S_13).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`resources.limits.cpu` and `resources.limits.memory` on every container",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        const missing = ["cpu", "memory"].filter((kind) => !isSet(at(container, `resources.limits.${kind}`)));
        if (missing.length > 0) {
            report(`${label} has no ${missing.join(" or ")} limit.`);
        }
    }),
};
