// How Azure bills the metrics and tracing services (providers/azure/telemetry.ts): Managed
// Grafana per instance-hour and active user, managed Prometheus per 10 million samples ingested,
// and Application Insights' traces as ingestion on their Log Analytics workspace. Volumes the
// stack does not state are derived from the plan (hosts scraped every 15 s) or assumed here.

import type { RecordedResource } from "../synth";
import type { Pricer, Pricing, PricingContext } from "./cost";
import { hourly, num, per, str } from "./costLines";

/** node_exporter's series on an Ubuntu VM (about 700) plus a service's own: an assumption, not measured. */
export const SERIES_PER_HOST = 1000;
/** People who open Grafana in a month: the documents name none. */
export const GRAFANA_ACTIVE_USERS = 5;
/** Spans, after the SDKs' sampling, as a share of the month's log volume (usage.logIngestGb). */
export const TRACE_SHARE_OF_LOGS = 0.25;

const SCALE_SET = "azure-native:compute:VirtualMachineScaleSet";
const AUTOSCALE = "azure-native:monitor:AutoscaleSetting";
const CLUSTER = "azure-native:containerservice:ManagedCluster";
const POOL = "azure-native:containerservice:AgentPool";
const COMPONENT = "azure-native:applicationinsights:Component";

type Inputs = Record<string, unknown>;
const obj = (value: unknown): Inputs => (typeof value === "object" && value !== null ? (value as Inputs) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Hosts the collectors or the metrics add-on scrape: fleets and node pools at their minimum. */
export function scrapedHosts(ctx: PricingContext): number {
    const sets = ctx.graph.ofType(SCALE_SET).reduce((sum, set) => {
        const setting = ctx.graph.dependents(set).find((r) => r.type === AUTOSCALE);
        const minimum = obj(obj(list(setting?.inputs.profiles)[0]).capacity).minimum;
        return sum + num(minimum, num(obj(set.inputs.sku).capacity, 1));
    }, 0);
    const inline = ctx.graph.ofType(CLUSTER).flatMap((cluster) => list(cluster.inputs.agentPoolProfiles).map(obj));
    const pools = [...inline, ...ctx.graph.ofType(POOL).map((pool) => pool.inputs)].reduce((sum, pool) => sum + num(pool.minCount, num(pool.count, 1)), 0);
    return sets + pools;
}

/** Samples a month: every host's series once per scrape interval. */
export function monthlySamples(hosts: number, hours: number, scrapeSeconds = 15): number {
    return hosts * SERIES_PER_HOST * ((hours * 3600) / scrapeSeconds);
}

function grafana(instance: RecordedResource, ctx: PricingContext): Pricing {
    const zoneRedundant = str(obj(instance.inputs.properties).zoneRedundancy) === "Enabled";
    return {
        lines: [
            hourly(ctx, zoneRedundant ? 2 : 1, `Standard instance${zoneRedundant ? "s (zone-redundant)" : ""}`, "grafana:standard-instance"),
            per(ctx, GRAFANA_ACTIVE_USERS, "active users", "grafana:standard-user", "user"),
        ],
        note: `${GRAFANA_ACTIVE_USERS} active users assumed`,
    };
}

function prometheus(_workspace: RecordedResource, ctx: PricingContext): Pricing {
    const hosts = scrapedHosts(ctx);
    const samples = monthlySamples(hosts, ctx.prices.hours);
    return {
        lines: [per(ctx, samples / 1e7, "x 10 M samples ingested", "prometheus:ingest", "10M samples")],
        note: `${hosts} host(s) x ${SERIES_PER_HOST} series (assumed) every 15 s; retention (18 months) included`,
    };
}

/** Whether a Log Analytics workspace holds Application Insights traces (a telemetry component's). */
export function isTracesWorkspace(workspace: RecordedResource, ctx: PricingContext): boolean {
    return ctx.graph.componentOf(workspace) === "Telemetry" && ctx.graph.dependents(workspace).some((r) => r.type === COMPONENT);
}

export function tracesWorkspace(workspace: RecordedResource, ctx: PricingContext): Pricing {
    const gb = ctx.usage.logIngestGb * TRACE_SHARE_OF_LOGS;
    return {
        lines: [per(ctx, gb, "GB of traces ingested", "loganalytics:ingest", "GB")],
        note: `spans assumed at ${TRACE_SHARE_OF_LOGS * 100}% of usage.logIngestGb ${ctx.usage.logIngestGb}; kept ${num(workspace.inputs.retentionInDays, 30)} days (beyond 31 days not modelled)`,
    };
}

export const AZURE_TELEMETRY_FREE: Record<string, string> = {
    "azure-native:monitor:DataCollectionEndpoint": "data collection endpoints are free; ingestion is billed on the workspace",
    "azure-native:monitor:DataCollectionRule": "data collection rules are free; ingestion is billed on the workspace",
    "azure-native:monitor:DataCollectionRuleAssociation": "associations are free",
};

export const AZURE_TELEMETRY_RULES: Record<string, Pricer> = {
    "azure-native:dashboard:Grafana": grafana,
    "azure-native:monitor:AzureMonitorWorkspace": prometheus,
};
