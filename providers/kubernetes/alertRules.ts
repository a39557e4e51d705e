// The alert rules of an existing cluster as one PrometheusRule (monitoring.coreos.com/v1), a
// pure function of the thresholds (spec.alarms: the documents' CPU > 70 % and memory > 80 % for
// 5 minutes, 5xx > 1 %, p95 > 500 ms, database connections > 90 % for 2 minutes, Redis memory
// > 85 % for 5 minutes) plus what a cluster adds: pods not ready, volumes filling, backups failing.

import { AlarmThresholds } from "../../tiers/types";

export interface RuleScope {
    appNamespace: string;
    dataNamespace: string;
    monitoringNamespace: string;
}

export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

const ratio = (percent: number) => String(percent / 100);

/** Minutes a condition must hold before the alert fires, as Prometheus writes a duration. */
const minutes = (value: number) => `${value}m`;

export function alertRules(alarms: AlarmThresholds, scope: RuleScope): AlertRule[] {
    const app = `namespace="${scope.appNamespace}"`;
    const data = `namespace="${scope.dataNamespace}"`;
    const ingress = `exported_namespace="${scope.appNamespace}"`;
    const ours = `namespace=~"${scope.appNamespace}|${scope.dataNamespace}|${scope.monitoringNamespace}"`;
    const rule = (alert: string, expr: string, holdMinutes: number, severity: "warning" | "critical", summary: string): AlertRule => ({
        alert,
        expr,
        for: minutes(holdMinutes),
        labels: { severity },
        annotations: { summary },
    });
    return [
        rule(
            "ServiceCpuHigh",
            // Of the requests, as the HorizontalPodAutoscalers measure it.
            `sum by (pod) (rate(container_cpu_usage_seconds_total{${app}, container!=""}[5m])) / sum by (pod) (kube_pod_container_resource_requests{${app}, resource="cpu"}) > ${ratio(alarms.cpuPercent)}`,
            alarms.cpuMinutes,
            "warning",
            `{{ $labels.pod }} uses more than ${alarms.cpuPercent} % of its CPU request`,
        ),
        rule(
            "ServiceMemoryHigh",
            // Of the limits: the kernel kills the container there.
            `sum by (pod) (container_memory_working_set_bytes{${app}, container!=""}) / sum by (pod) (kube_pod_container_resource_limits{${app}, resource="memory"}) > ${ratio(alarms.memoryPercent)}`,
            alarms.memoryMinutes,
            "warning",
            `{{ $labels.pod }} uses more than ${alarms.memoryPercent} % of its memory limit`,
        ),
        rule(
            "ServiceErrorRateHigh",
            `sum(rate(nginx_ingress_controller_requests{${ingress}, status=~"5.."}[5m])) / sum(rate(nginx_ingress_controller_requests{${ingress}}[5m])) > ${ratio(alarms.errorRatePercent)}`,
            alarms.errorRateMinutes,
            "critical",
            `More than ${alarms.errorRatePercent} % of requests answer 5xx`,
        ),
        rule(
            "ServiceLatencyHigh",
            `histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{${ingress}}[5m]))) > ${alarms.responseTimeP95Ms / 1000}`,
            alarms.errorRateMinutes,
            "warning",
            `The 95th percentile response time exceeds ${alarms.responseTimeP95Ms} ms`,
        ),
        rule(
            "DatabaseConnectionsHigh",
            `sum by (cluster) (cnpg_backends_total{${data}}) / max by (cluster) (cnpg_pg_settings_setting{${data}, name="max_connections"}) > ${ratio(alarms.dbConnectionsPercent)}`,
            alarms.dbConnectionsMinutes,
            "critical",
            `PostgreSQL uses more than ${alarms.dbConnectionsPercent} % of max_connections`,
        ),
        rule(
            "CacheMemoryHigh",
            `max by (pod) (redis_memory_used_bytes{${data}} / (redis_memory_max_bytes{${data}} > 0)) > ${ratio(alarms.cacheMemoryPercent)}`,
            alarms.cacheMemoryMinutes,
            "critical",
            `Redis uses more than ${alarms.cacheMemoryPercent} % of its maxmemory`,
        ),
        rule("PodNotReady", `sum by (namespace, pod) (kube_pod_status_ready{${ours}, condition="false"}) > 0`, 5, "warning", "{{ $labels.namespace }}/{{ $labels.pod }} has not been ready for 5 minutes"),
        rule(
            "VolumeFilling",
            `kubelet_volume_stats_available_bytes{${ours}} / kubelet_volume_stats_capacity_bytes{${ours}} < 0.15`,
            5,
            "warning",
            "{{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has less than 15 % free",
        ),
        rule(
            "DatabaseBackupFailing",
            // The last attempt failed, or no backup succeeded for a day and a half (daily schedule plus margin).
            `(cnpg_collector_last_failed_backup_timestamp{${data}} > cnpg_collector_last_available_backup_timestamp{${data}}) or (time() - cnpg_collector_last_available_backup_timestamp{${data}} > 129600)`,
            5,
            "critical",
            "The database's backups to the object store are failing",
        ),
    ];
}

export function prometheusRuleManifest(name: string, namespace: string, labels: Record<string, string>, rules: AlertRule[]): { apiVersion: string; kind: string; metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: { groups: { name: string; rules: AlertRule[] }[] } } {
    return { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name, namespace, labels }, spec: { groups: [{ name: "platform", rules }] } };
}
