// Kubernetes workloads in every shape that holds a pod template, so one rule covers
// Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs and bare Pods.

import { asArray, asRecord, at, isUnknown, Props, read } from "./values";

/** Type token -> path from the object's props to its pod spec. */
export const WORKLOAD_POD_SPECS: Record<string, string> = {
    "kubernetes:apps/v1:Deployment": "spec.template.spec",
    "kubernetes:apps/v1:StatefulSet": "spec.template.spec",
    "kubernetes:apps/v1:DaemonSet": "spec.template.spec",
    "kubernetes:apps/v1:ReplicaSet": "spec.template.spec",
    "kubernetes:batch/v1:Job": "spec.template.spec",
    "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec",
    "kubernetes:core/v1:Pod": "spec",
};

export const WORKLOAD_TYPES = Object.keys(WORKLOAD_POD_SPECS);
/** Run-to-completion workloads: no probes (Kubernetes restarts nothing that is meant to exit). */
export const BATCH_TYPES = ["kubernetes:batch/v1:Job", "kubernetes:batch/v1:CronJob"];

export interface ContainerRef {
    /** `containers[0] "web"` for messages. */
    label: string;
    container: Props;
    init: boolean;
}

export function podSpecOf(type: string, props: Props): Props | undefined {
    const path = WORKLOAD_POD_SPECS[type];
    const spec = path ? at(props, path) : undefined;
    return isUnknown(spec) ? undefined : asRecord(spec);
}

/** Containers and init containers (ephemeral debug containers are not part of the template). */
export function containersOf(spec: Props): ContainerRef[] {
    const list = (field: string, init: boolean): ContainerRef[] =>
        asArray(read(() => spec[field])).map((entry, index) => {
            const container = asRecord(entry) ?? {};
            const name = read(() => container.name);
            return { label: `${field}[${index}]${typeof name === "string" ? ` "${name}"` : ""}`, container, init };
        });
    return [...list("initContainers", true), ...list("containers", false)];
}

/** A container's security context setting, falling back to the pod's where Kubernetes does. */
export function effectiveSecurity(spec: Props, container: Props, key: string): unknown {
    const own = at(container, `securityContext.${key}`);
    return own !== undefined ? own : at(spec, `securityContext.${key}`);
}
