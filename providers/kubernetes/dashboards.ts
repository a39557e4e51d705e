// The idea-management document's dashboards (System Health: CPU, memory, disk; API Performance:
// requests, latency, errors; Database Performance: queries, connections) as Grafana dashboard
// JSON, pure functions of the namespaces. Grafana's sidecar loads every ConfigMap labelled
// grafana_dashboard=1 in the monitoring namespace.

import { RuleScope } from "./alertRules";

interface Panel {
    title: string;
    unit: string;
    exprs: { expr: string; legend: string }[];
}

/** kube-prometheus-stack's Prometheus data source. */
const DATASOURCE = { type: "prometheus", uid: "prometheus" };

function dashboard(uid: string, title: string, panels: Panel[]): Record<string, unknown> {
    return {
        uid,
        title,
        tags: ["platform"],
        timezone: "utc",
        schemaVersion: 39,
        refresh: "30s",
        time: { from: "now-6h", to: "now" },
        panels: panels.map((panel, index) => ({
            id: index + 1,
            type: "timeseries",
            title: panel.title,
            datasource: DATASOURCE,
            gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
            fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
            targets: panel.exprs.map((target, ref) => ({ datasource: DATASOURCE, expr: target.expr, legendFormat: target.legend, refId: String.fromCharCode(65 + ref) })),
        })),
    };
}

/** Dashboard name -> its JSON, in the document's order. */
export function dashboards(platformName: string, scope: RuleScope): Record<string, Record<string, unknown>> {
    const app = `namespace="${scope.appNamespace}"`;
    const data = `namespace="${scope.dataNamespace}"`;
    const ingress = `exported_namespace="${scope.appNamespace}"`;
    return {
        "system-health": dashboard(`${platformName}-system`.slice(0, 40), `${platformName}: System Health`, [
            { title: "CPU (cores)", unit: "short", exprs: [{ expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${app}, container!=""}[5m]))`, legend: "{{pod}}" }] },
            { title: "Memory (working set)", unit: "bytes", exprs: [{ expr: `sum by (pod) (container_memory_working_set_bytes{${app}, container!=""})`, legend: "{{pod}}" }] },
            {
                title: "Disk: volumes used",
                unit: "percentunit",
                exprs: [{ expr: `1 - kubelet_volume_stats_available_bytes{${data}} / kubelet_volume_stats_capacity_bytes{${data}}`, legend: "{{persistentvolumeclaim}}" }],
            },
            { title: "Pods not ready", unit: "short", exprs: [{ expr: `sum by (namespace) (kube_pod_status_ready{namespace=~"${scope.appNamespace}|${scope.dataNamespace}", condition="false"})`, legend: "{{namespace}}" }] },
        ]),
        "api-performance": dashboard(`${platformName}-api`.slice(0, 40), `${platformName}: API Performance`, [
            { title: "Requests per second", unit: "reqps", exprs: [{ expr: `sum by (service) (rate(nginx_ingress_controller_requests{${ingress}}[5m]))`, legend: "{{service}}" }] },
            {
                title: "Latency",
                unit: "s",
                exprs: [
                    { expr: `histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{${ingress}}[5m])))`, legend: "p95" },
                    { expr: `histogram_quantile(0.50, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{${ingress}}[5m])))`, legend: "p50" },
                ],
            },
            {
                title: "Errors (5xx share)",
                unit: "percentunit",
                exprs: [{ expr: `sum(rate(nginx_ingress_controller_requests{${ingress}, status=~"5.."}[5m])) / sum(rate(nginx_ingress_controller_requests{${ingress}}[5m]))`, legend: "5xx" }],
            },
            { title: "Replicas", unit: "short", exprs: [{ expr: `sum by (deployment) (kube_deployment_status_replicas_available{${app}})`, legend: "{{deployment}}" }] },
        ]),
        "database-performance": dashboard(`${platformName}-database`.slice(0, 40), `${platformName}: Database Performance`, [
            { title: "Transactions per second", unit: "ops", exprs: [{ expr: `sum by (datname) (rate(cnpg_pg_stat_database_xact_commit{${data}}[5m]) + rate(cnpg_pg_stat_database_xact_rollback{${data}}[5m]))`, legend: "{{datname}}" }] },
            {
                title: "Connections",
                unit: "short",
                exprs: [
                    { expr: `sum by (pod) (cnpg_backends_total{${data}})`, legend: "{{pod}}" },
                    { expr: `max(cnpg_pg_settings_setting{${data}, name="max_connections"})`, legend: "max_connections" },
                ],
            },
            { title: "Replication lag", unit: "s", exprs: [{ expr: `max by (pod) (cnpg_pg_replication_lag{${data}})`, legend: "{{pod}}" }] },
            { title: "Redis memory used", unit: "percentunit", exprs: [{ expr: `redis_memory_used_bytes{${data}} / (redis_memory_max_bytes{${data}} > 0)`, legend: "{{pod}}" }] },
        ]),
    };
}
