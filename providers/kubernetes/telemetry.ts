// Metrics and tracing on an existing cluster. The metrics are the observability component's
// kube-prometheus-stack (15 s, 15 days, 50 GB, HA in production) with node_exporter on every
// node: its DaemonSet needs the host's network and PID namespaces, so it runs in a namespace of
// its own that alone admits privileged pods. Traces: the shared OpenTelemetry collector
// (workloads/collector.ts) sends them over OTLP to Jaeger (jaeger.ts) in the tracing namespace,
// which admits the collector and nothing else.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { PlatformSpec, TelemetrySpec } from "../../tiers/types";
import { childName, childOpts, dataOpts, labelsFor } from "./common";
import { jaegerConfig, jaegerOtlpEndpoint, jaegerQueryUrl, jaegerStatefulSetSpec, JAEGER_NAME, JAEGER_QUERY_PORT } from "./jaeger";
import { monitoringNamespaceName } from "./names";
import { namespacePeer, podSecurityLabels } from "./network";
import { KubernetesNetworkNative, nativeOf } from "./native";
import { collectorValues, installCollector, COLLECTOR_CHART } from "./workloads";

/** Jaeger's volume: 15 days of sampled spans of a platform this size fit with room to spare. */
export const JAEGER_STORAGE_GI = 20;

export function tracingNamespaceName(platformName: string): string {
    return `${platformName}-tracing`;
}

/** Where kube-prometheus-stack puts node_exporter (prometheus-node-exporter.namespaceOverride). */
export function nodeExporterNamespaceName(platformName: string): string {
    return `${platformName}-node-exporter`;
}

export interface KubernetesTelemetryNative {
    /** What the monitoring release waits for: node_exporter's namespace. */
    ready: pulumi.Resource[];
}

/**
 * kube-prometheus-stack's Prometheus Service: the release name and the chart's name cut to the
 * chart's fullname length, then `-prometheus` (platform-local-monitoring-kube-pr-prometheus).
 */
const STACK_FULLNAME_MAX = 33;

export function prometheusServiceUrl(platformName: string): string {
    const release = `${platformName}-monitoring`;
    const fullname = `${release}-kube-prometheus-stack`.slice(0, STACK_FULLNAME_MAX).replace(/-+$/, "");
    return `http://${fullname}-prometheus.${monitoringNamespaceName(platformName)}.svc:9090`;
}

export function grafanaServiceUrl(platformName: string): string {
    return `http://${platformName}-monitoring-grafana.${monitoringNamespaceName(platformName)}.svc`;
}

/** The collector's pipelines here: spans to Jaeger over OTLP inside the cluster. */
export function jaegerPipelines(platform: Pick<PlatformSpec, "name" | "telemetry">): Parameters<typeof collectorValues>[2] {
    return {
        // The hop stays inside the cluster, admitted by the tracing namespace's policy alone.
        exporters: { "otlp/jaeger": { endpoint: jaegerOtlpEndpoint(tracingNamespaceName(platform.name), platform.telemetry.tracing), tls: { insecure: true } } },
        pipelines: { traces: { exporters: ["otlp/jaeger"] } },
    };
}

function jaeger(ctx: AdapterContext, spec: TelemetrySpec, provider: k8s.Provider): pulumi.Resource {
    const name = tracingNamespaceName(ctx.platform.name);
    const labels = labelsFor(ctx, "tracing");
    const namespace = new k8s.core.v1.Namespace(childName(ctx, "tracing-namespace"), { metadata: { name, labels: { ...labels, ...podSecurityLabels("restricted") } } }, childOpts(ctx, { provider }));
    const opts = childOpts(ctx, { provider, dependsOn: [namespace] });
    const config = new k8s.core.v1.ConfigMap(
        childName(ctx, "jaeger-config"),
        { metadata: { name: "jaeger-config", namespace: name, labels }, data: { "config.yaml": JSON.stringify(jaegerConfig({ tracing: spec.tracing, retentionDays: spec.metrics.retentionDays }), null, 1) } },
        opts,
    );
    const options = { namespace: name, tracing: spec.tracing, retentionDays: spec.metrics.retentionDays, storageGi: JAEGER_STORAGE_GI, storageClass: ctx.platform.kubernetes?.storageClass, labels };
    const set = new k8s.apps.v1.StatefulSet(
        childName(ctx, "jaeger"),
        { metadata: { name: JAEGER_NAME, namespace: name, labels }, spec: jaegerStatefulSetSpec(options, "jaeger-config") },
        dataOpts(ctx, { provider, dependsOn: [namespace, config] }),
    );
    new k8s.core.v1.Service(
        childName(ctx, "jaeger-service"),
        {
            metadata: { name: JAEGER_NAME, namespace: name, labels },
            spec: {
                type: "ClusterIP",
                selector: { "app.kubernetes.io/name": JAEGER_NAME },
                ports: [
                    { name: "otlp-grpc", port: spec.tracing.otlpGrpcPort, targetPort: "otlp-grpc", protocol: "TCP" },
                    { name: "query", port: JAEGER_QUERY_PORT, targetPort: "query", protocol: "TCP" },
                ],
            },
        },
        opts,
    );
    new k8s.networking.v1.NetworkPolicy(
        childName(ctx, "tracing-default-deny"),
        { metadata: { name: "default-deny", namespace: name, labels }, spec: { podSelector: {}, policyTypes: ["Ingress"] } },
        opts,
    );
    // Jaeger is the namespace's only workload: its requests and limits are the namespace's ceiling.
    new k8s.core.v1.ResourceQuota(
        childName(ctx, "tracing-quota"),
        { metadata: { name: "tracing", namespace: name, labels }, spec: { hard: { "requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi", persistentvolumeclaims: "2", "requests.storage": `${2 * JAEGER_STORAGE_GI}Gi` } } },
        opts,
    );
    new k8s.core.v1.LimitRange(
        childName(ctx, "tracing-limits"),
        { metadata: { name: "tracing", namespace: name, labels }, spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } }] } },
        opts,
    );
    // The collector writes spans; Grafana (monitoring namespace) may read them. Nothing else reaches Jaeger.
    new k8s.networking.v1.NetworkPolicy(
        childName(ctx, "jaeger-ingress"),
        {
            metadata: { name: "jaeger-ingress", namespace: name, labels },
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [
                    { from: [namespacePeer(COLLECTOR_CHART.namespace)], ports: [{ protocol: "TCP", port: spec.tracing.otlpGrpcPort }] },
                    { from: [namespacePeer(monitoringNamespaceName(ctx.platform.name))], ports: [{ protocol: "TCP", port: JAEGER_QUERY_PORT }] },
                ],
            },
        },
        opts,
    );
    return set;
}

export function createTelemetry(ctx: AdapterContext, spec: TelemetrySpec, deps: DataDeps): AdapterResult<TelemetryOutputs> {
    const net = nativeOf<KubernetesNetworkNative>(deps.network);
    const provider = net.provider;
    const ready: pulumi.Resource[] = [];
    if (spec.metrics.enabled) {
        ready.push(
            new k8s.core.v1.Namespace(
                childName(ctx, "node-exporter-namespace"),
                {
                    metadata: {
                        name: nodeExporterNamespaceName(ctx.platform.name),
                        // node_exporter reads the host's network and PID namespaces and its root file system.
                        labels: {
                            ...labelsFor(ctx, "node-exporter"),
                            "pod-security.kubernetes.io/enforce": "privileged",
                            "pod-security.kubernetes.io/enforce-version": "latest",
                            "platform.io/privileged-workload": "node-exporter",
                        },
                    },
                },
                childOpts(ctx, { provider }),
            ),
        );
    }
    if (spec.tracing.enabled) {
        const store = jaeger(ctx, spec, provider);
        ready.push(installCollector(ctx, provider, collectorValues(spec.tracing, spec.metrics.replicas, jaegerPipelines(ctx.platform)), undefined, { dependsOn: [store] }));
    }
    const native: KubernetesTelemetryNative = { ready };
    return {
        outputs: {
            metricsEndpoint: pulumi.output(spec.metrics.enabled ? prometheusServiceUrl(ctx.platform.name) : ""),
            grafanaUrl: pulumi.output(spec.metrics.enabled ? grafanaServiceUrl(ctx.platform.name) : ""),
            tracesDestination: pulumi.output(spec.tracing.enabled ? jaegerQueryUrl(tracingNamespaceName(ctx.platform.name)) : ""),
        },
        native,
    };
}
