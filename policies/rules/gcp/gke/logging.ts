import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown, read } from "../../../lib/values";
import { GKE_CLUSTER } from "../types";

const TYPES = [GKE_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-logging",
    description: "System and workload logs and system metrics go to Cloud Logging and Monitoring (Checkov CKV_GCP_1, CKV_GCP_8, CIS GKE 5.7.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "`loggingService`/`monitoringService` not `none`; `loggingConfig.enableComponents` includes SYSTEM_COMPONENTS and WORKLOADS when set",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        for (const field of ["loggingService", "monitoringService"]) {
            if (read(() => props[field]) === "none") {
                report(`${field} is none: the cluster's events and metrics are lost.`);
            }
        }
        const components = at(props, "loggingConfig.enableComponents");
        if (isUnknown(components) || components === undefined) {
            return;
        }
        const missing = ["SYSTEM_COMPONENTS", "WORKLOADS"].filter((component) => !asArray(components).includes(component));
        if (missing.length > 0) {
            report(`loggingConfig.enableComponents lacks ${missing.join(", ")}: those logs never reach Cloud Logging.`);
        }
    }),
};
