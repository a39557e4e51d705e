import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at } from "../../../lib/values";
import { labelsOf, NAMESPACE } from "../shared";

export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-namespace-pod-security",
    description:
        "Every namespace enforces a Pod Security Standard (baseline or restricted) through Pod Security Admission, so a privileged pod is refused whoever creates it (CIS Kubernetes 5.2.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [NAMESPACE],
    requires: "label `pod-security.kubernetes.io/enforce` = `restricted` or `baseline`",
    validateResource: validateTypes([NAMESPACE], (props, _args, report) => {
        const level = labelsOf(at(props, "metadata.labels"))[ENFORCE_LABEL];
        if (level !== "restricted" && level !== "baseline") {
            report(`${ENFORCE_LABEL} is ${level === undefined ? "not set" : `"${level}"`}: the namespace admits privileged pods.`);
        }
    }),
};
