// The idea-management document's Prometheus and Grafana, and its Jaeger, as AWS's managed
// services: an Amazon Managed Service for Prometheus workspace (customer key, 15-day
// retention, its own log group, recording rules evaluated every 15 s), an Amazon Managed
// Grafana workspace behind IAM Identity Center with a role that reads this workspace,
// CloudWatch and X-Ray and nothing else, the three dashboards as SSM parameters to import, and
// X-Ray as the traces' destination. The collectors on the instances (collector.ts) and on the
// cluster (clusterFleet.ts) write here.
//
// AMP and AMG are highly available by design (multi-AZ, managed): the document's two replicas
// of Prometheus and Grafana have no counterpart to build.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { MetricsSpec, TelemetrySpec } from "../../tiers/types";
import { boundedName, childName, childOpts, createKmsKey, createLogGroup, createServiceRole, dataOpts, regionOf, tagsFor } from "./common";
import { remoteWriteUrl, TRACE_ANNOTATION } from "./collector";
import { AwsTelemetryNative } from "./native";
import { grafanaDashboards } from "./telemetryDashboards";

/** Grafana's data sources: the workspace's metrics, the AWS services' own metrics (RDS, ALB), traces. */
export const GRAFANA_DATA_SOURCES = ["PROMETHEUS", "CLOUDWATCH", "XRAY"];
export const GRAFANA_VERSION = "10.4";

/** What Grafana reads through its role; the X-Ray and CloudWatch reads have no resource-level permissions. */
export const GRAFANA_READS = {
    prometheus: ["aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata", "aps:DescribeWorkspace"],
    cloudwatch: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "cloudwatch:DescribeAlarms", "ec2:DescribeRegions"],
    xray: ["xray:BatchGetTraces", "xray:GetTraceSummaries", "xray:GetTraceGraph", "xray:GetServiceGraph", "xray:GetTimeSeriesServiceStatistics"],
};

/** Where an operator finds a dashboard's JSON to import. */
export function dashboardParameterName(platformName: string, dashboard: string): string {
    return `/${platformName}/grafana/dashboards/${dashboard}`;
}

/**
 * Recording rules the dashboards lean on, evaluated at the document's 15 s: the per-service
 * request rate and p95 latency, and per-host CPU, precomputed so panels stay fast over days.
 */
export function recordingRules(metrics: Pick<MetricsSpec, "evaluationIntervalSeconds">): string {
    const interval = `${metrics.evaluationIntervalSeconds}s`;
    const rules = [
        { record: "service:http_requests:rate1m", expr: "sum by (service) (rate(http_server_request_duration_seconds_count[1m]))" },
        { record: "service:http_latency_seconds:p95_5m", expr: "histogram_quantile(0.95, sum by (le, service) (rate(http_server_request_duration_seconds_bucket[5m])))" },
        { record: "instance:node_cpu_used:ratio1m", expr: '1 - avg by (instance, service) (rate(node_cpu_seconds_total{mode="idle"}[1m]))' },
    ];
    // YAML's flow style is JSON: the rule file as AMP reads it.
    return JSON.stringify({ groups: [{ name: "platform", interval, rules }] });
}

function grafanaRole(ctx: AdapterContext, key: aws.kms.Key, workspace?: aws.amp.Workspace): aws.iam.Role {
    const role = createServiceRole(ctx, "grafana-role", { service: "grafana.amazonaws.com", description: `${ctx.platform.name} Managed Grafana data sources`, sourceAccount: true });
    const statements: unknown[] = [
        { Sid: "CloudWatchRead", Effect: "Allow", Action: GRAFANA_READS.cloudwatch, Resource: "*" },
        { Sid: "XRayRead", Effect: "Allow", Action: GRAFANA_READS.xray, Resource: "*" },
    ];
    if (workspace) {
        statements.push(
            { Sid: "PrometheusRead", Effect: "Allow", Action: GRAFANA_READS.prometheus, Resource: workspace.arn },
            // The workspace's samples are encrypted with the telemetry key: queries decrypt them.
            { Sid: "PrometheusKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: key.arn },
        );
    }
    new aws.iam.RolePolicy(
        childName(ctx, "grafana-read"),
        { name: "grafana-read", role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) },
        childOpts(ctx),
    );
    return role;
}

function prometheusWorkspace(ctx: AdapterContext, spec: TelemetrySpec, key: aws.kms.Key): aws.amp.Workspace {
    const logs = createLogGroup(ctx, "prometheus-logs", { name: `/aws/vendedlogs/prometheus/${ctx.platform.name}`, retentionDays: spec.logRetentionDays, key });
    const workspace = new aws.amp.Workspace(
        childName(ctx, "prometheus"),
        {
            alias: childName(ctx, "prometheus"),
            kmsKeyArn: key.arn,
            // Rule evaluation and remote-write errors land here.
            loggingConfiguration: { logGroupArn: pulumi.interpolate`${logs.arn}:*` },
            // The collectors' scrape interval lives in the instances' user data; the tag shows it in the plan.
            tags: { ...tagsFor(ctx, "prometheus"), "scrape-interval": `${spec.metrics.scrapeIntervalSeconds}s` },
        },
        dataOpts(ctx),
    );
    new aws.amp.WorkspaceConfiguration(
        childName(ctx, "prometheus-retention"),
        { workspaceId: workspace.id, retentionPeriodInDays: spec.metrics.retentionDays },
        childOpts(ctx),
    );
    new aws.amp.RuleGroupNamespace(
        childName(ctx, "prometheus-rules"),
        { name: "platform", workspaceId: workspace.id, data: recordingRules(spec.metrics), tags: tagsFor(ctx, "prometheus-rules") },
        childOpts(ctx),
    );
    return workspace;
}

function grafanaWorkspace(ctx: AdapterContext, key: aws.kms.Key, workspace: aws.amp.Workspace): aws.grafana.Workspace {
    const role = grafanaRole(ctx, key, workspace);
    return new aws.grafana.Workspace(
        childName(ctx, "grafana"),
        {
            name: childName(ctx, "grafana"),
            description: `${ctx.platform.name} metrics, dashboards and traces`,
            accountAccessType: "CURRENT_ACCOUNT",
            // Users sign in through IAM Identity Center: no local users, no API keys.
            authenticationProviders: ["AWS_SSO"],
            // Workspaces created through the API manage their own role; the console alone offers SERVICE_MANAGED.
            permissionType: "CUSTOMER_MANAGED",
            roleArn: role.arn,
            dataSources: GRAFANA_DATA_SOURCES,
            grafanaVersion: GRAFANA_VERSION,
            kmsKeyId: key.arn,
            configuration: JSON.stringify({ unifiedAlerting: { enabled: true }, plugins: { pluginAdminEnabled: false } }),
            tags: tagsFor(ctx, "grafana"),
        },
        dataOpts(ctx),
    );
}

/** X-Ray group names: at most 32 letters, digits, "-" and "_". */
const XRAY_GROUP_NAME_MAX = 32;

/**
 * The platform's traces in X-Ray: the collectors index a `platform` annotation on every span,
 * so two stacks in one account never mix. Its tags carry the sample ratio the estimate prices.
 */
export function traceGroup(ctx: AdapterContext, spec: TelemetrySpec): aws.xray.Group {
    return new aws.xray.Group(
        childName(ctx, "traces"),
        {
            groupName: boundedName(childName(ctx, "traces"), XRAY_GROUP_NAME_MAX),
            filterExpression: `annotation.${TRACE_ANNOTATION} = "${ctx.platform.name}"`,
            insightsConfiguration: { insightsEnabled: false },
            tags: { ...tagsFor(ctx, "traces"), "trace-sample-ratio": String(spec.tracing.sampleRatio) },
        },
        childOpts(ctx),
    );
}

export function createTelemetry(ctx: AdapterContext, spec: TelemetrySpec, _deps: DataDeps): AdapterResult<TelemetryOutputs> {
    const region = regionOf(ctx);
    // Traces alone need no key: X-Ray encrypts them and its encryption setting is the account's, not a stack's.
    const key = spec.metrics.enabled ? createKmsKey(ctx, "telemetry", { description: `${ctx.platform.name} metrics, dashboards and their logs`, logs: true }) : undefined;
    const workspace = key ? prometheusWorkspace(ctx, spec, key) : undefined;
    const grafana = key && workspace ? grafanaWorkspace(ctx, key, workspace) : undefined;
    if (spec.metrics.enabled) {
        for (const [name, json] of Object.entries(grafanaDashboards(spec.metrics, ctx.platform.name, region))) {
            new aws.ssm.Parameter(
                childName(ctx, `dashboard-${name}`),
                { name: dashboardParameterName(ctx.platform.name, name), type: "String", tier: "Standard", insecureValue: json, description: `Grafana dashboard ${name}: import into ${ctx.platform.name}'s workspace`, tags: tagsFor(ctx, `dashboard-${name}`) },
                childOpts(ctx),
            );
        }
    }
    if (spec.tracing.enabled) {
        traceGroup(ctx, spec);
    }
    const endpoint = workspace ? workspace.prometheusEndpoint.apply(remoteWriteUrl) : pulumi.output("");
    const native: AwsTelemetryNative = { key, workspace, remoteWriteUrl: endpoint, grafana, xray: spec.tracing.enabled };
    return {
        outputs: {
            metricsEndpoint: endpoint,
            grafanaUrl: grafana ? pulumi.interpolate`https://${grafana.endpoint}` : pulumi.output(""),
            tracesDestination: pulumi.output(spec.tracing.enabled ? "xray" : ""),
        },
        native,
    };
}
