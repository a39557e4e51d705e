// The idea-management document's three Grafana dashboards (system health, API performance,
// database performance) as Grafana JSON, a pure function of the metrics spec. Managed Grafana
// keeps dashboards in its own data plane, which ARM does not reach (azure-native's
// dashboard.Dashboard is the separate Azure Monitor dashboards preview), so they are imported
// once after `pulumi up`: `npx tsx tools/grafanaDashboards.ts <dir>` writes the files and
// `az grafana dashboard import` loads each (README, "Metrics and tracing").
//
// Host and application panels query managed Prometheus (node_exporter and the services'
// /metrics, labelled platform_service by the collector); the database is a managed flexible
// server with no host to run node_exporter on, so its panels read Azure Monitor's platform
// metrics of the server through Grafana's Azure Monitor data source.

import { DashboardName, MetricsSpec } from "../../tiers/types";

export interface DashboardTargets {
    subscriptionId?: string;
    resourceGroup?: string;
    /** The flexible server's name. */
    databaseServer?: string;
}

type Json = Record<string, unknown>;

const PROMETHEUS = { type: "prometheus", uid: "${prometheus}" };
const AZURE_MONITOR = { type: "grafana-azure-monitor-datasource", uid: "${azure}" };
/** OpenTelemetry's HTTP server duration histogram as Prometheus names it. */
export const HTTP_DURATION = "http_server_request_duration_seconds";

function datasourceVariable(name: string, type: string, label: string): Json {
    return { name, label, type: "datasource", query: type, hide: 0 };
}

function textVariable(name: string, label: string, value = ""): Json {
    return { name, label, type: "textbox", query: value, current: { text: value, value }, hide: 0 };
}

function panel(id: number, title: string, unit: string, targets: Json[], datasource: Json): Json {
    const x = ((id - 1) % 2) * 12;
    const y = Math.floor((id - 1) / 2) * 8;
    return { id, title, type: "timeseries", datasource, gridPos: { x, y, w: 12, h: 8 }, fieldConfig: { defaults: { unit }, overrides: [] }, targets };
}

function promql(expr: string, legend: string): Json {
    return { refId: "A", datasource: PROMETHEUS, expr, legendFormat: legend };
}

function azureMetric(metricName: string, aggregation: string): Json {
    return {
        refId: "A",
        datasource: AZURE_MONITOR,
        queryType: "Azure Monitor",
        azureMonitor: {
            resources: [{ subscription: "$subscription", resourceGroup: "$resourceGroup", metricNamespace: "microsoft.dbforpostgresql/flexibleservers", resourceName: "$server" }],
            metricNamespace: "microsoft.dbforpostgresql/flexibleservers",
            metricName,
            aggregation,
            timeGrain: "auto",
        },
    };
}

function dashboard(uid: string, title: string, variables: Json[], panels: Json[], refreshSeconds: number): Json {
    return {
        uid,
        title,
        tags: ["platform"],
        schemaVersion: 39,
        editable: true,
        time: { from: "now-6h", to: "now" },
        refresh: `${Math.max(refreshSeconds, 15)}s`,
        templating: { list: variables },
        panels,
    };
}

function systemHealth(m: Pick<MetricsSpec, "scrapeIntervalSeconds">): Json {
    const range = "$__rate_interval";
    return dashboard(
        "platform-system-health",
        "System health",
        [datasourceVariable("prometheus", "prometheus", "Managed Prometheus")],
        [
            panel(1, "Targets up", "none", [promql("sum by (job) (up)", "{{job}}")], PROMETHEUS),
            panel(2, "CPU busy", "percent", [promql(`100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${range}])))`, "{{instance}}")], PROMETHEUS),
            panel(3, "Memory used", "percent", [promql("100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)", "{{instance}}")], PROMETHEUS),
            panel(4, "Root disk used", "percent", [promql('100 * (1 - node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"})', "{{instance}}")], PROMETHEUS),
            panel(5, "Network received", "Bps", [promql(`sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[${range}]))`, "{{instance}}")], PROMETHEUS),
            panel(6, "Load (1 min)", "short", [promql("node_load1", "{{instance}}")], PROMETHEUS),
        ],
        m.scrapeIntervalSeconds,
    );
}

function apiPerformance(m: Pick<MetricsSpec, "scrapeIntervalSeconds">): Json {
    const range = "$__rate_interval";
    return dashboard(
        "platform-api-performance",
        "API performance",
        [datasourceVariable("prometheus", "prometheus", "Managed Prometheus")],
        [
            panel(1, "Requests per second", "reqps", [promql(`sum by (platform_service) (rate(${HTTP_DURATION}_count[${range}]))`, "{{platform_service}}")], PROMETHEUS),
            panel(2, "Latency p95", "s", [promql(`histogram_quantile(0.95, sum by (le, platform_service) (rate(${HTTP_DURATION}_bucket[${range}])))`, "{{platform_service}}")], PROMETHEUS),
            panel(3, "Latency p50", "s", [promql(`histogram_quantile(0.5, sum by (le, platform_service) (rate(${HTTP_DURATION}_bucket[${range}])))`, "{{platform_service}}")], PROMETHEUS),
            panel(
                4,
                "5xx responses",
                "percentunit",
                [promql(`sum by (platform_service) (rate(${HTTP_DURATION}_count{http_response_status_code=~"5.."}[${range}])) / sum by (platform_service) (rate(${HTTP_DURATION}_count[${range}]))`, "{{platform_service}}")],
                PROMETHEUS,
            ),
        ],
        m.scrapeIntervalSeconds,
    );
}

function databasePerformance(m: Pick<MetricsSpec, "scrapeIntervalSeconds">, targets: DashboardTargets): Json {
    return dashboard(
        "platform-database-performance",
        "Database performance",
        [
            datasourceVariable("azure", "grafana-azure-monitor-datasource", "Azure Monitor"),
            textVariable("subscription", "Subscription id", targets.subscriptionId),
            textVariable("resourceGroup", "Resource group", targets.resourceGroup),
            textVariable("server", "PostgreSQL flexible server", targets.databaseServer),
        ],
        [
            panel(1, "CPU", "percent", [azureMetric("cpu_percent", "Average")], AZURE_MONITOR),
            panel(2, "Memory", "percent", [azureMetric("memory_percent", "Average")], AZURE_MONITOR),
            panel(3, "Active connections", "short", [azureMetric("active_connections", "Maximum")], AZURE_MONITOR),
            panel(4, "Storage used", "percent", [azureMetric("storage_percent", "Maximum")], AZURE_MONITOR),
            panel(5, "Read IOPS", "iops", [azureMetric("read_iops", "Average")], AZURE_MONITOR),
            panel(6, "Write IOPS", "iops", [azureMetric("write_iops", "Average")], AZURE_MONITOR),
        ],
        m.scrapeIntervalSeconds,
    );
}

/** One Grafana dashboard per name the spec lists. */
export function grafanaDashboards(metrics: Pick<MetricsSpec, "dashboards" | "scrapeIntervalSeconds">, targets: DashboardTargets = {}): Partial<Record<DashboardName, Json>> {
    const build: Record<DashboardName, () => Json> = {
        "system-health": () => systemHealth(metrics),
        "api-performance": () => apiPerformance(metrics),
        "database-performance": () => databasePerformance(metrics, targets),
    };
    return Object.fromEntries(metrics.dashboards.map((name) => [name, build[name]()]));
}
