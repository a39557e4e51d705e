import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { BATCH_TYPES } from "../../../lib/kubernetes";
import { LIMIT_RANGE, NAMESPACE, namespaceOf, objectName, RESOURCE_QUOTA, WORKLOAD_TYPES } from "../shared";

/** Services that run and grow: a namespace holding only a one-off Job (a bucket setup) needs no quota. */
const LONG_RUNNING = WORKLOAD_TYPES.filter((type) => !BATCH_TYPES.includes(type));

export const policy: PlatformStackPolicy = {
    name: "kubernetes-namespace-resource-quota",
    description:
        "Every namespace the stack creates for long-running workloads has a ResourceQuota, so one service cannot starve the cluster, and a LimitRange, so a container without requests and limits still gets them (Checkov CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13 at the namespace level; CIS Kubernetes 5.7.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [NAMESPACE, RESOURCE_QUOTA, LIMIT_RANGE],
    requires: "a ResourceQuota and a LimitRange whose `metadata.namespace` is the namespace, wherever a Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod runs in it",
    validateStack: (args, report) => {
        const occupied = new Set(ofType(args.resources, ...LONG_RUNNING).map(namespaceOf));
        const quotas = new Set(ofType(args.resources, RESOURCE_QUOTA).map(namespaceOf));
        const limits = new Set(ofType(args.resources, LIMIT_RANGE).map(namespaceOf));
        for (const namespace of ofType(args.resources, NAMESPACE)) {
            const name = objectName(namespace);
            if (!occupied.has(name)) {
                continue;
            }
            const missing = [quotas.has(name) ? undefined : "ResourceQuota", limits.has(name) ? undefined : "LimitRange"].filter((kind): kind is string => kind !== undefined);
            if (missing.length > 0) {
                report(`namespace "${name}" runs workloads without a ${missing.join(" or ")}.`, namespace.urn);
            }
        }
    },
};
