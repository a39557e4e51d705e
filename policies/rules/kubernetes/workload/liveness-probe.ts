import { BATCH_TYPES } from "../../../lib/kubernetes";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-liveness-probe",
    description: "Long-running workload containers have a liveness probe so a hung process is restarted (Checkov CKV_K8S_8).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`livenessProbe` on every container (not init containers, not Jobs or CronJobs)",
    validateResource: eachContainer(({ label, container, init }, _spec, report, type) => {
        if (!init && !BATCH_TYPES.includes(type) && !isSet(read(() => container.livenessProbe))) {
            report(`${label} has no livenessProbe: a deadlocked process keeps its pod forever.`);
        }
    }),
};
