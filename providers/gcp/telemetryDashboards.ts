// The idea-management document's three dashboards (system health, API performance, database
// performance) as Cloud Monitoring dashboards whose every chart is a PromQL query: GCP has no
// managed Grafana, and Cloud Monitoring answers PromQL over Managed Service for Prometheus
// (the node_exporter and /metrics series the collectors ingest) and over its own metrics (load
// balancer, Cloud SQL, Memorystore, GKE) alike. Pure functions of fixed names, so the layout is
// tested without Pulumi and the dashboards exist before the fleet does.

import { DashboardName } from "../../tiers/types";

export interface TelemetryDashboardInput {
    /** The platform's name: every series the collectors ingest carries it as the `platform` label. */
    platform: string;
    project: string;
    labels: Record<string, string>;
    /** runtime kubernetes: the GKE cluster and the app namespace; absent: Compute Engine instances. */
    cluster?: { name: string; namespace: string };
    /** The URL map's name as a regular expression (the provider or GKE names it). */
    urlMapPattern: string;
    /** The Cloud SQL primary; its read replicas are named `<primary>-replica-N`. */
    sqlInstance: string;
    /** Memorystore instance or cluster id. */
    cacheId: string;
    cacheClusterMode: boolean;
    /** Share of new traces kept, shown beside the latency charts. */
    traceSampleRatio?: number;
}

interface Chart {
    title: string;
    promql: string[];
    unit?: string;
}

export interface TelemetryDashboard {
    displayName: string;
    labels: Record<string, string>;
    mosaicLayout: { columns: number; tiles: { xPos: number; yPos: number; width: number; height: number; widget: Record<string, unknown> }[] };
}

const COLUMNS = 48;
const HEIGHT = 16;
/** The range every rate() looks back over: four 15 s scrapes at least, so one missed scrape leaves no gap. */
const WINDOW = "5m";

function selector(terms: Record<string, string>, regex: Record<string, string> = {}): string {
    return `{${[...Object.entries(terms).map(([k, v]) => `${k}="${v}"`), ...Object.entries(regex).map(([k, v]) => `${k}=~"${v}"`)].join(",")}}`;
}

function systemHealth(input: TelemetryDashboardInput): Chart[] {
    const sql = selector({ monitored_resource: "cloudsql_database" }, { database_id: databaseIds(input) });
    const database: Chart[] = [
        // Cloud SQL runs no node_exporter: its own host metrics are the database hosts' node metrics.
        { title: "Database hosts: CPU (fraction)", promql: [`max by (database_id) (cloudsql_googleapis_com:database_cpu_utilization${sql})`] },
        { title: "Database hosts: memory (fraction)", promql: [`max by (database_id) (cloudsql_googleapis_com:database_memory_utilization${sql})`] },
        { title: "Database hosts: disk (fraction)", promql: [`max by (database_id) (cloudsql_googleapis_com:database_disk_utilization${sql})`] },
    ];
    if (input.cluster) {
        const containers = selector({ monitored_resource: "k8s_container", cluster_name: input.cluster.name, namespace_name: input.cluster.namespace });
        const nodes = selector({ monitored_resource: "k8s_node", cluster_name: input.cluster.name });
        return [
            { title: "Pods: CPU of their limit (fraction)", promql: [`avg by (container_name) (kubernetes_io:container_cpu_limit_utilization${containers})`] },
            { title: "Pods: memory of their limit (fraction)", promql: [`avg by (container_name) (kubernetes_io:container_memory_limit_utilization${containers.replace("}", ',memory_type="non-evictable"}')})`] },
            { title: "Nodes: allocatable CPU used (fraction)", promql: [`avg by (node_name) (kubernetes_io:node_cpu_allocatable_utilization${nodes})`] },
            { title: "Nodes: allocatable memory used (fraction)", promql: [`avg by (node_name) (kubernetes_io:node_memory_allocatable_utilization${nodes.replace("}", ',memory_type="non-evictable"}')})`] },
            { title: "Container restarts (per 5 min)", promql: [`sum by (container_name) (increase(kubernetes_io:container_restart_count${containers}[${WINDOW}]))`] },
            ...database,
        ];
    }
    const node = (extra: Record<string, string> = {}) => selector({ platform: input.platform, job: "node", ...extra });
    return [
        { title: "CPU busy (fraction)", promql: [`1 - avg by (service) (rate(node_cpu_seconds_total${node({ mode: "idle" })}[${WINDOW}]))`] },
        { title: "Memory used (fraction)", promql: [`1 - sum by (service) (node_memory_MemAvailable_bytes${node()}) / sum by (service) (node_memory_MemTotal_bytes${node()})`] },
        { title: "Root disk used (fraction)", promql: [`max by (service) (1 - node_filesystem_avail_bytes${node({ mountpoint: "/" })} / node_filesystem_size_bytes${node({ mountpoint: "/" })})`] },
        { title: "Load (1 min) per vCPU", promql: [`max by (service) (node_load1${node()} / on (instance) group_left count by (instance) (node_cpu_seconds_total${node({ mode: "idle" })}))`] },
        { title: "Scrape targets up", promql: [`sum by (service, job) (up${selector({ platform: input.platform })})`] },
        ...database,
    ];
}

function apiPerformance(input: TelemetryDashboardInput): Chart[] {
    const lb = selector({ monitored_resource: "https_lb_rule" }, { url_map_name: input.urlMapPattern });
    const requests = (extra = "") => `sum(rate(loadbalancing_googleapis_com:https_request_count${lb.replace("}", `${extra}}`)}[${WINDOW}]))`;
    const app = input.cluster ? selector({ cluster: input.cluster.name, namespace: input.cluster.namespace }) : selector({ platform: input.platform });
    const latency = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(loadbalancing_googleapis_com:https_total_latencies_bucket${lb}[${WINDOW}])))`;
    const sampled = input.traceSampleRatio !== undefined ? ` (traces in Cloud Trace: ${Math.round(input.traceSampleRatio * 100)}% of new requests)` : "";
    return [
        { title: "Requests per second by response class", promql: [`sum by (response_code_class) (rate(loadbalancing_googleapis_com:https_request_count${lb}[${WINDOW}]))`] },
        { title: `Latency p50 / p95 / p99 (ms)${sampled}`, promql: [latency(0.5), latency(0.95), latency(0.99)] },
        { title: "5xx responses (fraction of requests)", promql: [`${requests(',response_code_class="500"')} / ${requests()}`] },
        // The services' own /metrics: Prometheus client libraries' conventional request counter.
        { title: "Application requests per second (/metrics)", promql: [`sum by (service) (rate(http_requests_total${app}[${WINDOW}]))`] },
    ];
}

function databaseIds(input: TelemetryDashboardInput): string {
    return `${input.project}:${input.sqlInstance}(-replica-[0-9]+)?`;
}

function databasePerformance(input: TelemetryDashboardInput): Chart[] {
    const sql = selector({ monitored_resource: "cloudsql_database" }, { database_id: databaseIds(input) });
    const cache = input.cacheClusterMode
        ? `max(redis_googleapis_com:cluster_memory_maximum_utilization${selector({ monitored_resource: "redis.googleapis.com/Cluster", cluster_id: input.cacheId })})`
        : `max(redis_googleapis_com:stats_memory_usage_ratio${selector({ monitored_resource: "redis_instance" }, { instance_id: `.*/instances/${input.cacheId}` })})`;
    return [
        { title: "Transactions per second", promql: [`sum by (database_id) (rate(cloudsql_googleapis_com:database_postgresql_transaction_count${sql}[${WINDOW}]))`] },
        { title: "Connections", promql: [`sum by (database_id) (cloudsql_googleapis_com:database_postgresql_num_backends${sql})`] },
        { title: "Rows read and written per second", promql: [`sum by (operation_type) (rate(cloudsql_googleapis_com:database_postgresql_tuples_processed_count${sql}[${WINDOW}]))`] },
        { title: "Replication lag (s)", promql: [`max by (database_id) (cloudsql_googleapis_com:database_replication_replica_lag${sql})`] },
        { title: "Redis memory used (fraction)", promql: [cache] },
    ];
}

const SECTIONS: Record<DashboardName, { title: string; charts: (input: TelemetryDashboardInput) => Chart[] }> = {
    "system-health": { title: "System health", charts: systemHealth },
    "api-performance": { title: "API performance", charts: apiPerformance },
    "database-performance": { title: "Database performance", charts: databasePerformance },
};

/** `<platform>-<dashboard>`: the name the document gives it, per stack. */
export function telemetryDashboardTitle(platform: string, name: DashboardName): string {
    return `${platform}-${name}`;
}

/** One dashboard: its charts two to a row, each a PromQL query. */
export function buildTelemetryDashboard(input: TelemetryDashboardInput, name: DashboardName): TelemetryDashboard {
    const charts = SECTIONS[name].charts(input);
    const width = COLUMNS / 2;
    return {
        displayName: telemetryDashboardTitle(input.platform, name),
        labels: { ...input.labels, dashboard: name },
        mosaicLayout: {
            columns: COLUMNS,
            tiles: charts.map((chart, index) => ({
                xPos: (index % 2) * width,
                yPos: Math.floor(index / 2) * HEIGHT,
                width,
                height: HEIGHT,
                widget: {
                    title: chart.title,
                    xyChart: {
                        dataSets: chart.promql.map((query) => ({ timeSeriesQuery: { prometheusQuery: query }, plotType: "LINE" })),
                        yAxis: { scale: "LINEAR" },
                    },
                },
            })),
        },
    };
}

/** Every PromQL query of a dashboard, for tests and the policy pack. */
export function dashboardQueries(dashboard: TelemetryDashboard): string[] {
    return dashboard.mosaicLayout.tiles.flatMap((tile) => ((tile.widget.xyChart as { dataSets: { timeSeriesQuery: { prometheusQuery: string } }[] }).dataSets ?? []).map((set) => set.timeSeriesQuery.prometheusQuery));
}
