// The alarms of `runtime: kubernetes` on AWS, where the services are pods on EKS nodes
// instead of Auto Scaling groups: same thresholds, Container Insights metrics.

import * as aws from "@pulumi/aws";
import { AlarmThresholds } from "../../tiers/types";
import { AwsClusterNative } from "./native";
import { AlarmArgs, sustained } from "./observability";

/**
 * `runtime: kubernetes`: the seeds' CPU and memory alarms on Container Insights (the
 * amazon-cloudwatch-observability add-on): per service against its pods' limits, and for the
 * node group as a whole, where the Cluster Autoscaler should already be adding nodes.
 */
export function clusterAlarms(cluster: AwsClusterNative, t: AlarmThresholds, alarm: (role: string, args: AlarmArgs) => aws.cloudwatch.MetricAlarm): void {
    const insights = (dimensions: Record<string, string>) => ({ namespace: "ContainerInsights", dimensions: { ClusterName: cluster.clusterName, ...dimensions } });
    for (const workload of [...cluster.workloads].sort((a, b) => a.service.localeCompare(b.service))) {
        const pods = insights({ Namespace: cluster.namespace, PodName: workload.deployment });
        alarm(`${workload.service}-cpu`, {
            alarmDescription: `${workload.service}: average pod CPU above ${t.cpuPercent}% of its limit for ${t.cpuMinutes} minutes. Raise maxReplicas or the pod size.`,
            ...pods,
            metricName: "pod_cpu_utilization_over_pod_limit",
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.cpuPercent,
            ...sustained(t.cpuMinutes),
            treatMissingData: "missing",
        });
        alarm(`${workload.service}-memory`, {
            alarmDescription: `${workload.service}: average pod memory above ${t.memoryPercent}% of its limit for ${t.memoryMinutes} minutes. Increase the pod's memory.`,
            ...pods,
            metricName: "pod_memory_utilization_over_pod_limit",
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.memoryPercent,
            ...sustained(t.memoryMinutes),
            treatMissingData: "missing",
        });
    }
    alarm("nodes-cpu", {
        alarmDescription: `Cluster nodes: average CPU above ${t.cpuPercent}% for ${t.cpuMinutes} minutes. The node group may be at maxNodes.`,
        ...insights({}),
        metricName: "node_cpu_utilization",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.cpuPercent,
        ...sustained(t.cpuMinutes),
        treatMissingData: "missing",
    });
    alarm("nodes-memory", {
        alarmDescription: `Cluster nodes: average memory above ${t.memoryPercent}% for ${t.memoryMinutes} minutes. The node group may be at maxNodes.`,
        ...insights({}),
        metricName: "node_memory_utilization",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.memoryPercent,
        ...sustained(t.memoryMinutes),
        treatMissingData: "missing",
    });
}

