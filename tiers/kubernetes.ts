// Kubernetes sizing as pure functions: a pod's requests and limits from its machine shape, the
// namespace quota of a tier, and the node pool a managed cluster needs to hold every service at
// its maximum replica count.
//
// Both documents give a pod for a machine: the LMS document's production-large app server
// (8 vCPU / 32 GB) runs pods requesting 2 CPU / 4 Gi with limits of 4 CPU / 8 Gi, and the
// idea-management API (2 vCPU, t3.medium class) requests 500m / 1 Gi with limits of 1000m / 2 Gi.
// One rule gives both: limits are half the vCPUs and 1 Gi per vCPU, requests half the limits.

import { ClusterSpec, NamespaceQuota, PodResources, ServiceSpec, Shape } from "./types";

export function podResources(shape: Shape): PodResources {
    const limitMillicores = shape.vcpus * 500;
    const limitMemoryMi = shape.vcpus * 1024;
    return {
        requests: { cpu: `${limitMillicores / 2}m`, memory: `${limitMemoryMi / 2}Mi` },
        limits: { cpu: `${limitMillicores}m`, memory: `${limitMemoryMi}Mi` },
    };
}

/** Millicores of "500m" or "2"; MiB of "512Mi" or "4Gi". */
export function millicores(quantity: string): number {
    return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

export function mebibytes(quantity: string): number {
    if (quantity.endsWith("Gi")) {
        return Number(quantity.slice(0, -2)) * 1024;
    }
    if (quantity.endsWith("Mi")) {
        return Number(quantity.slice(0, -2));
    }
    throw new Error(`unsupported memory quantity ${quantity}`);
}

/** What the services ask of the namespace with every one at its maximum replica count. */
export function peakDemand(services: readonly Pick<ServiceSpec, "maxReplicas" | "pod">[]): { requestsMillicores: number; requestsMi: number; limitsMillicores: number; limitsMi: number } {
    const sum = (of: (service: Pick<ServiceSpec, "maxReplicas" | "pod">) => number) => services.reduce((total, service) => total + service.maxReplicas * of(service), 0);
    return {
        requestsMillicores: sum((s) => millicores(s.pod.requests.cpu)),
        requestsMi: sum((s) => mebibytes(s.pod.requests.memory)),
        limitsMillicores: sum((s) => millicores(s.pod.limits.cpu)),
        limitsMi: sum((s) => mebibytes(s.pod.limits.memory)),
    };
}

/** Problems when the services at their maximum replicas would not fit in the tier's quota. */
export function quotaProblems(services: readonly Pick<ServiceSpec, "name" | "maxReplicas" | "pod">[], quota: NamespaceQuota, tierName: string): string[] {
    const demand = peakDemand(services);
    const over = [
        demand.requestsMillicores > quota.requestsCpu * 1000 ? `requests.cpu ${demand.requestsMillicores / 1000} > ${quota.requestsCpu}` : undefined,
        demand.requestsMi > quota.requestsMemoryGi * 1024 ? `requests.memory ${demand.requestsMi / 1024}Gi > ${quota.requestsMemoryGi}Gi` : undefined,
        demand.limitsMillicores > quota.limitsCpu * 1000 ? `limits.cpu ${demand.limitsMillicores / 1000} > ${quota.limitsCpu}` : undefined,
        demand.limitsMi > quota.limitsMemoryGi * 1024 ? `limits.memory ${demand.limitsMi / 1024}Gi > ${quota.limitsMemoryGi}Gi` : undefined,
    ].filter((line): line is string => line !== undefined);
    if (over.length === 0) {
        return [];
    }
    const names = services.map((service) => `${service.name} (max ${service.maxReplicas})`).join(", ");
    return [`platform:services: at their maxReplicas, ${names} would need more than the ${tierName} tier's namespace quota allows (${over.join("; ")}); lower maxReplicas or size, or choose a larger tier`];
}

/** Room on each node for the kubelet, the system daemons and the add-ons (CNI, CSI, log and metrics agents). */
const SYSTEM_RESERVE = { millicores: 500, mi: 1536 };

/**
 * The node pool that holds every service at its minimum on the fewest nodes (at least one per
 * zone, so pods can spread) and at its maximum with one node of headroom per zone for a
 * rolling update or a drained node.
 */
export function clusterSizing(services: readonly Pick<ServiceSpec, "minReplicas" | "maxReplicas" | "pod">[], nodeShape: Shape, zones: number): Pick<ClusterSpec, "nodeShape" | "minNodes" | "maxNodes"> {
    const allocatable = { millicores: nodeShape.vcpus * 1000 - SYSTEM_RESERVE.millicores, mi: nodeShape.memoryGb * 1024 - SYSTEM_RESERVE.mi };
    const nodesFor = (replicas: (service: Pick<ServiceSpec, "minReplicas" | "maxReplicas">) => number) => {
        const cpu = services.reduce((total, s) => total + replicas(s) * millicores(s.pod.requests.cpu), 0);
        const memory = services.reduce((total, s) => total + replicas(s) * mebibytes(s.pod.requests.memory), 0);
        return Math.max(Math.ceil(cpu / allocatable.millicores), Math.ceil(memory / allocatable.mi));
    };
    const minNodes = Math.max(zones, nodesFor((s) => s.minReplicas));
    const maxNodes = Math.max(minNodes, nodesFor((s) => s.maxReplicas) + zones);
    return { nodeShape, minNodes, maxNodes };
}
