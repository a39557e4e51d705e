// An existing cluster (cloud kubernetes) bills nothing per object: the platform runs on nodes
// and volumes the cluster already has. Every Kubernetes object is free with that reason, and
// the estimate states the capacity the platform asks of the cluster (CPU and memory requests of
// its Deployments, the volumes of its database and Prometheus) so the owner can size the nodes.

import type { RecordedResource, RecordedStack } from "../synth";
import type { Pricer } from "./cost";
import { num } from "./costLines";
import { mebibytes, millicores } from "../../tiers/kubernetes";

export const KUBERNETES_OBJECT_REASON = "runs on the cluster's existing nodes: an object is not billed by itself";

/** Free on any cluster: generated locally, or a Kubernetes object. */
export function kubernetesFree(type: string): string | undefined {
    if (type.startsWith("kubernetes:")) {
        return KUBERNETES_OBJECT_REASON;
    }
    if (type.startsWith("random:")) {
        return "generated locally by the random provider";
    }
    if (type.startsWith("tls:")) {
        return "generated locally by the tls provider";
    }
    return undefined;
}

export const kubernetesPricer: Pricer = (resource) => {
    const reason = kubernetesFree(resource.type);
    return reason ? { free: reason } : { unpriced: `no price for ${resource.type} on an existing cluster` };
};

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value && typeof value === "object" ? (value as Obj) : {});

/** GiB of a "50Gi" or "512Mi" volume size; 0 for a size the platform did not set. */
function gib(quantity: unknown): number {
    return typeof quantity === "string" && /^\d+(\.\d+)?(Gi|Mi)$/.test(quantity) ? mebibytes(quantity) / 1024 : 0;
}

/** CPU (cores), memory (GiB) and volume (GiB) the platform's own objects request. */
export function requestedCapacity(resources: readonly RecordedResource[]): { cpu: number; memoryGi: number; volumeGi: number } {
    let cpu = 0;
    let memoryMi = 0;
    let volumeGi = 0;
    for (const resource of resources) {
        const spec = obj(resource.inputs.spec);
        if (resource.type === "kubernetes:apps/v1:Deployment") {
            const replicas = num(spec.replicas, 1);
            const containers = (obj(obj(spec.template).spec).containers as unknown[]) ?? [];
            for (const container of containers) {
                const requests = obj(obj(obj(container).resources).requests);
                cpu += (replicas * millicores(String(requests.cpu ?? "0m"))) / 1000;
                memoryMi += replicas * (typeof requests.memory === "string" ? mebibytes(requests.memory) : 0);
            }
        } else if (resource.type === "kubernetes:postgresql.cnpg.io/v1:Cluster") {
            volumeGi += num(spec.instances, 1) * (gib(obj(spec.storage).size) + gib(obj(spec.walStorage).size));
        } else if (resource.type === "kubernetes:helm.sh/v3:Release" && resource.inputs.chart === "kube-prometheus-stack") {
            const prometheus = obj(obj(obj(resource.inputs.values).prometheus).prometheusSpec);
            const claim = obj(obj(obj(obj(prometheus.storageSpec).volumeClaimTemplate).spec).resources);
            volumeGi += num(prometheus.replicas, 1) * gib(obj(claim.requests).storage);
        }
    }
    return { cpu, memoryGi: memoryMi / 1024, volumeGi };
}

/** The note the estimate prints for an existing cluster. */
export function capacityNote(result: RecordedStack): string {
    const { cpu, memoryGi, volumeGi } = requestedCapacity(result.resources);
    const round = (value: number) => Math.round(value * 100) / 100;
    return `the platform requests ${round(cpu)} CPU and ${round(memoryGi)} GiB of memory for its services at their minimum replicas, and ${round(volumeGi)} GiB of volumes for PostgreSQL and Prometheus, from the cluster's existing nodes and storage class (the operators' and charts' own pods, Redis and the object store's volumes come on top; no reference rate is sourced, so none of it is priced)`;
}
