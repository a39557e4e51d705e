// Metrics and tracing on GCP. Google Cloud Managed Service for Prometheus is the documents'
// Prometheus: the Ops Agent on each instance (opsAgent.ts) or GKE's managed collection
// (clusterTelemetry.ts) scrapes every 15 s and writes there; Google keeps the samples 24 months,
// a retention it fixes (the document's 15 days cannot be set, and nothing is deleted earlier).
// There is no managed Grafana on GCP: the document's three dashboards are Cloud Monitoring
// dashboards of PromQL charts (telemetryDashboards.ts), which query the same data without a
// server, a login or a disk to run. Traces go to Cloud Trace through OpenTelemetry.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { DashboardName, PlatformSpec, TelemetrySpec } from "../../tiers/types";
import { requireApis } from "./apis";
import { childName, childOpts, labelsFor, projectOf } from "./common";
import { clusterNameFor, namespaceNameFor, redisInstanceIdFor, sqlInstanceNameFor } from "./names";
import { GcpNetworkNative, nativeOf } from "./native";
import { buildTelemetryDashboard, TelemetryDashboardInput } from "./telemetryDashboards";
import { urlMapPattern } from "./clusterFleet";

/** Managed Service for Prometheus keeps every sample this long; Google fixes it. */
export const GMP_RETENTION_MONTHS = 24;
/** Where spans go: the contract's tracesDestination on GCP. */
export const TRACES_DESTINATION = "cloudtrace";

/**
 * Active series a scrape target sends, for the price estimate: node_exporter's default
 * collectors on a small Debian instance, and a web service's client library with a handful of
 * routes. Stated assumptions, not measurements.
 */
export const SERIES_PER_TARGET = { node: 600, service: 150 } as const;

export interface GcpTelemetryNative {
    dashboards: Record<string, gcp.monitoring.Dashboard>;
    /** Cloud Trace and Monitoring APIs, enabled: the collectors wait for them. */
    apis: pulumi.Resource[];
}

/** The Prometheus HTTP API of the project's Managed Service for Prometheus (Grafana's or promtool's data source). */
export function prometheusQueryUrl(project: string): string {
    return `https://monitoring.googleapis.com/v1/projects/${project}/location/global/prometheus`;
}

export function dashboardsUrl(project: string): string {
    return `https://console.cloud.google.com/monitoring/dashboards?project=${project}`;
}

/**
 * The series ingested at the fleet's minimum size: on instances, node_exporter and each web
 * service's /metrics per instance; on a cluster, the web pods' /metrics (GKE's node and
 * container metrics are system metrics, not billed as samples).
 */
export function prometheusSeries(platform: Pick<PlatformSpec, "runtime" | "appFleet">): number {
    return platform.appFleet.services.reduce((sum, service) => {
        const web = service.kind === "web" && service.port ? SERIES_PER_TARGET.service : 0;
        const perReplica = platform.runtime === "kubernetes" ? web : SERIES_PER_TARGET.node + web;
        return sum + service.minReplicas * perReplica;
    }, 0);
}

export function dashboardInput(platform: PlatformSpec, project: string, labels: Record<string, string>): TelemetryDashboardInput {
    const cluster = platform.runtime === "kubernetes" ? { name: clusterNameFor(platform.name), namespace: namespaceNameFor(platform.name) } : undefined;
    return {
        platform: platform.name,
        project,
        labels,
        ...(cluster ? { cluster } : {}),
        // The provider names the instance fleet's URL map (<platform>-app-url-map-<suffix>); GKE names the Ingress's.
        urlMapPattern: cluster ? urlMapPattern(cluster.namespace) : `${platform.name}-.*url-map.*`,
        sqlInstance: sqlInstanceNameFor(platform.name),
        cacheId: redisInstanceIdFor(platform.name),
        cacheClusterMode: platform.cache.shards > 1,
        ...(platform.telemetry.tracing.enabled ? { traceSampleRatio: platform.telemetry.tracing.sampleRatio } : {}),
    };
}

/** Labels the price estimate reads: series at the minimum size, and the share of traces kept. */
export function pricingLabels(platform: PlatformSpec, name: DashboardName): Record<string, string> {
    if (name === "system-health") {
        return { prometheus_series: String(prometheusSeries(platform)), scrape_interval_seconds: String(platform.telemetry.metrics.scrapeIntervalSeconds) };
    }
    if (name === "api-performance" && platform.telemetry.tracing.enabled) {
        return { trace_sample_percent: String(Math.round(platform.telemetry.tracing.sampleRatio * 100)) };
    }
    return {};
}

export function createTelemetry(ctx: AdapterContext, spec: TelemetrySpec, deps: DataDeps): AdapterResult<TelemetryOutputs> {
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const project = projectOf(ctx);
    const apis = requireApis(ctx, net, [
        ...(spec.metrics.enabled ? ["monitoring.googleapis.com"] : []),
        ...(spec.tracing.enabled ? ["cloudtrace.googleapis.com"] : []),
    ]);
    const dashboards: Record<string, gcp.monitoring.Dashboard> = {};
    if (spec.metrics.enabled) {
        const input = dashboardInput(ctx.platform, project, labelsFor(ctx));
        for (const name of spec.metrics.dashboards) {
            const body = buildTelemetryDashboard({ ...input, labels: { ...input.labels, ...pricingLabels(ctx.platform, name) } }, name);
            dashboards[name] = new gcp.monitoring.Dashboard(childName(ctx, name), { project, dashboardJson: JSON.stringify(body) }, childOpts(ctx, { dependsOn: apis }));
        }
    }
    const native: GcpTelemetryNative = { dashboards, apis };
    return {
        outputs: {
            metricsEndpoint: pulumi.output(spec.metrics.enabled ? prometheusQueryUrl(project) : ""),
            grafanaUrl: pulumi.output(spec.metrics.enabled ? dashboardsUrl(project) : ""),
            tracesDestination: pulumi.output(spec.tracing.enabled ? TRACES_DESTINATION : ""),
        },
        native,
    };
}
