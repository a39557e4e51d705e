// Metrics and tracing on GKE. Managed collection of Managed Service for Prometheus is on in the
// cluster (cluster.ts): a PodMonitoring per web service tells its collectors to scrape the
// service's /metrics every 15 s, and a NetworkPolicy lets them in. GKE's own node and container
// metrics stand for node_exporter's. Traces go through the shared OpenTelemetry collector
// (kubernetes/workloads/collector.ts) to Cloud Trace, as an account of its own through Workload
// Identity holding the trace writer role only.

import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MetricsSpec, ServiceSpec, TelemetrySpec } from "../../tiers/types";
import { collectorValues, installCollector, COLLECTOR_CHART, COLLECTOR_NAME } from "../kubernetes/workloads";
import { childName, childOpts } from "./common";
import { GSA_ANNOTATION, workloadIdentityMember } from "./clusterIdentity";
import { FleetScope } from "./loadBalancer";
import { serviceAccountIdFor } from "./names";
import { TRACE_ROLE } from "./instanceRole";

/** GKE's managed collectors run here; the app namespace admits them to the services' ports. */
export const GMP_NAMESPACE = "gmp-system";

export interface CustomManifest {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: pulumi.Input<string>; labels: Record<string, string> };
    spec: Record<string, unknown>;
}

/** Scrapes one web service's pods: its /metrics on its port every 15 s, the service named in a `service` label. */
export function podMonitoringManifest(namespace: pulumi.Input<string>, instance: string, service: Pick<ServiceSpec, "name">, metrics: Pick<MetricsSpec, "scrapeIntervalSeconds" | "metricsPath">, labels: Record<string, string>): CustomManifest {
    return {
        apiVersion: "monitoring.googleapis.com/v1",
        kind: "PodMonitoring",
        metadata: { name: `${service.name}-metrics`, namespace, labels },
        spec: {
            selector: { matchLabels: { "app.kubernetes.io/name": service.name, "app.kubernetes.io/instance": instance } },
            // By name: the `container` label is set only for a named port.
            endpoints: [{ port: "http", path: metrics.metricsPath, interval: `${metrics.scrapeIntervalSeconds}s` }],
            targetLabels: { metadata: ["pod", "container"], fromPod: [{ from: "app.kubernetes.io/name", to: "service" }] },
        },
    };
}

/** The collector's pipelines on GKE: spans to Cloud Trace, with the cluster's resource attributes. */
export function gkeCollectorPipelines(project: string): Parameters<typeof collectorValues>[2] {
    return {
        exporters: { googlecloud: { project } },
        processors: { resourcedetection: { detectors: ["gcp"], timeout: "10s", override: false } },
        pipelines: { traces: { exporters: ["googlecloud"], processors: ["memory_limiter", "resourcedetection", "batch"] } },
    };
}

export interface ClusterTelemetry {
    /** What the workloads wait for: the monitors, the scrape policy and the collector. */
    ready: pulumi.Resource[];
}

export function clusterTelemetry(
    s: FleetScope,
    spec: TelemetrySpec,
    cluster: { provider: k8s.Provider; workloadPool: string; resource: pulumi.Resource; namespace: pulumi.Input<string>; inNamespace: pulumi.Resource[] },
    labels: Record<string, string>,
): ClusterTelemetry {
    const { ctx } = s;
    const ready: pulumi.Resource[] = [];
    const k8sOpts = (dependsOn: pulumi.Input<pulumi.Resource>[]): pulumi.CustomResourceOptions => ({ parent: ctx.parent, provider: cluster.provider, dependsOn });
    const web = ctx.platform.appFleet.services.filter((service) => service.kind === "web" && service.port);
    if (spec.metrics.enabled && web.length > 0) {
        for (const service of web) {
            const manifest = podMonitoringManifest(cluster.namespace, ctx.platform.name, service, spec.metrics, labels);
            ready.push(new k8s.apiextensions.CustomResource(childName(ctx, `${service.name}-pod-monitoring`), { ...manifest }, k8sOpts(cluster.inNamespace)));
        }
        // The app namespace denies ingress by default: the managed collectors may reach the web ports.
        ready.push(
            new k8s.networking.v1.NetworkPolicy(
                childName(ctx, "allow-metrics-scrape"),
                {
                    metadata: { name: "allow-metrics-scrape", namespace: cluster.namespace, labels },
                    spec: {
                        podSelector: { matchLabels: { "app.kubernetes.io/instance": ctx.platform.name } },
                        policyTypes: ["Ingress"],
                        ingress: [
                            {
                                from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": GMP_NAMESPACE } } }],
                                ports: [...new Set(web.map((service) => service.port!))].map((port) => ({ port, protocol: "TCP" })),
                            },
                        ],
                    },
                },
                k8sOpts(cluster.inNamespace),
            ),
        );
    }
    if (spec.tracing.enabled) {
        const account = new gcp.serviceaccount.Account(
            childName(ctx, "otel-collector-account"),
            { accountId: serviceAccountIdFor(ctx.platform.name, "otel-collector"), displayName: `${ctx.platform.name} otel-collector`, description: `OpenTelemetry collector of ${ctx.platform.name}: writes spans to Cloud Trace` },
            childOpts(ctx),
        );
        const grants = [
            new gcp.projects.IAMMember(childName(ctx, "otel-collector-trace-agent"), { project: s.project, role: TRACE_ROLE, member: account.member }, childOpts(ctx)),
            new gcp.serviceaccount.IAMMember(
                childName(ctx, "otel-collector-workload-identity"),
                { serviceAccountId: account.name, role: "roles/iam.workloadIdentityUser", member: workloadIdentityMember(cluster.workloadPool, COLLECTOR_CHART.namespace, COLLECTOR_NAME) },
                childOpts(ctx, { dependsOn: [cluster.resource] }),
            ),
        ];
        const values = collectorValues(spec.tracing, spec.metrics.replicas, gkeCollectorPipelines(s.project));
        const identity = { serviceAccount: { annotations: { [GSA_ANNOTATION]: account.email } } };
        ready.push(installCollector(ctx, cluster.provider, values, identity, { dependsOn: grants }));
    }
    return { ready };
}
