// Metrics and traces on EKS: the shared in-cluster OpenTelemetry collector
// (kubernetes/workloads/collector.ts) with AWS's exporters, remote write to the managed
// Prometheus workspace signed with SigV4 and spans to X-Ray, under a Pod Identity role that
// may do exactly that. The pods send OTLP (traces, and metrics where the service pushes them)
// to the collector's fixed address; their namespace's policies let them reach it.
//
// Node metrics on EKS come from the Container Insights add-on the cluster already runs
// (CloudWatch, one of Grafana's data sources) rather than a node_exporter DaemonSet: the nodes
// are managed and the add-on already reads every node and pod.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppFleetDeps } from "../adapter";
import { TelemetrySpec } from "../../tiers/types";
import { clusterCollectorEndpoint, collectorEgress, collectorValues, COLLECTOR_CHART, COLLECTOR_NAME, CollectorPipelines, installCollector } from "../kubernetes/workloads";
import { EgressRule } from "../kubernetes/workloads/types";
import { collectorIdentity } from "./clusterIdentity";
import { TRACE_ANNOTATION } from "./collector";
import { FleetScope } from "./loadBalancer";
import { AwsTelemetryNative, nativeOf } from "./native";

/** The chart's ServiceAccount (fullnameOverride), which the Pod Identity association names. */
export const COLLECTOR_ACCOUNT = { namespace: COLLECTOR_CHART.namespace, serviceAccount: COLLECTOR_NAME };

/** The collector's AWS exporters and pipelines for what the spec turns on. */
export function clusterCollectorPipelines(
    telemetry: Pick<TelemetrySpec, "metrics" | "tracing">,
    placement: { region: string; platform: string; remoteWriteUrl: pulumi.Input<string> },
): CollectorPipelines {
    const setup: CollectorPipelines = { exporters: {}, extensions: {}, processors: {}, pipelines: {} };
    if (telemetry.tracing.enabled) {
        setup.exporters.awsxray = { region: placement.region, indexed_attributes: [TRACE_ANNOTATION] };
        setup.processors!["attributes/platform"] = { actions: [{ key: TRACE_ANNOTATION, value: placement.platform, action: "upsert" }] };
        setup.pipelines.traces = { exporters: ["awsxray"], processors: ["memory_limiter", "attributes/platform", "batch"] };
    }
    if (telemetry.metrics.enabled) {
        setup.extensions!.sigv4auth = { region: placement.region, service: "aps" };
        setup.exporters.prometheusremotewrite = { endpoint: placement.remoteWriteUrl, auth: { authenticator: "sigv4auth" } };
        setup.pipelines.metrics = { exporters: ["prometheusremotewrite"] };
    }
    return setup;
}

/** The contract's collector endpoint on the cluster, in place of the VM's localhost one. */
export function withClusterCollector(plain: Record<string, string>, telemetry: Pick<TelemetrySpec, "tracing">): Record<string, string> {
    return plain.OTEL_EXPORTER_OTLP_ENDPOINT ? { ...plain, OTEL_EXPORTER_OTLP_ENDPOINT: clusterCollectorEndpoint(telemetry.tracing) } : plain;
}

export interface ClusterCollector {
    release: k8s.helm.v3.Release;
    /** The app pods' way out to it. */
    egress: EgressRule;
}

export function clusterCollector(
    s: FleetScope,
    deps: AppFleetDeps,
    provider: k8s.Provider,
    cluster: { name: pulumi.Input<string>; arn: pulumi.Input<string> },
): ClusterCollector | undefined {
    if (!deps.telemetry) {
        return undefined;
    }
    const telemetry = s.ctx.platform.telemetry;
    const native = nativeOf<AwsTelemetryNative>(deps.telemetry);
    const identity = collectorIdentity(s, cluster, COLLECTOR_ACCOUNT, native);
    const replicas = Math.max(1, s.spec.kubernetes.productionMinReplicas);
    const setup = clusterCollectorPipelines(telemetry, { region: s.region, platform: s.ctx.platform.name, remoteWriteUrl: native.remoteWriteUrl });
    const release = installCollector(s.ctx, provider, collectorValues(telemetry.tracing, replicas, setup), undefined, { dependsOn: [identity] });
    return { release, egress: collectorEgress(telemetry.tracing) };
}
