// How the managed Prometheus and Grafana workspaces and X-Ray are billed. Their volumes follow
// from the plan: samples from the hosts the collectors run on (every instance of every group,
// every node) at the 15 s scrape, traces from the requests the WAF counts (usage) times the
// sample ratio the trace group records. Grafana bills active users: the assumption is stated.

import type { RecordedResource } from "../synth";
import type { CostLine, Pricer, PricingContext } from "./cost";
import { num, per } from "./costLines";

/** Series one host sends: node_exporter's defaults (about 500 on a small instance) and a service's own. */
export const SERIES_PER_HOST = 700;
/** The document's 15 s scrape: samples per series in a 30.4-day month. */
export const SCRAPES_PER_MONTH = (730 * 3600) / 15;
/** AMP bills the compressed size of stored samples; about 2 bytes each. */
const BYTES_PER_SAMPLE = 2;
/** Active Grafana users a month: one editor (admin) and three viewers. */
export const GRAFANA_USERS = { editors: 1, viewers: 3 };

const WORKSPACE_CONFIG = "aws:amp/workspaceConfiguration:WorkspaceConfiguration";

/** Instances the collectors run on: every Auto Scaling group and node group at its minimum. */
function hosts(ctx: PricingContext): number {
    const groups = ctx.graph.ofType("aws:autoscaling/group:Group").reduce((sum, group) => sum + num(group.inputs.minSize), 0);
    const nodes = ctx.graph
        .ofType("aws:eks/nodeGroup:NodeGroup")
        .reduce((sum, group) => sum + num((group.inputs.scalingConfig as { minSize?: number } | undefined)?.minSize), 0);
    return Math.max(1, groups + nodes);
}

function prometheusWorkspace(_workspace: RecordedResource, ctx: PricingContext) {
    const retention = num(ctx.graph.ofType(WORKSPACE_CONFIG)[0]?.inputs.retentionPeriodInDays, 150);
    const count = hosts(ctx);
    const samplesMillions = (count * SERIES_PER_HOST * SCRAPES_PER_MONTH) / 1e6;
    const storedGb = (samplesMillions * 1e6 * BYTES_PER_SAMPLE * (retention / (365 / 12))) / 1e9;
    const lines: CostLine[] = [
        per(ctx, samplesMillions / 10, `x 10 M samples ingested (${count} hosts x ${SERIES_PER_HOST} series every 15 s)`, "amp:ingest", "10M samples"),
        per(ctx, storedGb, `GB stored (${retention}-day retention)`, "amp:storage", "GB-month"),
    ];
    return { lines, note: "queries (dashboards, recording rules) add $0.10 per billion samples processed, not modelled" };
}

function grafanaWorkspace() {
    return (_workspace: RecordedResource, ctx: PricingContext) => ({
        lines: [per(ctx, GRAFANA_USERS.editors, "active editor/admin", "grafana:editor", "user-month"), per(ctx, GRAFANA_USERS.viewers, "active viewers", "grafana:viewer", "user-month")],
        note: `assumes ${GRAFANA_USERS.editors} editor and ${GRAFANA_USERS.viewers} viewers active in the month`,
    });
}

function traceGroup(group: RecordedResource, ctx: PricingContext) {
    const ratio = num((group.inputs.tags as Record<string, string> | undefined)?.["trace-sample-ratio"], 1);
    const traces = ctx.usage.wafRequestsMillions * ratio;
    return {
        lines: [per(ctx, traces, `M traces recorded (usage.wafRequestsMillions ${ctx.usage.wafRequestsMillions} x sample ratio ${ratio})`, "xray:traces", "M")],
        note: "the first 100,000 traces a month are free (not applied); retrievals and scans not modelled",
    };
}

export const AWS_TELEMETRY_RULES: Record<string, Pricer> = {
    "aws:amp/workspace:Workspace": prometheusWorkspace,
    "aws:grafana/workspace:Workspace": grafanaWorkspace(),
    "aws:xray/group:Group": traceGroup,
};

export const AWS_TELEMETRY_FREE: Record<string, string> = {
    [WORKSPACE_CONFIG]: "workspace settings are free; retention shapes the stored GB priced on the workspace",
    "aws:amp/ruleGroupNamespace:RuleGroupNamespace": "rule groups are free; their evaluations are queries (not modelled, see the workspace)",
    "aws:ssm/parameter:Parameter": "standard-tier parameters are free",
};
