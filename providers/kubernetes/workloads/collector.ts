// The OpenTelemetry collector every cluster runs for the services' traces (and, where the cloud
// wants it, their metrics): the upstream chart, one Deployment behind a Service at a fixed
// address, so OTEL_EXPORTER_OTLP_ENDPOINT is the same on every cluster. Each cloud passes its
// exporters and pipelines (X-Ray, Cloud Trace, Application Insights, Jaeger) and the identity
// annotations its service account needs; the receivers are the same everywhere.

import * as k8s from "@pulumi/kubernetes";
import { AdapterContext } from "../../adapter";
import { deepMerge } from "../../overrides";
import { TracingSpec } from "../../../tiers/types";
import { childName } from "../common";
import { AddonChart, AddonOptions, AddonValues } from "./addons";
import { k8sOpts } from "./common";
import { EgressRule } from "./types";

export const COLLECTOR_CHART = {
    chart: "opentelemetry-collector",
    version: "0.140.0",
    repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
    namespace: "otel-collector",
} as const satisfies AddonChart;

/** The Service the chart creates (fullnameOverride). */
export const COLLECTOR_NAME = "otel-collector";

/** OTLP over HTTP to the cluster's collector: the contract's OTEL_EXPORTER_OTLP_ENDPOINT on any cluster. */
export function clusterCollectorEndpoint(tracing: Pick<TracingSpec, "otlpHttpPort">): string {
    return `http://${COLLECTOR_NAME}.${COLLECTOR_CHART.namespace}.svc:${tracing.otlpHttpPort}`;
}

/** The app pods' way out to the collector (the app namespace denies everything else). */
export function collectorEgress(tracing: Pick<TracingSpec, "otlpHttpPort" | "otlpGrpcPort">): EgressRule {
    return {
        purpose: "telemetry",
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": COLLECTOR_CHART.namespace } } }],
        ports: [{ port: tracing.otlpHttpPort }, { port: tracing.otlpGrpcPort }],
    };
}

/** A collector pipeline set: the cloud's exporters and which of them each signal uses. */
export interface CollectorPipelines {
    exporters: Record<string, unknown>;
    extensions?: Record<string, unknown>;
    processors?: Record<string, unknown>;
    /** e.g. { traces: { exporters: ["awsxray"] } }; receivers and the batch processor are added. */
    pipelines: Record<string, { exporters: string[]; processors?: string[]; receivers?: string[] }>;
}

/** The chart's values: OTLP receivers on both ports, memory limiter and batching, hardened pods. */
export function collectorValues(tracing: TracingSpec, replicas: number, setup: CollectorPipelines, serviceAccountAnnotations: Record<string, string> = {}): AddonValues {
    const processors = { memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 }, batch: {}, ...(setup.processors ?? {}) };
    return {
        mode: "deployment",
        fullnameOverride: COLLECTOR_NAME,
        image: { repository: "otel/opentelemetry-collector-contrib" },
        replicaCount: replicas,
        podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        serviceAccount: { create: true, annotations: serviceAccountAnnotations },
        securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        ports: {
            "otlp-http": { enabled: true, containerPort: tracing.otlpHttpPort, servicePort: tracing.otlpHttpPort, protocol: "TCP" },
            otlp: { enabled: true, containerPort: tracing.otlpGrpcPort, servicePort: tracing.otlpGrpcPort, protocol: "TCP" },
            jaeger: { enabled: false },
            "jaeger-compact": { enabled: false },
            "jaeger-thrift": { enabled: false },
            "jaeger-grpc": { enabled: false },
            zipkin: { enabled: false },
        },
        config: {
            receivers: { otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${tracing.otlpGrpcPort}` }, http: { endpoint: `0.0.0.0:${tracing.otlpHttpPort}` } } } },
            processors,
            exporters: setup.exporters,
            ...(setup.extensions ? { extensions: setup.extensions } : {}),
            service: {
                ...(setup.extensions ? { extensions: ["health_check", ...Object.keys(setup.extensions)] } : {}),
                pipelines: Object.fromEntries(
                    Object.entries(setup.pipelines).map(([signal, pipeline]) => [
                        signal,
                        { receivers: pipeline.receivers ?? ["otlp"], processors: pipeline.processors ?? ["memory_limiter", "batch"], exporters: pipeline.exporters },
                    ]),
                ),
            },
        },
    };
}

export function installCollector(ctx: AdapterContext, provider: k8s.Provider, values: AddonValues, extra?: AddonValues, opts?: AddonOptions): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        childName(ctx, "otel-collector"),
        {
            name: COLLECTOR_CHART.chart,
            chart: COLLECTOR_CHART.chart,
            version: COLLECTOR_CHART.version,
            repositoryOpts: { repo: COLLECTOR_CHART.repo },
            namespace: COLLECTOR_CHART.namespace,
            createNamespace: true,
            values: extra ? deepMerge(values, extra) : values,
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 5,
            timeout: 600,
        },
        k8sOpts(ctx, provider, opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}),
    );
}
