import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at } from "../../../lib/values";
import { WORKLOAD_TYPES } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-workload-not-default-namespace",
    description: "Workloads live in their own namespace, not default, so quotas, network policies and RBAC can apply to them (Checkov CKV_K8S_21, CIS Kubernetes 5.7.4).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: WORKLOAD_TYPES,
    requires: "`metadata.namespace` set and not `default`",
    validateResource: validateTypes(WORKLOAD_TYPES, (props, _args, report) => {
        const namespace = at(props, "metadata.namespace");
        if (namespace === undefined || namespace === "" || namespace === "default") {
            report("metadata.namespace is default (or unset, which means the provider's default namespace).");
        }
    }),
};
