import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at } from "../../../lib/values";
import { eachContainer, WORKLOAD_TYPES } from "./shared";

/** The one capability restricted pods may add back (to bind ports below 1024). */
const ALLOWED = ["NET_BIND_SERVICE"];

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-no-added-capabilities",
    description: "Workload containers add no Linux capabilities beyond NET_BIND_SERVICE, SYS_ADMIN least of all (Checkov CKV_K8S_25, CKV_K8S_39, CIS Kubernetes 5.2.9).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`securityContext.capabilities.add` empty or only `NET_BIND_SERVICE`",
    validateResource: eachContainer(({ label, container }, _spec, report) => {
        const added = asArray(at(container, "securityContext.capabilities.add")).map((item) => String(item).toUpperCase().replace(/^CAP_/, ""));
        const extra = added.filter((capability) => !ALLOWED.includes(capability));
        if (extra.length > 0) {
            report(`${label} adds capabilities ${extra.join(", ")}.`);
        }
    }),
};
