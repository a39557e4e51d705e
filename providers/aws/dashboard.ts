// The CloudWatch dashboard body as a pure function of plain, already-resolved names, so the
// layout is tested without Pulumi. Sections follow the dashboards the seeds ask for: system
// health, API performance, database, cache, queues (and the public endpoint's health check).

import { AlarmThresholds } from "../../tiers/types";

export interface DashboardFleet {
    service: string;
    groupName: string;
    /** Worker queue whose depth drives the fleet's scaling. */
    queueName?: string;
}

export interface DashboardInput {
    region: string;
    thresholds: AlarmThresholds;
    fleets: DashboardFleet[];
    loadBalancerArnSuffix?: string;
    database: {
        primaryId: string;
        replicaIds: string[];
        /** Connection count the connections alarm fires at. */
        connectionsAlarmAt: number;
        cpuAlarmPercent: number;
        freeStorageAlarmBytes: number;
    };
    cacheClusterIds: string[];
    /** Queue depth above which workers scale out. */
    queueScaleOutDepth: number;
    healthCheckId?: string;
    /** `runtime: kubernetes`: Container Insights metrics of the cluster's nodes and pods replace the groups'. */
    cluster?: { clusterName: string; namespace: string; deployments: { service: string; deployment: string }[] };
}

/** One line of a metric widget: namespace, metric, dimension pairs, then rendering options. */
type MetricLine = (string | Record<string, unknown>)[];

interface Widget {
    type: "metric" | "text";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: Record<string, unknown>;
}

interface Panel {
    title: string;
    metrics: MetricLine[];
    stat?: string;
    /** Horizontal lines at the alarm thresholds, so the graph shows how close we are. */
    lines?: { label: string; value: number }[];
    region?: string;
}

interface Section {
    title: string;
    panels: Panel[];
}

const GRID_WIDTH = 24;
const PANELS_PER_ROW = 3;
const PANEL_HEIGHT = 6;

function line(namespace: string, metric: string, dimensions: [string, string][], options: Record<string, unknown> = {}): MetricLine {
    return [namespace, metric, ...dimensions.flat(), options];
}

function systemHealth(input: DashboardInput): Section {
    const perFleet = (namespace: string, metric: string) =>
        input.fleets.map((fleet) => line(namespace, metric, [["AutoScalingGroupName", fleet.groupName]], { label: fleet.service }));
    const t = input.thresholds;
    return {
        title: "System health",
        panels: [
            { title: "CPU utilization (%)", metrics: perFleet("AWS/EC2", "CPUUtilization"), lines: [{ label: `alarm > ${t.cpuPercent}%`, value: t.cpuPercent }] },
            // CloudWatch agent metrics, aggregated by the agent on AutoScalingGroupName.
            { title: "Memory used (%)", metrics: perFleet("CWAgent", "mem_used_percent"), lines: [{ label: `alarm > ${t.memoryPercent}%`, value: t.memoryPercent }] },
            { title: "Disk used (%)", metrics: perFleet("CWAgent", "disk_used_percent") },
        ],
    };
}

function clusterHealth(input: DashboardInput, cluster: NonNullable<DashboardInput["cluster"]>): Section {
    const t = input.thresholds;
    const node = (metric: string) => [line("ContainerInsights", metric, [["ClusterName", cluster.clusterName]], { label: "nodes" })];
    const perPod = (metric: string) =>
        cluster.deployments.map((entry) =>
            line("ContainerInsights", metric, [["ClusterName", cluster.clusterName], ["Namespace", cluster.namespace], ["PodName", entry.deployment]], { label: entry.service }),
        );
    return {
        title: "System health",
        panels: [
            { title: "Node CPU utilization (%)", metrics: node("node_cpu_utilization"), lines: [{ label: `alarm > ${t.cpuPercent}%`, value: t.cpuPercent }] },
            { title: "Node memory utilization (%)", metrics: node("node_memory_utilization"), lines: [{ label: `alarm > ${t.memoryPercent}%`, value: t.memoryPercent }] },
            { title: "Nodes", metrics: node("cluster_node_count") },
            { title: "Pod CPU over limit (%)", metrics: perPod("pod_cpu_utilization_over_pod_limit"), lines: [{ label: `alarm > ${t.cpuPercent}%`, value: t.cpuPercent }] },
            { title: "Pod memory over limit (%)", metrics: perPod("pod_memory_utilization_over_pod_limit"), lines: [{ label: `alarm > ${t.memoryPercent}%`, value: t.memoryPercent }] },
            { title: "Running pods", metrics: perPod("pod_number_of_running_containers") },
        ],
    };
}

function apiPerformance(input: DashboardInput, lb: string): Section {
    const elb = (metric: string, options: Record<string, unknown>) => line("AWS/ApplicationELB", metric, [["LoadBalancer", lb]], options);
    const t = input.thresholds;
    return {
        title: "API performance",
        panels: [
            { title: "Requests", stat: "Sum", metrics: [elb("RequestCount", { label: "requests" })] },
            {
                title: "Target response time p95 (s)",
                stat: "p95",
                metrics: [elb("TargetResponseTime", { label: "p95" })],
                lines: [{ label: `alarm > ${t.responseTimeP95Ms} ms`, value: t.responseTimeP95Ms / 1000 }],
            },
            {
                title: "5xx error rate (%)",
                stat: "Sum",
                metrics: [
                    [{ expression: "100 * (FILL(m1, 0) + FILL(m2, 0)) / m3", label: "5xx %", id: "e1" }],
                    elb("HTTPCode_Target_5XX_Count", { id: "m1", visible: false }),
                    elb("HTTPCode_ELB_5XX_Count", { id: "m2", visible: false }),
                    elb("RequestCount", { id: "m3", visible: false }),
                ],
                lines: [{ label: `alarm > ${t.errorRatePercent}%`, value: t.errorRatePercent }],
            },
        ],
    };
}

function database(input: DashboardInput): Section {
    const db = input.database;
    const instances = [db.primaryId, ...db.replicaIds];
    const perInstance = (metric: string) =>
        instances.map((id) => line("AWS/RDS", metric, [["DBInstanceIdentifier", id]], { label: id }));
    return {
        title: "Database",
        panels: [
            { title: "Connections", metrics: perInstance("DatabaseConnections"), lines: [{ label: "alarm", value: db.connectionsAlarmAt }] },
            { title: "CPU utilization (%)", metrics: perInstance("CPUUtilization"), lines: [{ label: `alarm > ${db.cpuAlarmPercent}%`, value: db.cpuAlarmPercent }] },
            { title: "Free storage (bytes)", stat: "Minimum", metrics: perInstance("FreeStorageSpace"), lines: [{ label: "alarm", value: db.freeStorageAlarmBytes }] },
        ],
    };
}

function cache(input: DashboardInput): Section {
    const perNode = (metric: string) =>
        input.cacheClusterIds.map((id) => line("AWS/ElastiCache", metric, [["CacheClusterId", id]], { label: id }));
    const t = input.thresholds;
    return {
        title: "Cache",
        panels: [
            { title: "Memory used (%)", metrics: perNode("DatabaseMemoryUsagePercentage"), lines: [{ label: `alarm > ${t.cacheMemoryPercent}%`, value: t.cacheMemoryPercent }] },
            // Redis is single-threaded: the engine thread's CPU, not the host's, is the limit.
            { title: "Engine CPU (%)", metrics: perNode("EngineCPUUtilization") },
            { title: "Connections", metrics: perNode("CurrConnections") },
        ],
    };
}

function queues(input: DashboardInput, fleets: DashboardFleet[]): Section {
    return {
        title: "Queues",
        panels: [
            {
                title: "Messages waiting",
                stat: "Maximum",
                metrics: fleets.map((fleet) => line("AWS/SQS", "ApproximateNumberOfMessagesVisible", [["QueueName", fleet.queueName ?? ""]], { label: fleet.service })),
                lines: [{ label: `scale out > ${input.queueScaleOutDepth}`, value: input.queueScaleOutDepth }],
            },
            {
                title: "Age of oldest message (s)",
                stat: "Maximum",
                metrics: fleets.map((fleet) => line("AWS/SQS", "ApproximateAgeOfOldestMessage", [["QueueName", fleet.queueName ?? ""]], { label: fleet.service })),
            },
        ],
    };
}

function endpoint(healthCheckId: string): Section {
    return {
        title: "Public endpoint",
        panels: [
            {
                title: "Route 53 health check (1 = healthy)",
                stat: "Minimum",
                // Route 53 publishes health check metrics in us-east-1 only.
                region: "us-east-1",
                metrics: [line("AWS/Route53", "HealthCheckStatus", [["HealthCheckId", healthCheckId]], { label: "status" })],
            },
        ],
    };
}

export function dashboardSections(input: DashboardInput): Section[] {
    const sections = [input.cluster ? clusterHealth(input, input.cluster) : systemHealth(input)];
    if (input.loadBalancerArnSuffix) sections.push(apiPerformance(input, input.loadBalancerArnSuffix));
    sections.push(database(input));
    if (input.cacheClusterIds.length) sections.push(cache(input));
    const workers = input.fleets.filter((fleet) => fleet.queueName);
    if (workers.length) sections.push(queues(input, workers));
    if (input.healthCheckId) sections.push(endpoint(input.healthCheckId));
    return sections;
}

/** The `dashboardBody` object: a header per section, then its panels three to a row. */
export function buildDashboard(input: DashboardInput): { widgets: Widget[] } {
    const widgets: Widget[] = [];
    const width = GRID_WIDTH / PANELS_PER_ROW;
    let y = 0;
    for (const section of dashboardSections(input)) {
        widgets.push({ type: "text", x: 0, y, width: GRID_WIDTH, height: 1, properties: { markdown: `## ${section.title}` } });
        y += 1;
        section.panels.forEach((panel, index) => {
            const column = index % PANELS_PER_ROW;
            if (index > 0 && column === 0) y += PANEL_HEIGHT;
            widgets.push({
                type: "metric",
                x: column * width,
                y,
                width,
                height: PANEL_HEIGHT,
                properties: {
                    title: panel.title,
                    region: panel.region ?? input.region,
                    view: "timeSeries",
                    stacked: false,
                    period: 60,
                    stat: panel.stat ?? "Average",
                    metrics: panel.metrics,
                    ...(panel.lines?.length ? { annotations: { horizontal: panel.lines } } : {}),
                },
            });
        });
        y += PANEL_HEIGHT;
    }
    return { widgets };
}
