// Alerts of runtime kubernetes on GCP: what observability.ts asks of the VM groups, asked of
// the cluster's containers and nodes through GKE's system metrics (kubernetes.io/*).

import * as gcp from "@pulumi/gcp";
import { AlarmThresholds } from "../../tiers/types";
import { Condition, filterOf, thresholdCondition } from "./alertConditions";
import { containerTerms } from "./dashboard";
import { GcpClusterNative } from "./native";
import type { Severity } from "./observability";

export type PolicyMaker = (role: string, title: string, severity: Severity, runbook: string, conditions: Condition[]) => gcp.monitoring.AlertPolicy;

/**
 * The seeds' "High CPU Usage" and "High Memory Usage" on a cluster: each service's containers
 * against their limits (GKE's system metrics, free), and the nodes' allocatable CPU and memory,
 * which the autoscaler should keep below the same thresholds.
 */
export function clusterFleetPolicies(cluster: GcpClusterNative, services: string[], t: AlarmThresholds, policy: PolicyMaker): void {
    const nodes = { "resource.type": "k8s_node", "resource.label.cluster_name": cluster.name };
    for (const service of services) {
        const containers = containerTerms(cluster, service);
        policy(`${service}-cpu`, `${service} CPU above ${t.cpuPercent}%`, "WARNING",
            `${service}: average CPU of its pods above ${t.cpuPercent}% of their limit for ${t.cpuMinutes} minutes. Raise maxReplicas or the pod size.`, [
            thresholdCondition(`${service} CPU > ${t.cpuPercent}%`, {
                filter: filterOf({ "metric.type": "kubernetes.io/container/cpu/limit_utilization", ...containers }),
                threshold: t.cpuPercent / 100,
                minutes: t.cpuMinutes,
                aligner: "ALIGN_MEAN",
                reducer: "REDUCE_MEAN",
                groupBy: ["resource.label.container_name"],
            }),
        ]);
        policy(`${service}-memory`, `${service} memory above ${t.memoryPercent}%`, "WARNING",
            `${service}: memory of its pods above ${t.memoryPercent}% of their limit for ${t.memoryMinutes} minutes. Increase the pod size.`, [
            thresholdCondition(`${service} memory > ${t.memoryPercent}%`, {
                filter: filterOf({ "metric.type": "kubernetes.io/container/memory/limit_utilization", "metric.label.memory_type": "non-evictable", ...containers }),
                threshold: t.memoryPercent / 100,
                minutes: t.memoryMinutes,
                aligner: "ALIGN_MEAN",
                reducer: "REDUCE_MAX",
                groupBy: ["resource.label.container_name"],
            }),
        ]);
    }
    policy("nodes-cpu", `cluster nodes CPU above ${t.cpuPercent}%`, "WARNING",
        `Nodes of ${cluster.name}: allocatable CPU used above ${t.cpuPercent}% for ${t.cpuMinutes} minutes; the node pool is at its maximum or cannot scale.`, [
        thresholdCondition(`nodes CPU > ${t.cpuPercent}%`, {
            filter: filterOf({ "metric.type": "kubernetes.io/node/cpu/allocatable_utilization", ...nodes }),
            threshold: t.cpuPercent / 100,
            minutes: t.cpuMinutes,
            aligner: "ALIGN_MEAN",
            reducer: "REDUCE_MEAN",
            groupBy: ["resource.label.cluster_name"],
        }),
    ]);
    policy("nodes-memory", `cluster nodes memory above ${t.memoryPercent}%`, "WARNING",
        `Nodes of ${cluster.name}: allocatable memory used above ${t.memoryPercent}% for ${t.memoryMinutes} minutes; the node pool is at its maximum or cannot scale.`, [
        thresholdCondition(`nodes memory > ${t.memoryPercent}%`, {
            filter: filterOf({ "metric.type": "kubernetes.io/node/memory/allocatable_utilization", "metric.label.memory_type": "non-evictable", ...nodes }),
            threshold: t.memoryPercent / 100,
            minutes: t.memoryMinutes,
            aligner: "ALIGN_MEAN",
            reducer: "REDUCE_MEAN",
            groupBy: ["resource.label.cluster_name"],
        }),
    ]);
}
