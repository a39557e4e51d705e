// What observability adds for an AKS app tier: the control plane's logs in the platform's
// workspace (the tier's retention), and the seeds' "High CPU Usage" and "High Memory Usage"
// on each node pool from AKS's platform metrics (no agent, no Container Insights bill), plus
// the workers' queue backlog as on the VM fleet.

import * as pulumi from "@pulumi/pulumi";
import { AlarmThresholds } from "../../tiers/types";
import { QUEUE_BACKLOG_MINUTES } from "./alertRules";
import { AzureClusterNative } from "./native";

/**
 * The control plane's log categories: the API server, the audit log of every write (kube-audit
 * would log each read as well, at many times the volume), the controllers, the scheduler, the
 * autoscaler and guard (Entra ID authentication decisions).
 */
export const CLUSTER_LOG_CATEGORIES = ["kube-apiserver", "kube-audit-admin", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "guard", "cloud-controller-manager"];

export interface ClusterMetricRule {
    description: string;
    scope: pulumi.Input<string>;
    metric: string;
    operator: "GreaterThan" | "LessThan";
    threshold: number;
    aggregation: "Average" | "Maximum" | "Minimum" | "Total";
    minutes: number;
    severity: number;
    dimensions?: { name: string; operator: string; values: pulumi.Input<string>[] }[];
}

/** The metric alerts of the cluster's pools and queues (pure: the caller registers them). */
export function clusterMetricRules(cluster: AzureClusterNative, clusterId: pulumi.Input<string>, t: AlarmThresholds, queues: { namespaceId?: pulumi.Input<string>; scaleOutDepth: number }): Record<string, ClusterMetricRule> {
    const rules: Record<string, ClusterMetricRule> = {};
    for (const pool of cluster.nodePools) {
        const dimensions = [{ name: "nodepool", operator: "Include", values: [pool] }];
        rules[`aks-${pool}-cpu`] = {
            description: `AKS node pool ${pool}: average node CPU above ${t.cpuPercent}% for ${t.cpuMinutes} minutes. The autoscaler should be adding nodes; check its limit (maxCount).`,
            scope: clusterId,
            metric: "node_cpu_usage_percentage",
            operator: "GreaterThan",
            threshold: t.cpuPercent,
            aggregation: "Average",
            minutes: t.cpuMinutes,
            severity: 2,
            dimensions,
        };
        rules[`aks-${pool}-memory`] = {
            description: `AKS node pool ${pool}: average node memory working set above ${t.memoryPercent}% for ${t.memoryMinutes} minutes. Increase RAM (a larger node shape).`,
            scope: clusterId,
            metric: "node_memory_working_set_percentage",
            operator: "GreaterThan",
            threshold: t.memoryPercent,
            aggregation: "Average",
            minutes: t.memoryMinutes,
            severity: 2,
            dimensions,
        };
    }
    if (queues.namespaceId) {
        for (const [service, queueName] of Object.entries(cluster.queueNames).sort()) {
            rules[`${service}-backlog`] = {
                description: `${service}: more than ${queues.scaleOutDepth} messages waiting in ${queueName} for ${QUEUE_BACKLOG_MINUTES} minutes: scaling out has not caught up.`,
                scope: queues.namespaceId,
                metric: "ActiveMessages",
                operator: "GreaterThan",
                threshold: queues.scaleOutDepth,
                aggregation: "Minimum",
                minutes: QUEUE_BACKLOG_MINUTES,
                severity: 2,
                dimensions: [{ name: "EntityName", operator: "Include", values: [queueName] }],
            };
        }
    }
    return rules;
}
