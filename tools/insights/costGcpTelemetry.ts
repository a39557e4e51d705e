// Managed Service for Prometheus and Cloud Trace bill what they ingest. The telemetry dashboards
// carry what the estimate needs as labels (the series the fleet sends at its minimum size, the
// scrape interval, the share of traces kept), so the volumes come from the plan itself.

import type { RecordedResource } from "../synth";
import type { Pricing, PricingContext } from "./cost";
import { num, per, str } from "./costLines";

const DASHBOARD = "gcp:monitoring/dashboard:Dashboard";
/** Spans one request leaves in a trace: the load-balanced service, its database and cache calls, one downstream call. A stated assumption. */
export const SPANS_PER_REQUEST = 5;

function labelsOf(dashboard: RecordedResource): Record<string, string> {
    try {
        const body = JSON.parse(str(dashboard.inputs.dashboardJson)) as { labels?: Record<string, string> };
        return body.labels ?? {};
    } catch {
        return {};
    }
}

export function telemetryDashboard(dashboard: RecordedResource, ctx: PricingContext): Pricing {
    const labels = labelsOf(dashboard);
    const series = num(labels.prometheus_series, 0);
    if (series <= 0) {
        return { free: "dashboards are free" };
    }
    const interval = num(labels.scrape_interval_seconds, 15);
    const millions = (series * ((ctx.prices.hours * 3600) / interval)) / 1e6;
    return {
        lines: [per(ctx, millions, "M samples ingested", "gmp:samples", "M samples")],
        note: `Managed Service for Prometheus: ${series} active series at the fleet's minimum size (node_exporter 600 per instance, 150 per web service's /metrics: stated assumptions) every ${interval} s; kept 24 months at no charge`,
    };
}

/** The Cloud Trace API carries the spans' price; every other API is free to enable. */
export function projectService(service: RecordedResource, ctx: PricingContext): Pricing {
    if (str(service.inputs.service) !== "cloudtrace.googleapis.com") {
        return { free: "enabling an API is free" };
    }
    const api = ctx.graph.ofType(DASHBOARD).map(labelsOf).find((labels) => labels.trace_sample_percent !== undefined);
    const percent = num(api?.trace_sample_percent, 100);
    const millions = (ctx.usage.wafRequestsMillions * SPANS_PER_REQUEST * percent) / 100;
    if (millions <= 0) {
        return { free: "no sampled requests" };
    }
    return {
        lines: [per(ctx, millions, "M spans ingested", "trace:spans", "M spans")],
        note: `usage.wafRequestsMillions ${ctx.usage.wafRequestsMillions} requests a month x ${SPANS_PER_REQUEST} spans each x ${percent}% sampled; the first 2.5 M spans a month per billing account are free, not deducted`,
    };
}
