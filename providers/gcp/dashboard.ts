// The Cloud Monitoring dashboard as a pure function of plain, already-resolved names, so the
// layout is tested without Pulumi. Sections follow the dashboards the seeds ask for: system
// health, API performance, database, cache, queues (and the public endpoint's uptime check).

import { AlarmThresholds } from "../../tiers/types";

export interface DashboardFleet {
    service: string;
    groupName: string;
    /** Worker subscription whose backlog drives the fleet's scaling. */
    subscriptionName?: string;
}

export interface DashboardInput {
    title: string;
    labels: Record<string, string>;
    thresholds: AlarmThresholds;
    fleets: DashboardFleet[];
    urlMapName?: string;
    /** runtime kubernetes: the services are containers of this cluster and namespace; GKE names the URL map, matched by this pattern. */
    cluster?: { name: string; namespace: string; urlMapPattern?: string };
    database: {
        project: string;
        /** Primary first, then the read replicas. */
        instances: string[];
        connectionsAlertAt: number;
        cpuAlertPercent: number;
        diskAlertPercent: number;
    };
    cache: { clusterMode: boolean; name: string; instanceId: string };
    queueScaleOutDepth: number;
    uptimeCheckId?: string;
}

interface Series {
    filter?: string;
    aligner?: string;
    reducer?: string;
    groupBy?: string[];
    /** PromQL instead of a filter, for ratios. */
    promql?: string;
    legend?: string;
}

interface Panel {
    title: string;
    series: Series[];
    /** Horizontal lines at the alert thresholds, in the chart's units, so the graph shows how close we are. */
    lines?: { label: string; value: number }[];
    unit?: string;
}

interface Section {
    title: string;
    panels: Panel[];
}

interface Tile {
    xPos: number;
    yPos: number;
    width: number;
    height: number;
    widget: Record<string, unknown>;
}

/** Cloud Monitoring's mosaic grid is 48 columns wide. */
const GRID_COLUMNS = 48;
const PANELS_PER_ROW = 3;
const PANEL_HEIGHT = 16;
const HEADER_HEIGHT = 4;
const ALIGNMENT = "60s";

function filter(terms: Record<string, string>): string {
    return Object.entries(terms)
        .map(([key, value]) => `${key}="${value}"`)
        .join(" AND ");
}

/** A service's containers: the Deployment's container carries the service's name. */
export function containerTerms(cluster: { name: string; namespace: string }, service: string): Record<string, string> {
    return { "resource.type": "k8s_container", "resource.label.cluster_name": cluster.name, "resource.label.namespace_name": cluster.namespace, "resource.label.container_name": service };
}

function clusterHealth(input: DashboardInput, cluster: { name: string; namespace: string }): Section {
    const perService = (metric: string, extra: Record<string, string> = {}): Series[] =>
        input.fleets.map((fleet) => ({
            filter: filter({ "metric.type": metric, ...containerTerms(cluster, fleet.service), ...extra }),
            aligner: "ALIGN_MEAN",
            reducer: "REDUCE_MEAN",
            groupBy: ["resource.label.container_name"],
            legend: fleet.service,
        }));
    const nodes = (metric: string): Series[] => [
        { filter: filter({ "metric.type": metric, "resource.type": "k8s_node", "resource.label.cluster_name": cluster.name }), aligner: "ALIGN_MEAN", reducer: "REDUCE_MEAN", groupBy: ["resource.label.cluster_name"], legend: "nodes" },
    ];
    const t = input.thresholds;
    return {
        title: "System health",
        panels: [
            { title: "CPU of the pods' limit (fraction)", series: perService("kubernetes.io/container/cpu/limit_utilization"), lines: [{ label: `alert > ${t.cpuPercent}%`, value: t.cpuPercent / 100 }] },
            {
                title: "Memory of the pods' limit (fraction)",
                series: perService("kubernetes.io/container/memory/limit_utilization", { "metric.label.memory_type": "non-evictable" }),
                lines: [{ label: `alert > ${t.memoryPercent}%`, value: t.memoryPercent / 100 }],
            },
            { title: "Nodes: allocatable CPU used (fraction)", series: nodes("kubernetes.io/node/cpu/allocatable_utilization") },
        ],
    };
}

function systemHealth(input: DashboardInput): Section {
    if (input.cluster) {
        return clusterHealth(input, input.cluster);
    }
    const perFleet = (metric: string, extra: Record<string, string> = {}): Series[] =>
        input.fleets.map((fleet) => ({
            filter: filter({ "metric.type": metric, "resource.type": "gce_instance", "metadata.system_labels.instance_group": fleet.groupName, ...extra }),
            aligner: "ALIGN_MEAN",
            reducer: "REDUCE_MEAN",
            groupBy: ["metadata.system_labels.instance_group"],
            legend: fleet.service,
        }));
    const t = input.thresholds;
    return {
        title: "System health",
        panels: [
            { title: "CPU utilization (fraction)", series: perFleet("compute.googleapis.com/instance/cpu/utilization"), lines: [{ label: `alert > ${t.cpuPercent}%`, value: t.cpuPercent / 100 }] },
            // Ops Agent metrics: the instances run the agent (the fleet's startup script installs it).
            { title: "Memory used (%)", series: perFleet("agent.googleapis.com/memory/percent_used", { "metric.label.state": "used" }), lines: [{ label: `alert > ${t.memoryPercent}%`, value: t.memoryPercent }] },
            { title: "Disk used (%)", series: perFleet("agent.googleapis.com/disk/percent_used", { "metric.label.state": "used" }) },
        ],
    };
}

/** The load balancer's series: its URL map by name, or by pattern where GKE names it. */
export function urlMapMatchers(urlMap: { name: string } | { pattern: string }): { filter: string; promql: string } {
    return "name" in urlMap
        ? { filter: `resource.label.url_map_name="${urlMap.name}"`, promql: `url_map_name="${urlMap.name}"` }
        : { filter: `resource.label.url_map_name=monitoring.regex.full_match("${urlMap.pattern}")`, promql: `url_map_name=~"${urlMap.pattern}"` };
}

function apiPerformance(input: DashboardInput, urlMap: { name: string } | { pattern: string }): Section {
    const match = urlMapMatchers(urlMap);
    const lb = (metric: string) => `${filter({ "metric.type": `loadbalancing.googleapis.com/https/${metric}`, "resource.type": "https_lb_rule" })} AND ${match.filter}`;
    const requests = (extra: string) =>
        `sum(rate(loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",${match.promql}${extra}}[1m]))`;
    const t = input.thresholds;
    return {
        title: "API performance",
        panels: [
            {
                title: "Requests per second by response class",
                series: [{ filter: lb("request_count"), aligner: "ALIGN_RATE", reducer: "REDUCE_SUM", groupBy: ["metric.label.response_code_class"] }],
            },
            {
                title: "Total latency p95 (ms)",
                series: [{ filter: lb("total_latencies"), aligner: "ALIGN_DELTA", reducer: "REDUCE_PERCENTILE_95", groupBy: ["resource.label.url_map_name"], legend: "p95" }],
                lines: [{ label: `alert > ${t.responseTimeP95Ms} ms`, value: t.responseTimeP95Ms }],
            },
            {
                title: "5xx error rate (%)",
                series: [{ promql: `100 * ${requests(',response_code_class="500"')} / ${requests("")}`, legend: "5xx %" }],
                lines: [{ label: `alert > ${t.errorRatePercent}%`, value: t.errorRatePercent }],
            },
        ],
    };
}

function database(input: DashboardInput): Section {
    const db = input.database;
    const perInstance = (metric: string, aligner: string, reducer?: string): Series[] =>
        db.instances.map((instance) => ({
            filter: filter({ "metric.type": `cloudsql.googleapis.com/database/${metric}`, "resource.type": "cloudsql_database", "resource.label.database_id": `${db.project}:${instance}` }),
            aligner,
            ...(reducer ? { reducer, groupBy: ["resource.label.database_id"] } : {}),
            legend: instance,
        }));
    return {
        title: "Database",
        panels: [
            { title: "Connections", series: perInstance("postgresql/num_backends", "ALIGN_MAX", "REDUCE_SUM"), lines: [{ label: "alert", value: db.connectionsAlertAt }] },
            { title: "CPU utilization (fraction)", series: perInstance("cpu/utilization", "ALIGN_MEAN"), lines: [{ label: `alert > ${db.cpuAlertPercent}%`, value: db.cpuAlertPercent / 100 }] },
            { title: "Disk utilization (fraction)", series: perInstance("disk/utilization", "ALIGN_MAX"), lines: [{ label: `alert > ${db.diskAlertPercent}%`, value: db.diskAlertPercent / 100 }] },
        ],
    };
}

function cache(input: DashboardInput): Section {
    const t = input.thresholds;
    const memoryLine = [{ label: `alert > ${t.cacheMemoryPercent}%`, value: t.cacheMemoryPercent / 100 }];
    if (input.cache.clusterMode) {
        const cluster = (metric: string) =>
            filter({ "metric.type": `redis.googleapis.com/cluster/${metric}`, "resource.type": "redis.googleapis.com/Cluster", "resource.label.cluster_id": input.cache.name });
        return {
            title: "Cache",
            panels: [
                { title: "Memory, fullest shard (fraction)", series: [{ filter: cluster("memory/maximum_utilization"), aligner: "ALIGN_MAX" }], lines: memoryLine },
                { title: "CPU, busiest node (fraction)", series: [{ filter: cluster("cpu/maximum_utilization"), aligner: "ALIGN_MAX" }] },
                { title: "Connections", series: [{ filter: cluster("clients/total_connected_clients"), aligner: "ALIGN_MAX" }] },
            ],
        };
    }
    const instance = (metric: string) => filter({ "metric.type": `redis.googleapis.com/${metric}`, "resource.type": "redis_instance", "resource.label.instance_id": input.cache.instanceId });
    return {
        title: "Cache",
        panels: [
            { title: "Memory used (fraction)", series: [{ filter: instance("stats/memory/usage_ratio"), aligner: "ALIGN_MAX" }], lines: memoryLine },
            // Redis is single-threaded: the main thread's CPU seconds, not the host's, are the limit.
            { title: "Main thread CPU (s/s)", series: [{ filter: instance("stats/cpu_utilization_main_thread"), aligner: "ALIGN_RATE", reducer: "REDUCE_SUM", groupBy: ["metric.label.role"] }] },
            { title: "Connections", series: [{ filter: instance("clients/connected"), aligner: "ALIGN_MAX" }] },
        ],
    };
}

function queues(input: DashboardInput, workers: DashboardFleet[]): Section {
    const perWorker = (metric: string): Series[] =>
        workers.map((fleet) => ({
            filter: filter({ "metric.type": `pubsub.googleapis.com/subscription/${metric}`, "resource.type": "pubsub_subscription", "resource.label.subscription_id": fleet.subscriptionName ?? "" }),
            aligner: "ALIGN_MAX",
            legend: fleet.service,
        }));
    return {
        title: "Queues",
        panels: [
            { title: "Tasks waiting", series: perWorker("num_undelivered_messages"), lines: [{ label: `scale out > ${input.queueScaleOutDepth}`, value: input.queueScaleOutDepth }] },
            { title: "Age of oldest task (s)", series: perWorker("oldest_unacked_message_age") },
        ],
    };
}

function endpoint(uptimeCheckId: string): Section {
    return {
        title: "Public endpoint",
        panels: [
            {
                title: "Uptime check: regions passing",
                series: [
                    {
                        filter: filter({ "metric.type": "monitoring.googleapis.com/uptime_check/check_passed", "resource.type": "uptime_url", "metric.label.check_id": uptimeCheckId }),
                        aligner: "ALIGN_FRACTION_TRUE",
                        reducer: "REDUCE_SUM",
                        groupBy: ["metric.label.checker_location"],
                    },
                ],
            },
        ],
    };
}

export function dashboardSections(input: DashboardInput): Section[] {
    const sections = [systemHealth(input)];
    if (input.urlMapName) sections.push(apiPerformance(input, { name: input.urlMapName }));
    else if (input.cluster?.urlMapPattern) sections.push(apiPerformance(input, { pattern: input.cluster.urlMapPattern }));
    sections.push(database(input), cache(input));
    const workers = input.fleets.filter((fleet) => fleet.subscriptionName);
    if (workers.length) sections.push(queues(input, workers));
    if (input.uptimeCheckId) sections.push(endpoint(input.uptimeCheckId));
    return sections;
}

function dataSet(series: Series): Record<string, unknown> {
    const query = series.promql
        ? { prometheusQuery: series.promql }
        : {
              timeSeriesFilter: {
                  filter: series.filter,
                  aggregation: {
                      alignmentPeriod: ALIGNMENT,
                      perSeriesAligner: series.aligner,
                      ...(series.reducer ? { crossSeriesReducer: series.reducer, groupByFields: series.groupBy ?? [] } : {}),
                  },
              },
          };
    return { timeSeriesQuery: query, plotType: "LINE", ...(series.legend ? { legendTemplate: series.legend } : {}) };
}

/** The `dashboardJson` object: a header per section, then its panels three to a row. */
export function buildDashboard(input: DashboardInput): { displayName: string; labels: Record<string, string>; mosaicLayout: { columns: number; tiles: Tile[] } } {
    const tiles: Tile[] = [];
    const width = GRID_COLUMNS / PANELS_PER_ROW;
    let y = 0;
    for (const section of dashboardSections(input)) {
        tiles.push({ xPos: 0, yPos: y, width: GRID_COLUMNS, height: HEADER_HEIGHT, widget: { title: section.title, text: { content: `## ${section.title}`, format: "MARKDOWN" } } });
        y += HEADER_HEIGHT;
        section.panels.forEach((panel, index) => {
            const column = index % PANELS_PER_ROW;
            if (index > 0 && column === 0) y += PANEL_HEIGHT;
            tiles.push({
                xPos: column * width,
                yPos: y,
                width,
                height: PANEL_HEIGHT,
                widget: {
                    title: panel.title,
                    xyChart: {
                        dataSets: panel.series.map(dataSet),
                        ...(panel.lines?.length ? { thresholds: panel.lines.map((line) => ({ label: line.label, value: line.value, targetAxis: "Y1" })) } : {}),
                        yAxis: { scale: "LINEAR" },
                    },
                },
            });
        });
        y += PANEL_HEIGHT;
    }
    return { displayName: input.title, labels: input.labels, mosaicLayout: { columns: GRID_COLUMNS, tiles } };
}
