// The idea-management document's Jaeger on an existing cluster: Jaeger v2 (one binary built on
// the OpenTelemetry Collector) storing spans in Badger on a persistent volume, fed over OTLP by
// the shared collector, its UI behind a ClusterIP Service. Pure functions of plain values.
//
// One instance on every tier: Badger is an embedded store one process opens, so the document's
// three production instances would be three stores each holding a third of the traces. Three
// instances need a shared store (Elasticsearch/OpenSearch or Cassandra) the platform does not run
// on an existing cluster. Spans survive a Jaeger restart instead: the collector (two replicas in
// production) queues and retries them, and the volume keeps what was written.

import type * as k8s from "@pulumi/kubernetes";
import { TracingSpec } from "../../tiers/types";

export const JAEGER_IMAGE = "jaegertracing/jaeger:2.12.0";
export const JAEGER_NAME = "jaeger";
/** Jaeger's UI and query API. */
export const JAEGER_QUERY_PORT = 16686;
const HEALTH_PORT = 13133;
const DATA_DIR = "/badger";
/** The image's user, which owns the volume through fsGroup. */
const JAEGER_UID = 10001;

export interface JaegerOptions {
    namespace: string;
    tracing: Pick<TracingSpec, "otlpGrpcPort" | "otlpHttpPort">;
    /** Spans older than this are dropped by Badger's TTL. */
    retentionDays: number;
    storageGi: number;
    storageClass?: string;
    labels: Record<string, string>;
}

/** Jaeger v2's configuration: OTLP in, Badger out, the query UI on the same store. */
export function jaegerConfig(options: Pick<JaegerOptions, "tracing" | "retentionDays">): Record<string, unknown> {
    return {
        service: {
            extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
            pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["jaeger_storage_exporter"] } },
        },
        extensions: {
            healthcheckv2: { use_v2: true, http: { endpoint: `0.0.0.0:${HEALTH_PORT}` } },
            jaeger_query: { storage: { traces: "badger_store" }, ui: {} },
            jaeger_storage: {
                backends: {
                    badger_store: {
                        badger: {
                            directories: { keys: `${DATA_DIR}/keys`, values: `${DATA_DIR}/values` },
                            ephemeral: false,
                            ttl: { spans: `${options.retentionDays * 24}h` },
                        },
                    },
                },
            },
        },
        receivers: { otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${options.tracing.otlpGrpcPort}` }, http: { endpoint: `0.0.0.0:${options.tracing.otlpHttpPort}` } } } },
        processors: { batch: {} },
        exporters: { jaeger_storage_exporter: { trace_storage: "badger_store" } },
    };
}

/** The StatefulSet: one replica, its volume from the claim template, restricted pod security. */
export function jaegerStatefulSetSpec(options: JaegerOptions, configMap: string): k8s.types.input.apps.v1.StatefulSetSpec {
    const selector = { "app.kubernetes.io/name": JAEGER_NAME };
    return {
        serviceName: JAEGER_NAME,
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
            metadata: { labels: { ...options.labels, ...selector } },
            spec: {
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: JAEGER_UID, runAsGroup: JAEGER_UID, fsGroup: JAEGER_UID, seccompProfile: { type: "RuntimeDefault" } },
                containers: [
                    {
                        name: JAEGER_NAME,
                        image: JAEGER_IMAGE,
                        args: ["--config", "/etc/jaeger/config.yaml"],
                        ports: [
                            { name: "otlp-grpc", containerPort: options.tracing.otlpGrpcPort, protocol: "TCP" },
                            { name: "otlp-http", containerPort: options.tracing.otlpHttpPort, protocol: "TCP" },
                            { name: "query", containerPort: JAEGER_QUERY_PORT, protocol: "TCP" },
                        ],
                        readinessProbe: { httpGet: { path: "/status", port: HEALTH_PORT }, periodSeconds: 10 },
                        livenessProbe: { httpGet: { path: "/status", port: HEALTH_PORT }, periodSeconds: 20, failureThreshold: 6 },
                        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                        volumeMounts: [
                            { name: "data", mountPath: DATA_DIR },
                            { name: "config", mountPath: "/etc/jaeger", readOnly: true },
                        ],
                    },
                ],
                volumes: [{ name: "config", configMap: { name: configMap } }],
            },
        },
        volumeClaimTemplates: [
            {
                metadata: { name: "data", labels: options.labels },
                spec: {
                    accessModes: ["ReadWriteOnce"],
                    resources: { requests: { storage: `${options.storageGi}Gi` } },
                    ...(options.storageClass ? { storageClassName: options.storageClass } : {}),
                },
            },
        ],
    };
}

/** Where the shared collector sends spans: Jaeger's OTLP gRPC port. */
export function jaegerOtlpEndpoint(namespace: string, tracing: Pick<TracingSpec, "otlpGrpcPort">): string {
    return `${JAEGER_NAME}.${namespace}.svc:${tracing.otlpGrpcPort}`;
}

export function jaegerQueryUrl(namespace: string): string {
    return `http://${JAEGER_NAME}.${namespace}.svc:${JAEGER_QUERY_PORT}`;
}
