// The idea-management document's three Grafana dashboards (system health, API performance,
// database performance) as Grafana dashboard JSON, a pure function of the metrics spec.
//
// Amazon Managed Grafana has no dashboard resource in @pulumi/aws and its API takes a workspace
// token the program would have to mint and keep: the dashboards are published instead as SSM
// parameters (telemetry.ts) that an operator imports once (README, "Metrics and tracing").
// Host and service panels read the managed Prometheus workspace (node_exporter and the
// OpenTelemetry HTTP server metrics); database panels read CloudWatch, because RDS exposes no
// node_exporter and its Enhanced Monitoring and engine metrics live there.

import { DashboardName, MetricsSpec } from "../../tiers/types";

/** A standard SSM parameter holds at most 4 KB: each dashboard stays below it. */
export const DASHBOARD_MAX_BYTES = 4096;

interface Panel {
    title: string;
    unit: string;
    /** PromQL (Prometheus panels) or a CloudWatch metric of AWS/RDS. */
    queries: string[];
    cloudwatch?: { metricName: string; statistic: string };
}

const PANELS: Record<DashboardName, { title: string; panels: Panel[] }> = {
    "system-health": {
        title: "System health",
        panels: [
            { title: "Hosts up", unit: "short", queries: ['sum by (job) (up{job="node"})'] },
            { title: "CPU used", unit: "percent", queries: ['100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval])))'] },
            { title: "Memory used", unit: "percent", queries: ["100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)"] },
            { title: "Root disk used", unit: "percent", queries: ['100 * (1 - node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"})'] },
            { title: "Network", unit: "Bps", queries: ['sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[$__rate_interval]))', 'sum by (instance) (rate(node_network_transmit_bytes_total{device!="lo"}[$__rate_interval]))'] },
            { title: "Load (1 min)", unit: "short", queries: ["node_load1"] },
        ],
    },
    "api-performance": {
        title: "API performance",
        panels: [
            { title: "Requests", unit: "reqps", queries: ["sum by (service) (rate(http_server_request_duration_seconds_count[$__rate_interval]))"] },
            { title: "Latency p95", unit: "s", queries: ["histogram_quantile(0.95, sum by (le, service) (rate(http_server_request_duration_seconds_bucket[$__rate_interval])))"] },
            { title: "Latency p50", unit: "s", queries: ["histogram_quantile(0.5, sum by (le, service) (rate(http_server_request_duration_seconds_bucket[$__rate_interval])))"] },
            {
                title: "5xx share",
                unit: "percentunit",
                queries: ['sum by (service) (rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[$__rate_interval])) / sum by (service) (rate(http_server_request_duration_seconds_count[$__rate_interval]))'],
            },
            { title: "Service targets up", unit: "short", queries: ['sum by (job) (up{job!="node"})'] },
        ],
    },
    "database-performance": {
        title: "Database performance",
        panels: [
            { title: "CPU", unit: "percent", queries: [], cloudwatch: { metricName: "CPUUtilization", statistic: "Average" } },
            { title: "Connections", unit: "short", queries: [], cloudwatch: { metricName: "DatabaseConnections", statistic: "Maximum" } },
            { title: "Read latency", unit: "s", queries: [], cloudwatch: { metricName: "ReadLatency", statistic: "Average" } },
            { title: "Write latency", unit: "s", queries: [], cloudwatch: { metricName: "WriteLatency", statistic: "Average" } },
            { title: "Freeable memory", unit: "bytes", queries: [], cloudwatch: { metricName: "FreeableMemory", statistic: "Minimum" } },
            { title: "Replica lag", unit: "s", queries: [], cloudwatch: { metricName: "ReplicaLag", statistic: "Maximum" } },
        ],
    },
};

const PROMETHEUS = { type: "prometheus", uid: "${prometheus}" };
const CLOUDWATCH = { type: "cloudwatch", uid: "${cloudwatch}" };

function panelJson(panel: Panel, index: number, region: string): Record<string, unknown> {
    const targets = panel.cloudwatch
        ? [{ refId: "A", datasource: CLOUDWATCH, region, namespace: "AWS/RDS", metricName: panel.cloudwatch.metricName, statistic: panel.cloudwatch.statistic, dimensions: { DBInstanceIdentifier: "*" }, matchExact: false }]
        : panel.queries.map((expr, q) => ({ refId: String.fromCharCode(65 + q), datasource: PROMETHEUS, expr }));
    return {
        id: index + 1,
        type: "timeseries",
        title: panel.title,
        datasource: panel.cloudwatch ? CLOUDWATCH : PROMETHEUS,
        gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        targets,
    };
}

/** One dashboard: refreshed at the scrape interval, the two data sources as variables. */
export function grafanaDashboard(name: DashboardName, metrics: Pick<MetricsSpec, "scrapeIntervalSeconds">, platformName: string, region: string): string {
    const definition = PANELS[name];
    return JSON.stringify({
        uid: `${platformName}-${name}`.slice(0, 40),
        title: `${platformName}: ${definition.title}`,
        tags: [platformName, name],
        schemaVersion: 39,
        refresh: `${metrics.scrapeIntervalSeconds}s`,
        time: { from: "now-6h", to: "now" },
        templating: {
            list: [
                { name: "prometheus", type: "datasource", query: "prometheus" },
                { name: "cloudwatch", type: "datasource", query: "cloudwatch" },
            ],
        },
        panels: definition.panels.map((panel, index) => panelJson(panel, index, region)),
    });
}

/** Every dashboard the spec names, by name. */
export function grafanaDashboards(metrics: Pick<MetricsSpec, "scrapeIntervalSeconds" | "dashboards">, platformName: string, region: string): Record<string, string> {
    return Object.fromEntries(metrics.dashboards.map((name) => [name, grafanaDashboard(name, metrics, platformName, region)]));
}
