// Observability on an existing cluster: kube-prometheus-stack (Prometheus, Alertmanager,
// Grafana, kube-state-metrics) with the documents' numbers (scrape and evaluation every 15 s,
// 15 days and 50 GB of retention, 2 Prometheus instances for HA in production), the monitors of
// the services, the ingress controller, PostgreSQL and Redis, the alert rules, and the
// dashboards as ConfigMaps Grafana's sidecar loads.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { ObservabilitySpec, PlatformSpec, TelemetrySpec } from "../../tiers/types";
import { alertRules, prometheusRuleManifest, RuleScope } from "./alertRules";
import { childName, childOpts, labelsFor } from "./common";
import { dashboards } from "./dashboards";
import { appNamespaceName, dataNamespaceName, monitoringNamespaceName } from "./names";
import { namespacePeer, podSecurityLabels } from "./network";
import { KubernetesTelemetryNative, nodeExporterNamespaceName } from "./telemetry";
import { KubernetesAppFleetNative, KubernetesCacheNative, KubernetesDatabaseNative, KubernetesNetworkNative, nativeOf, ScrapeTarget } from "./native";

export const KUBE_PROMETHEUS_STACK_CHART = {
    chart: "kube-prometheus-stack",
    version: "80.7.0",
    repo: "https://prometheus-community.github.io/helm-charts",
} as const;

/** The documents' Prometheus: scrape and evaluate every 15 s, keep 15 days on a 50 GB volume. */
export const PROMETHEUS = { scrapeInterval: "15s", evaluationInterval: "15s", retention: "15d", storageGi: 50 } as const;

/**
 * Alert e-mail leaves through an SMTP relay the cluster's operator runs under this Service name
 * in the monitoring namespace (a relay holding the mail provider's credentials and TLS): the
 * stack has no key for SMTP credentials, and none are kept in its state.
 */
export const SMTP_RELAY = { service: "smtp-relay", port: 25 } as const;

export function grafanaSecretName(platformName: string): string {
    return `${platformName}-grafana-admin`;
}

export function ruleScope(platformName: string): RuleScope {
    return { appNamespace: appNamespaceName(platformName), dataNamespace: dataNamespaceName(platformName), monitoringNamespace: monitoringNamespaceName(platformName) };
}

/** The Alertmanager configuration: every alert but the stack's heartbeat to alertEmail. */
export function alertmanagerConfig(platform: Pick<PlatformSpec, "name">, spec: Pick<ObservabilitySpec, "alertEmail">): Record<string, unknown> {
    const monitoring = monitoringNamespaceName(platform.name);
    const email = spec.alertEmail;
    return {
        global: {
            smtp_smarthost: `${SMTP_RELAY.service}.${monitoring}.svc:${SMTP_RELAY.port}`,
            smtp_from: `alertmanager@${platform.name}.local`,
            // The hop to the relay stays inside the cluster; the relay speaks TLS to the provider.
            smtp_require_tls: false,
        },
        route: {
            receiver: email ? "email" : "none",
            group_by: ["alertname", "namespace"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            routes: [{ receiver: "none", matchers: ['alertname = "Watchdog"'] }],
        },
        receivers: [{ name: "none" }, ...(email ? [{ name: "email", email_configs: [{ to: email, send_resolved: true }] }] : [])],
    };
}

/** Values of kube-prometheus-stack: the documents' numbers, HA from production on, nothing privileged. */
export function kubePrometheusStackValues(platform: Pick<PlatformSpec, "name" | "appFleet" | "kubernetes"> & { telemetry?: Pick<TelemetrySpec, "metrics"> }, spec: Pick<ObservabilitySpec, "alertEmail">): Record<string, unknown> {
    const replicas = platform.appFleet.kubernetes.productionMinReplicas;
    const storageClass = platform.kubernetes?.storageClass;
    // The document's node metrics: node_exporter on every node, in the namespace telemetry.ts admits it to.
    const nodes = platform.telemetry?.metrics.enabled === true;
    return {
        crds: { enabled: true },
        // Control-plane components a managed or local cluster does not expose.
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
        nodeExporter: { enabled: nodes },
        ...(nodes
            ? {
                  "prometheus-node-exporter": {
                      namespaceOverride: nodeExporterNamespaceName(platform.name),
                      service: { port: platform.telemetry!.metrics.nodeExporterPort, targetPort: platform.telemetry!.metrics.nodeExporterPort },
                      prometheus: { monitor: { enabled: true, interval: PROMETHEUS.scrapeInterval } },
                  },
              }
            : {}),
        defaultRules: {
            create: true,
            rules: { etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false, node: nodes, nodeExporterAlerting: nodes, nodeExporterRecording: nodes },
        },
        prometheus: {
            prometheusSpec: {
                replicas,
                scrapeInterval: PROMETHEUS.scrapeInterval,
                evaluationInterval: PROMETHEUS.evaluationInterval,
                retention: PROMETHEUS.retention,
                // Oldest blocks go before the volume fills.
                retentionSize: `${Math.floor(PROMETHEUS.storageGi * 0.9)}GB`,
                // Monitors and rules of any release, not only this chart's.
                serviceMonitorSelectorNilUsesHelmValues: false,
                podMonitorSelectorNilUsesHelmValues: false,
                ruleSelectorNilUsesHelmValues: false,
                probeSelectorNilUsesHelmValues: false,
                resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
                storageSpec: {
                    volumeClaimTemplate: {
                        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${PROMETHEUS.storageGi}Gi` } }, ...(storageClass ? { storageClassName: storageClass } : {}) },
                    },
                },
            },
            ...(replicas > 1 ? { podDisruptionBudget: { enabled: true, minAvailable: 1 } } : {}),
        },
        alertmanager: {
            config: alertmanagerConfig(platform, spec),
            alertmanagerSpec: {
                replicas,
                resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                storage: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } }, ...(storageClass ? { storageClassName: storageClass } : {}) } } },
            },
            ...(replicas > 1 ? { podDisruptionBudget: { enabled: true, minAvailable: 1 } } : {}),
        },
        grafana: {
            replicas,
            // Dashboards come from ConfigMaps, so replicas share nothing but the admin Secret.
            persistence: { enabled: false },
            admin: { existingSecret: grafanaSecretName(platform.name), userKey: "admin-user", passwordKey: "admin-password" },
            sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: monitoringNamespaceName(platform.name) } },
            "grafana.ini": { analytics: { reporting_enabled: false, check_for_updates: false }, users: { allow_sign_up: false }, auth: { disable_login_form: false }, security: { cookie_secure: true, disable_gravatar: true } },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        },
        prometheusOperator: { resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } } },
    };
}

type MonitorManifest = { apiVersion: string; kind: string; metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: Record<string, unknown> };

/** The web services' /metrics through their Services (port "http"). */
export function servicesMonitorManifest(platformName: string, labels: Record<string, string>): MonitorManifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "services", namespace: monitoringNamespaceName(platformName), labels },
        spec: {
            namespaceSelector: { matchNames: [appNamespaceName(platformName)] },
            selector: { matchLabels: { "app.kubernetes.io/instance": platformName } },
            endpoints: [{ port: "http", path: "/metrics", interval: PROMETHEUS.scrapeInterval }],
        },
    };
}

/** ingress-nginx's request counts and latencies: the 5xx and p95 alerts read them. */
export function ingressMonitorManifest(platformName: string, labels: Record<string, string>, ingressNamespace: string): MonitorManifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "ingress-nginx", namespace: monitoringNamespaceName(platformName), labels },
        spec: {
            namespaceSelector: { matchNames: [ingressNamespace] },
            selector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
            endpoints: [{ port: "metrics", interval: PROMETHEUS.scrapeInterval }],
        },
    };
}

/** The data services' exporters (CloudNativePG, Redis), as the data components describe them. */
export function podMonitorManifest(platformName: string, name: string, labels: Record<string, string>, target: { namespace: pulumi.Input<string>; podSelector: Record<string, string>; port: string }): MonitorManifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: { name, namespace: monitoringNamespaceName(platformName), labels },
        spec: {
            namespaceSelector: { matchNames: [target.namespace] },
            selector: { matchLabels: target.podSelector },
            podMetricsEndpoints: [{ port: target.port, interval: PROMETHEUS.scrapeInterval }],
        },
    };
}

function custom(ctx: AdapterContext, role: string, manifest: { apiVersion: string; kind: string; metadata: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>; spec: pulumi.Input<Record<string, unknown>> }, opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(childName(ctx, role), { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: manifest.metadata, spec: manifest.spec }, opts);
}

export function createObservability(ctx: AdapterContext, spec: ObservabilitySpec, deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    const net = nativeOf<KubernetesNetworkNative>(deps.network);
    const fleet = nativeOf<KubernetesAppFleetNative>(deps.appFleet);
    const database = nativeOf<Partial<KubernetesDatabaseNative>>(deps.database);
    const cache = nativeOf<Partial<KubernetesCacheNative>>(deps.cache);
    const provider = net.provider;
    const platformName = ctx.platform.name;
    const labels = labelsFor(ctx, "monitoring");
    const opts = childOpts(ctx, { provider });

    const namespace = new k8s.core.v1.Namespace(
        childName(ctx, "namespace"),
        { metadata: { name: monitoringNamespaceName(platformName), labels: { ...labels, ...podSecurityLabels("baseline") } } },
        opts,
    );
    const inNamespace = childOpts(ctx, { provider, dependsOn: [namespace] });
    const password = new random.RandomPassword(childName(ctx, "grafana-password"), { length: 32, special: false }, childOpts(ctx));
    const adminSecret = new k8s.core.v1.Secret(
        childName(ctx, "grafana-admin"),
        { metadata: { name: grafanaSecretName(platformName), namespace: namespace.metadata.name, labels }, type: "Opaque", stringData: { "admin-user": "admin", "admin-password": password.result } },
        inNamespace,
    );
    const stack = new k8s.helm.v3.Release(
        childName(ctx, "prometheus"),
        {
            name: `${platformName}-monitoring`,
            chart: KUBE_PROMETHEUS_STACK_CHART.chart,
            version: KUBE_PROMETHEUS_STACK_CHART.version,
            repositoryOpts: { repo: KUBE_PROMETHEUS_STACK_CHART.repo },
            namespace: namespace.metadata.name,
            values: kubePrometheusStackValues(ctx.platform, spec),
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 5,
            timeout: 900,
        },
        childOpts(ctx, { provider, dependsOn: [namespace, adminSecret, ...(deps.telemetry ? nativeOf<KubernetesTelemetryNative>(deps.telemetry).ready : [])] }),
    );
    const afterStack = childOpts(ctx, { provider, dependsOn: [stack] });

    custom(ctx, "services-monitor", servicesMonitorManifest(platformName, labels), afterStack);
    if (fleet.ingressNamespace) {
        custom(ctx, "ingress-monitor", ingressMonitorManifest(platformName, labels, fleet.ingressNamespace), afterStack);
    }
    const scrape = (role: string, target: ScrapeTarget | undefined) => {
        if (target) {
            custom(ctx, role, podMonitorManifest(platformName, role, labels, target), afterStack);
        }
    };
    scrape("database-monitor", database.metrics);
    scrape("cache-monitor", cache.metrics);

    const scope = ruleScope(platformName);
    custom(ctx, "alert-rules", prometheusRuleManifest("platform-alerts", scope.monitoringNamespace, labels, alertRules(spec.alarms, scope)), afterStack);

    // The app namespace denies all ingress by default: Prometheus may reach the web services' ports.
    const webPorts = [...new Set(ctx.platform.appFleet.services.filter((s) => s.kind === "web" && s.port !== undefined).map((s) => s.port!))];
    if (webPorts.length > 0) {
        new k8s.networking.v1.NetworkPolicy(
            childName(ctx, "scrape-services"),
            {
                metadata: { name: "allow-monitoring", namespace: net.appNamespace, labels },
                spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [namespacePeer(scope.monitoringNamespace)], ports: webPorts.map((port) => ({ protocol: "TCP", port })) }] },
            },
            childOpts(ctx, { provider, dependsOn: net.ready }),
        );
    }

    const boards = dashboards(platformName, scope);
    for (const [name, body] of Object.entries(boards)) {
        new k8s.core.v1.ConfigMap(
            childName(ctx, `dashboard-${name}`),
            { metadata: { name: `dashboard-${name}`, namespace: namespace.metadata.name, labels: { ...labels, grafana_dashboard: "1" } }, data: { [`${name}.json`]: JSON.stringify(body) } },
            inNamespace,
        );
    }

    return {
        outputs: {
            alertTarget: pulumi.output(spec.alertEmail ?? ""),
            // No log shipper: the cluster's runtime keeps the containers' logs, read per namespace with kubectl logs.
            logGroups: pulumi.output([scope.appNamespace, scope.dataNamespace]),
            dashboards: pulumi.output(Object.keys(boards)),
        },
        native: {},
    };
}
