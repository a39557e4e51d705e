import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at } from "../../../lib/values";
import { labelsOf, NAMESPACE } from "../shared";

export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
/**
 * The one namespace allowed to admit privileged pods names its workload here: node_exporter's
 * DaemonSet reads the host's network and PID namespaces and root file system, and runs alone.
 */
export const PRIVILEGED_WORKLOAD_LABEL = "platform.io/privileged-workload";
const PRIVILEGED_WORKLOADS = ["node-exporter"];

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-namespace-pod-security",
    description:
        "Every namespace enforces a Pod Security Standard (baseline or restricted) through Pod Security Admission, so a privileged pod is refused whoever creates it; only node_exporter's own namespace, labelled for it, admits the host access it needs (CIS Kubernetes 5.2.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [NAMESPACE],
    requires: "label `pod-security.kubernetes.io/enforce` = `restricted` or `baseline` (`privileged` only with `platform.io/privileged-workload: node-exporter`)",
    validateResource: validateTypes([NAMESPACE], (props, _args, report) => {
        const labels = labelsOf(at(props, "metadata.labels"));
        const level = labels[ENFORCE_LABEL];
        if (level === "privileged" && PRIVILEGED_WORKLOADS.includes(labels[PRIVILEGED_WORKLOAD_LABEL] ?? "")) {
            return;
        }
        if (level !== "restricted" && level !== "baseline") {
            report(`${ENFORCE_LABEL} is ${level === undefined ? "not set" : `"${level}"`}: the namespace admits privileged pods.`);
        }
    }),
};
