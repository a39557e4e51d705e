// One Log Analytics workspace every resource's diagnostics flow into, the action group that
// pages, the seeds' alerts, an availability test, one dashboard and the monthly budget.
// Thresholds come from the resolved spec; this file only decides how Azure Monitor evaluates them.

import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as consumption from "@pulumi/azure-native/consumption";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as portal from "@pulumi/azure-native/portal";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { AlarmThresholds, ObservabilitySpec } from "../../tiers/types";
import { childName, childOpts, tagsFor, withOverrides } from "./common";
import {
    budgetStartDate,
    DATABASE_LIMITS,
    gatewayErrorRateQuery,
    gatewayLatencyQuery,
    metricWindow,
    observabilityNames,
    QUEUE_BACKLOG_MINUTES,
    shortName,
    WORKSPACE_RETENTION,
} from "./alertRules";
import { availabilityTest } from "./availability";
import { CLUSTER_LOG_CATEGORIES, clusterMetricRules } from "./clusterObservability";
import { buildDashboard } from "./dashboard";
import { geoVaultNameFor } from "./geoKey";
import {
    AzureAppFleetNative,
    AzureCacheNative,
    AzureDatabaseNative,
    AzureNetworkNative,
    AzureObjectStoreNative,
    nativeOf,
} from "./native";

export interface AzureObservabilityNative {
    workspace: operationalinsights.Workspace;
    actionGroup: monitor.ActionGroup;
    alerts: pulumi.CustomResource[];
}

interface MetricRule {
    description: string;
    scope: pulumi.Input<string>;
    metric: string;
    operator: "GreaterThan" | "LessThan";
    threshold: number;
    aggregation: "Average" | "Maximum" | "Minimum" | "Total";
    minutes: number;
    severity: number;
    dimensions?: { name: string; operator: string; values: pulumi.Input<string>[] }[];
}

export function createObservability(ctx: AdapterContext, spec: ObservabilitySpec, deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    const t: AlarmThresholds = spec.alarms;
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const db = nativeOf<AzureDatabaseNative>(deps.database);
    const cache = nativeOf<AzureCacheNative>(deps.cache);
    const store = nativeOf<AzureObjectStoreNative>(deps.objectStore);
    const fleet = nativeOf<AzureAppFleetNative>(deps.appFleet);
    const resourceGroupName = net.resourceGroup.name;
    const location = net.location;
    const tags = tagsFor(ctx);

    const names = observabilityNames(ctx.platform.name);
    const workspace = new operationalinsights.Workspace(
        childName(ctx, "workspace"),
        withOverrides(ctx, "observability", {
            workspaceName: names.workspace.name,
            resourceGroupName,
            location,
            sku: { name: "PerGB2018" },
            retentionInDays: Math.min(WORKSPACE_RETENTION.max, Math.max(WORKSPACE_RETENTION.min, spec.logRetentionDays)),
            features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
            tags,
        }),
        childOpts(ctx),
    );
    // Workspace-based: availability results land in the same workspace as everything else.
    const insights = new applicationinsights.Component(
        childName(ctx, "insights"),
        {
            resourceName: `${ctx.platform.name}-insights`,
            resourceGroupName,
            location,
            kind: "web",
            applicationType: "web",
            workspaceResourceId: workspace.id,
            ingestionMode: "LogAnalytics",
            disableLocalAuth: true,
            tags,
        },
        childOpts(ctx),
    );

    const actionGroup = new monitor.ActionGroup(
        childName(ctx, "alerts"),
        {
            actionGroupName: `${ctx.platform.name}-alerts`,
            resourceGroupName,
            location: "global",
            groupShortName: shortName(ctx.platform.name),
            enabled: true,
            emailReceivers: spec.alertEmail ? [{ name: "on-call", emailAddress: spec.alertEmail, useCommonAlertSchema: true }] : [],
            tags,
        },
        childOpts(ctx),
    );

    // Diagnostics of every stateful or edge resource: all log categories and all metrics.
    const diagnostics = (
        role: string,
        resourceUri: pulumi.Input<string>,
        options: { dedicated?: boolean; logs?: boolean; categories?: string[]; metricCategory?: string; dependsOn?: pulumi.Resource[] } = {},
    ) =>
        new monitor.DiagnosticSetting(
            childName(ctx, `${role}-diagnostics`),
            {
                name: `${ctx.platform.name}-logs`,
                resourceUri,
                workspaceId: workspace.id,
                // Resource-specific tables (AGWAccessLogs...) instead of the shared AzureDiagnostics.
                logAnalyticsDestinationType: options.dedicated ? "Dedicated" : undefined,
                logs: options.logs === false ? [] : options.categories ? options.categories.map((category) => ({ category, enabled: true })) : [{ categoryGroup: "allLogs", enabled: true }],
                metrics: [{ category: options.metricCategory ?? "AllMetrics", enabled: true }],
            },
            childOpts(ctx, { dependsOn: options.dependsOn ?? [] }),
        );
    diagnostics("db", db.server.id);
    db.replicas.forEach((replica, index) => diagnostics(`db-replica-${index + 1}`, replica.id));
    diagnostics("cache", cache.cache.id);
    diagnostics("key-vault", net.keyVault.id);
    if (db.geoKey) {
        // The paired region's vault holding the geo-backup key: its access is audited alike.
        const geoVaultId = pulumi.interpolate`/subscriptions/${net.subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.KeyVault/vaults/${geoVaultNameFor(ctx)}`;
        diagnostics("geo-key-vault", geoVaultId, { dependsOn: [db.geoKey] });
    }
    // Storage: the account reports transactions only; reads, writes and deletes are the blob service's logs.
    diagnostics("storage", store.account.id, { logs: false, metricCategory: "Transaction" });
    diagnostics("blob", pulumi.interpolate`${store.account.id}/blobServices/default`, { metricCategory: "Transaction" });
    // The platform's other storage accounts: who reads the flow logs or the cache's snapshots is worth knowing too.
    for (const [role, account] of [["flow-log", net.flowLogStorage], ["cache-snapshot", cache.snapshotAccount]] as const) {
        if (account) {
            diagnostics(`${role}-storage`, account.id, { logs: false, metricCategory: "Transaction" });
            diagnostics(`${role}-blob`, pulumi.interpolate`${account.id}/blobServices/default`, { metricCategory: "Transaction" });
        }
    }
    const gatewayDiagnostics = fleet.gateway ? diagnostics("gateway", fleet.gateway.id, { dedicated: true }) : undefined;
    if (fleet.serviceBusNamespace) diagnostics("service-bus", fleet.serviceBusNamespace.id);
    if (fleet.cluster) diagnostics("aks", fleet.cluster.cluster.id, { dedicated: true, categories: CLUSTER_LOG_CATEGORIES });

    const alerts: pulumi.CustomResource[] = [];
    const metricAlert = (role: string, rule: MetricRule) => {
        const window = metricWindow(rule.minutes);
        const created = new monitor.MetricAlert(
            childName(ctx, role),
            {
                ruleName: childName(ctx, role),
                resourceGroupName,
                location: "global",
                description: rule.description,
                severity: rule.severity,
                enabled: true,
                scopes: [rule.scope],
                windowSize: window.iso,
                evaluationFrequency: "PT1M",
                // Resolved notifications tell the on-call that the condition cleared.
                autoMitigate: true,
                criteria: {
                    odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                    allOf: [
                        {
                            criterionType: "StaticThresholdCriterion",
                            name: role,
                            metricName: rule.metric,
                            operator: rule.operator,
                            threshold: rule.threshold,
                            timeAggregation: rule.aggregation,
                            dimensions: rule.dimensions,
                        },
                    ],
                },
                actions: [{ actionGroupId: actionGroup.id }],
                tags,
            },
            childOpts(ctx),
        );
        alerts.push(created);
        return created;
    };

    // Application fleets: the seeds' "High CPU Usage" and "High Memory Usage", fleet-wide averages.
    const services = Object.keys(fleet.fleets).sort();
    for (const service of services) {
        const scaleSet = fleet.fleets[service].scaleSet;
        metricAlert(`${service}-cpu`, {
            description: `${service}: average CPU of the scale set above ${t.cpuPercent}% for ${t.cpuMinutes} minutes. Scale up (add vCPUs or instances).`,
            scope: scaleSet.id,
            metric: "Percentage CPU",
            operator: "GreaterThan",
            threshold: t.cpuPercent,
            aggregation: "Average",
            minutes: t.cpuMinutes,
            severity: 2,
        });
        // A host metric: no guest agent needed. Memory used above N % is available below 100 - N.
        metricAlert(`${service}-memory`, {
            description: `${service}: memory used above ${t.memoryPercent}% (available below ${100 - t.memoryPercent}%) for ${t.memoryMinutes} minutes. Increase RAM.`,
            scope: scaleSet.id,
            metric: "Available Memory Percentage",
            operator: "LessThan",
            threshold: 100 - t.memoryPercent,
            aggregation: "Average",
            minutes: t.memoryMinutes,
            severity: 2,
        });
        const queueName = fleet.fleets[service].queueName;
        if (queueName && fleet.serviceBusNamespace) {
            const depth = ctx.platform.appFleet.scaleOutQueueDepth;
            metricAlert(`${service}-backlog`, {
                description: `${service}: more than ${depth} messages waiting in ${queueName} for ${QUEUE_BACKLOG_MINUTES} minutes: scaling out has not caught up.`,
                scope: fleet.serviceBusNamespace.id,
                metric: "ActiveMessages",
                operator: "GreaterThan",
                threshold: depth,
                // The smallest count of the window: above the depth the whole time.
                aggregation: "Minimum",
                minutes: QUEUE_BACKLOG_MINUTES,
                severity: 2,
                dimensions: [{ name: "EntityName", operator: "Include", values: [queueName] }],
            });
        }
    }

    if (fleet.cluster) {
        const rules = clusterMetricRules(fleet.cluster, fleet.cluster.cluster.id, t, { namespaceId: fleet.serviceBusNamespace?.id, scaleOutDepth: ctx.platform.appFleet.scaleOutQueueDepth });
        for (const [role, rule] of Object.entries(rules)) {
            metricAlert(role, rule);
        }
    }

    // Gateway: a 5xx ratio and a percentile are beyond metric alerts; the access logs answer both.
    if (fleet.gateway) {
        const logAlert = (role: string, description: string, query: pulumi.Output<string>, column: string, threshold: number, minutes: number, severity: number) => {
            const window = metricWindow(minutes);
            const created = new monitor.ScheduledQueryRule(
                childName(ctx, role),
                {
                    ruleName: childName(ctx, role),
                    resourceGroupName,
                    location,
                    kind: "LogAlert",
                    description,
                    severity,
                    enabled: true,
                    scopes: [workspace.id],
                    // AGWAccessLogs exists once the gateway's first log arrives, after this rule.
                    skipQueryValidation: true,
                    windowSize: window.iso,
                    evaluationFrequency: window.iso,
                    autoMitigate: true,
                    criteria: {
                        allOf: [
                            {
                                query,
                                metricMeasureColumn: column,
                                timeAggregation: "Maximum",
                                operator: "GreaterThan",
                                threshold,
                                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
                            },
                        ],
                    },
                    actions: { actionGroups: [actionGroup.id] },
                    tags,
                },
                childOpts(ctx, { dependsOn: gatewayDiagnostics ? [gatewayDiagnostics] : [] }),
            );
            alerts.push(created);
        };
        logAlert(
            "gateway-5xx-rate",
            `5xx responses above ${t.errorRatePercent}% of requests over ${t.errorRateMinutes} minutes.`,
            fleet.gateway.id.apply(gatewayErrorRateQuery),
            "errorRatePercent",
            t.errorRatePercent,
            t.errorRateMinutes,
            1,
        );
        // The seeds give latency no window; it shares the error-rate window.
        logAlert(
            "gateway-latency-p95",
            `p95 response time above ${t.responseTimeP95Ms} ms over ${t.errorRateMinutes} minutes. Scale up or optimise.`,
            fleet.gateway.id.apply(gatewayLatencyQuery),
            "p95Ms",
            t.responseTimeP95Ms,
            t.errorRateMinutes,
            2,
        );
    }

    // Database: the seeds' "Connection Pool Exhausted", for the primary and every replica.
    // At least one connection: a threshold of 0 would alarm forever.
    const connectionsAlarmAt = Math.max(1, Math.floor((db.maxConnections * t.dbConnectionsPercent) / 100));
    const connections = (role: string, label: string, scope: pulumi.Input<string>) =>
        metricAlert(role, {
            description: `${label}: connections above ${t.dbConnectionsPercent}% of max_connections (${connectionsAlarmAt} of ${db.maxConnections}) for ${t.dbConnectionsMinutes} minutes (Azure's nearest shorter window: ${metricWindow(t.dbConnectionsMinutes).minutes}).`,
            scope,
            metric: "active_connections",
            operator: "GreaterThan",
            threshold: connectionsAlarmAt,
            aggregation: "Maximum",
            minutes: t.dbConnectionsMinutes,
            severity: 1,
        });
    connections("db-connections", "Database primary", db.server.id);
    db.replicas.forEach((replica, index) => connections(`db-replica-${index + 1}-connections`, `Read replica ${index + 1}`, replica.id));
    metricAlert("db-cpu", {
        description: `Database primary: CPU above ${DATABASE_LIMITS.cpuPercent}% for ${DATABASE_LIMITS.cpuMinutes} minutes. Upgrade the compute size.`,
        scope: db.server.id,
        metric: "cpu_percent",
        operator: "GreaterThan",
        threshold: DATABASE_LIMITS.cpuPercent,
        aggregation: "Average",
        minutes: DATABASE_LIMITS.cpuMinutes,
        severity: 2,
    });
    metricAlert("db-storage", {
        description: `Database primary: storage above ${DATABASE_LIMITS.storagePercent}% used for ${DATABASE_LIMITS.storageMinutes} minutes; storage auto-grow has hit its limit or cannot keep up.`,
        scope: db.server.id,
        metric: "storage_percent",
        operator: "GreaterThan",
        threshold: DATABASE_LIMITS.storagePercent,
        aggregation: "Maximum",
        minutes: DATABASE_LIMITS.storageMinutes,
        severity: 2,
    });

    // Cache: the seeds' "Redis Memory Usage"; the fullest shard decides.
    metricAlert("cache-memory", {
        description: `Redis: memory used above ${t.cacheMemoryPercent}% for ${t.cacheMemoryMinutes} minutes.`,
        scope: cache.cache.id,
        metric: "usedmemorypercentage",
        operator: "GreaterThan",
        threshold: t.cacheMemoryPercent,
        aggregation: "Maximum",
        minutes: t.cacheMemoryMinutes,
        severity: 2,
    });

    const availability = availabilityTest(ctx, resourceGroupName, location, insights, actionGroup);
    if (availability) alerts.push(availability.alert);

    const dashboard = new portal.Dashboard(
        childName(ctx, "dashboard"),
        {
            dashboardName: `${ctx.platform.name}-dashboard`,
            resourceGroupName,
            location,
            properties: pulumi
                .output({
                    scaleSets: services.map((service) => ({ service, id: fleet.fleets[service].scaleSet.id })),
                    clusterId: fleet.cluster?.cluster.id,
                    queues: fleet.cluster
                        ? Object.entries(fleet.cluster.queueNames).sort().map(([service, queueName]) => ({ service, queueName }))
                        : services
                              .filter((service) => fleet.fleets[service].queueName)
                              .map((service) => ({ service, queueName: fleet.fleets[service].queueName! })),
                    namespaceId: fleet.serviceBusNamespace?.id,
                    gatewayId: fleet.gateway?.id,
                    primaryId: db.server.id,
                    replicaIds: db.replicas.map((replica) => replica.id),
                    cacheId: cache.cache.id,
                    insightsId: availability ? insights.id : undefined,
                })
                .apply((resolved) =>
                    buildDashboard({
                        thresholds: t,
                        scaleSets: resolved.scaleSets,
                        ...(resolved.clusterId ? { clusterId: resolved.clusterId } : {}),
                        gatewayId: resolved.gatewayId,
                        database: {
                            primaryId: resolved.primaryId,
                            replicaIds: resolved.replicaIds,
                            connectionsAlarmAt,
                            cpuAlarmPercent: DATABASE_LIMITS.cpuPercent,
                            storageAlarmPercent: DATABASE_LIMITS.storagePercent,
                        },
                        cacheId: resolved.cacheId,
                        queues: resolved.namespaceId ? { namespaceId: resolved.namespaceId, entities: resolved.queues } : undefined,
                        queueScaleOutDepth: ctx.platform.appFleet.scaleOutQueueDepth,
                        availabilityComponentId: resolved.insightsId,
                    }),
                ),
            tags,
        },
        childOpts(ctx),
    );

    // The resource group holds every resource of the platform, so its cost is the platform's.
    new consumption.Budget(
        childName(ctx, "budget"),
        {
            budgetName: names.budget.name,
            scope: net.resourceGroup.id,
            amount: spec.budget.monthlyUsd,
            category: "Cost",
            timeGrain: "Monthly",
            timePeriod: { startDate: budgetStartDate(new Date()) },
            notifications: {
                actualAbove: {
                    enabled: true,
                    operator: "GreaterThan",
                    threshold: spec.budget.alertPercent,
                    thresholdType: "Actual",
                    contactEmails: spec.alertEmail ? [spec.alertEmail] : [],
                    contactGroups: [actionGroup.id],
                },
                // Warns before the money is spent, while there is still time to act.
                forecastAbove: {
                    enabled: true,
                    operator: "GreaterThan",
                    threshold: 100,
                    thresholdType: "Forecasted",
                    contactEmails: spec.alertEmail ? [spec.alertEmail] : [],
                    contactGroups: [actionGroup.id],
                },
            },
        },
        // The start date is the month of creation; later months must not try to move it.
        childOpts(ctx, { ignoreChanges: ["timePeriod"] }),
    );

    const written = [deps.network, deps.database, deps.cache, deps.objectStore, deps.appFleet].flatMap((result) => result.logGroups ?? []);
    const native: AzureObservabilityNative = { workspace, actionGroup, alerts };
    return {
        outputs: {
            alertTarget: actionGroup.id,
            logGroups: pulumi.all([workspace.name, ...written]).apply((names) => [...new Set(names)].sort()),
            dashboards: dashboard.name.apply((name) => [name]),
        },
        native,
        logGroups: [],
    };
}
