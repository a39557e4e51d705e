import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-read-only-root-filesystem",
    description: "Workload containers run with a read-only root filesystem; writable paths are explicit volumes (Checkov CKV_K8S_22).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.readOnlyRootFilesystem: true` on every container",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        if (!isTrue(at(container, "securityContext.readOnlyRootFilesystem"))) {
            report(`${label} does not set securityContext.readOnlyRootFilesystem: true: an intruder can modify the image's files.`);
        }
    }),
};
