// Managed Grafana and Application Insights on Azure: a compliant baseline as the telemetry
// component plans it, and one failing mutation per rule.

import { policy as insightsWorkspace } from "../../../policies/rules/azure/application-insights/workspace-based";
import { policy as grafanaApiKeys } from "../../../policies/rules/azure/grafana/api-keys-disabled";
import { policy as grafanaPrivate } from "../../../policies/rules/azure/grafana/private";
import { policy as grafanaZones } from "../../../policies/rules/azure/grafana/zone-redundant";
import { PlannedResource } from "../../../policies/lib/evaluate";
import { T, TAGS } from "../fixtures/azure";
import { PolicyCase, resource, set } from "../harness";

const RG = { resourceGroupName: "platform-rg-id", location: "eastus" };

function telemetry(): PlannedResource[] {
    return [
        resource(T.GRAFANA, "grafana", {
            ...RG,
            workspaceName: "platformgrafana1a2b3c",
            sku: { name: "Standard" },
            identity: { type: "SystemAssigned" },
            properties: {
                grafanaMajorVersion: "11",
                zoneRedundancy: "Enabled",
                publicNetworkAccess: "Disabled",
                apiKey: "Disabled",
                grafanaIntegrations: { azureMonitorWorkspaceIntegrations: [{ azureMonitorWorkspaceResourceId: "prometheus-id" }] },
            },
            tags: TAGS,
        }),
        resource(T.APPLICATION_INSIGHTS, "traces", {
            ...RG,
            resourceName: "platform-traces",
            kind: "other",
            applicationType: "other",
            workspaceResourceId: "traces-workspace-id",
            ingestionMode: "LogAnalytics",
            tags: TAGS,
        }),
    ];
}

export const cases: PolicyCase[] = [
    {
        policy: grafanaPrivate,
        baseline: telemetry,
        mutations: [
            { title: "public network access on", apply: set("grafana", "properties.publicNetworkAccess", "Enabled"), message: /publicNetworkAccess is "Enabled"/ },
            { title: "public network access left to the default", apply: set("grafana", "properties.publicNetworkAccess", undefined), message: /unset \(Enabled\)/ },
        ],
    },
    {
        policy: grafanaApiKeys,
        baseline: telemetry,
        mutations: [
            { title: "API keys enabled", apply: set("grafana", "properties.apiKey", "Enabled"), message: /apiKey is "Enabled"/ },
            { title: "API keys left to the default (disabled)", apply: set("grafana", "properties.apiKey", undefined), expectNone: true },
        ],
    },
    {
        policy: grafanaZones,
        baseline: telemetry,
        mutations: [
            { title: "one zone in production", apply: set("grafana", "properties.zoneRedundancy", "Disabled"), message: /zoneRedundancy is "Disabled"/ },
            { title: "Essential SKU in production", apply: set("grafana", "sku.name", "Essential"), message: /only Standard/ },
            { title: "one zone in development", apply: set("grafana", "properties.zoneRedundancy", "Disabled"), tier: "development", expectNone: true },
        ],
    },
    {
        policy: insightsWorkspace,
        baseline: telemetry,
        mutations: [
            { title: "a classic component", apply: set("traces", "workspaceResourceId", undefined), message: /workspaceResourceId is not set/ },
            { title: "ingestion outside the workspace", apply: set("traces", "ingestionMode", "ApplicationInsights"), message: /ingestionMode is "ApplicationInsights"/ },
        ],
    },
];
