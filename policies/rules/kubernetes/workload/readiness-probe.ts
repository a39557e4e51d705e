import { BATCH_TYPES } from "../../../lib/kubernetes";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-readiness-probe",
    description: "Long-running workload containers have a readiness probe so traffic waits until they can serve (Checkov CKV_K8S_9).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`readinessProbe` on every container (not init containers, not Jobs or CronJobs)",
    validateResource: eachContainer(({ label, container, init }, _spec, report, type) => {
        if (!init && !BATCH_TYPES.includes(type) && !isSet(read(() => container.readinessProbe))) {
            report(`${label} has no readinessProbe: requests reach it before it is ready and during shutdown.`);
        }
    }),
};
