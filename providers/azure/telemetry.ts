// The idea-management document's Prometheus and Grafana and its Jaeger, as Azure's managed
// services: an Azure Monitor workspace (managed Prometheus) fed through one data collection
// endpoint and rule (the VMs' collectors remote-write to it, AKS's metrics add-on is associated
// with it), Azure Managed Grafana reading it with its own identity, and a workspace-based
// Application Insights component the collectors export traces to.
//
// Managed Prometheus keeps samples 18 months, a fixed retention: the document's 15 days and
// 50 GB are a floor it exceeds, not settings it takes. Grafana is Standard (the SKU with SLA,
// zone redundancy and private endpoints), reached only through its private endpoint: operators
// browse it from the VNet (the VPN gateway, or the organisation's network behind adminCidrs).

import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as dashboard from "@pulumi/azure-native/dashboard";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { TelemetrySpec } from "../../tiers/types";
import { grant, privateEndpoint } from "./access";
import { WORKSPACE_RETENTION } from "./alertRules";
import { PROMETHEUS_STREAM, prometheusIngestionUrl } from "./collector";
import { boundedName, childName, childOpts, dataOpts, globalName, tagsFor, vaultObjectName } from "./common";
import { createVaultSecret } from "./keyVault";
import { AzureNetworkNative, nativeOf } from "./native";

export const GRAFANA_ZONE = "privatelink.grafana.azure.com";
/** Built-in roles Grafana and the deployer get (the same GUIDs in every tenant). */
export const TELEMETRY_ROLES = {
    /** PromQL queries on the Azure Monitor workspace. */
    monitoringDataReader: "b0d8363b-8ddd-447d-831f-62ca05bff136",
    /** Azure Monitor metrics of the platform's resources (database, gateway, cache) for the dashboards. */
    monitoringReader: "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
    grafanaAdmin: "22926164-76b3-42b3-bc55-97df8dab3e41",
} as const;
export const GRAFANA_MAJOR_VERSION = "11";
/** Managed Prometheus's fixed retention: what the document's 15 days become on Azure. */
export const PROMETHEUS_RETENTION_DAYS = 548;

/** What the fleets and the cluster need from telemetry. */
export interface AzureTelemetryNative {
    monitorWorkspace?: monitor.AzureMonitorWorkspace;
    collectionEndpoint?: monitor.DataCollectionEndpoint;
    /** The Prometheus rule: VM identities publish to it, AKS is associated with it. */
    collectionRule?: monitor.DataCollectionRule;
    /** Remote-write URL of the rule (collector.ts prometheusIngestionUrl). */
    ingestionUrl?: pulumi.Output<string>;
    grafana?: dashboard.Grafana;
    insights?: applicationinsights.Component;
    /** Key Vault secret with the traces component's connection string, and its name. */
    connectionSecret?: keyvault.Secret;
    connectionSecretName?: string;
}

export interface TelemetryNames {
    monitorWorkspace: string;
    collectionEndpoint: string;
    collectionRule: string;
    tracesWorkspace: string;
    insights: string;
    connectionSecret: string;
}

/** Names within Azure's limits (workspace, endpoint and rule 3-44; Log Analytics 4-63): dots become hyphens. */
export function telemetryNames(platformName: string): TelemetryNames {
    const safe = platformName.replace(/[^A-Za-z0-9-]/g, "-");
    return {
        monitorWorkspace: boundedName(`${safe}-prometheus`, 44),
        collectionEndpoint: boundedName(`${safe}-prometheus-dce`, 44),
        collectionRule: boundedName(`${safe}-prometheus-dcr`, 44),
        tracesWorkspace: boundedName(`${safe}-traces`, 63),
        insights: boundedName(`${safe}-traces`, 255),
        connectionSecret: vaultObjectName(platformName, "traces-connection"),
    };
}

/** Grafana's shape from the spec alone: HA (zone-redundant) wherever the document runs two replicas. */
export function grafanaPlan(spec: TelemetrySpec): { sku: string; zoneRedundancy: "Enabled" | "Disabled"; publicNetworkAccess: "Disabled"; apiKey: "Disabled" } {
    return { sku: "Standard", zoneRedundancy: spec.metrics.replicas > 1 ? "Enabled" : "Disabled", publicNetworkAccess: "Disabled", apiKey: "Disabled" };
}

function prometheus(ctx: AdapterContext, net: AzureNetworkNative, names: TelemetryNames) {
    const rg = net.resourceGroup.name;
    const tags = tagsFor(ctx);
    // Public ingestion and query endpoints, Entra ID only: the VMs reach them through the NAT
    // gateway, Grafana from Azure's network; a private link scope would add an AMPLS per stack.
    const workspace = new monitor.AzureMonitorWorkspace(
        childName(ctx, "prometheus"),
        { azureMonitorWorkspaceName: names.monitorWorkspace, resourceGroupName: rg, location: net.location, publicNetworkAccess: "Enabled", tags },
        dataOpts(ctx),
    );
    const endpoint = new monitor.DataCollectionEndpoint(
        childName(ctx, "prometheus-endpoint"),
        {
            dataCollectionEndpointName: names.collectionEndpoint,
            resourceGroupName: rg,
            location: net.location,
            kind: "Linux",
            networkAcls: { publicNetworkAccess: "Enabled" },
            description: "Managed Prometheus ingestion for the platform's collectors and AKS's metrics add-on",
            tags,
        },
        childOpts(ctx),
    );
    const rule = new monitor.DataCollectionRule(
        childName(ctx, "prometheus-rule"),
        {
            dataCollectionRuleName: names.collectionRule,
            resourceGroupName: rg,
            location: net.location,
            kind: "Linux",
            dataCollectionEndpointId: endpoint.id,
            description: "Prometheus samples into the platform's Azure Monitor workspace",
            dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_STREAM], labelIncludeFilter: {} }] },
            destinations: { monitoringAccounts: [{ name: "MonitoringAccount1", accountResourceId: workspace.id }] },
            dataFlows: [{ streams: [PROMETHEUS_STREAM], destinations: ["MonitoringAccount1"] }],
            tags,
        },
        childOpts(ctx),
    );
    const ingestionUrl = pulumi
        .all([endpoint.metricsIngestion, rule.immutableId])
        .apply(([ingestion, immutableId]) => prometheusIngestionUrl(ingestion?.endpoint ?? "", immutableId ?? ""));
    return { workspace, endpoint, rule, ingestionUrl };
}

function grafana(ctx: AdapterContext, spec: TelemetrySpec, net: AzureNetworkNative, workspace: monitor.AzureMonitorWorkspace): dashboard.Grafana {
    const plan = grafanaPlan(spec);
    const instance = new dashboard.Grafana(
        childName(ctx, "grafana"),
        {
            // 2-23 letters, digits and hyphens; its URL is global.
            workspaceName: globalName(ctx, "grafana", { max: 23 }),
            resourceGroupName: net.resourceGroup.name,
            location: net.location,
            sku: { name: plan.sku },
            identity: { type: "SystemAssigned" },
            properties: {
                grafanaMajorVersion: GRAFANA_MAJOR_VERSION,
                zoneRedundancy: plan.zoneRedundancy,
                publicNetworkAccess: plan.publicNetworkAccess,
                // Entra ID sign-in only: no long-lived API keys, no public snapshots.
                apiKey: plan.apiKey,
                deterministicOutboundIP: "Disabled",
                grafanaConfigurations: { snapshots: { externalEnabled: false }, security: { csrfAlwaysCheck: true }, users: { viewersCanEdit: false } },
                grafanaIntegrations: { azureMonitorWorkspaceIntegrations: [{ azureMonitorWorkspaceResourceId: workspace.id }] },
            },
            tags: tagsFor(ctx),
        },
        // Imported dashboards live in it.
        dataOpts(ctx),
    );
    const principal = instance.identity.apply((identity) => identity?.principalId ?? "");
    grant(ctx, net, "grafana-reads-prometheus", {
        principalId: principal,
        role: TELEMETRY_ROLES.monitoringDataReader,
        scope: workspace.id,
        servicePrincipal: true,
        description: "Grafana queries managed Prometheus",
    });
    grant(ctx, net, "grafana-reads-metrics", {
        principalId: principal,
        role: TELEMETRY_ROLES.monitoringReader,
        scope: net.resourceGroup.id,
        servicePrincipal: true,
        description: "Grafana reads the Azure Monitor metrics of the platform's database, cache and gateway",
    });
    // The deploying principal administers Grafana; others get Grafana Viewer or Editor on it.
    grant(ctx, net, "grafana-deployer-admin", {
        principalId: net.deployerObjectId,
        role: TELEMETRY_ROLES.grafanaAdmin,
        scope: instance.id,
        description: "The deploying principal imports the platform's dashboards",
    });

    const zone = new privatedns.PrivateZone(
        childName(ctx, "grafana-zone"),
        { resourceGroupName: net.resourceGroup.name, location: "global", privateZoneName: GRAFANA_ZONE, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    new privatedns.VirtualNetworkLink(
        childName(ctx, "grafana-zone-link"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: "global",
            privateZoneName: zone.name,
            virtualNetworkLinkName: childName(ctx, "grafana-link"),
            virtualNetwork: { id: net.vnet.id },
            registrationEnabled: false,
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    privateEndpoint(ctx, { ...net, privateDnsZones: { ...net.privateDnsZones, [GRAFANA_ZONE]: zone } }, "grafana-endpoint", { resourceId: instance.id, groupId: "grafana", zone: GRAFANA_ZONE });
    return instance;
}

/**
 * Application Insights for traces, on a Log Analytics workspace of its own: the platform's log
 * workspace is created with the alerts, after the fleet whose collectors need this component's
 * connection string at boot.
 */
function traces(ctx: AdapterContext, spec: TelemetrySpec, net: AzureNetworkNative, names: TelemetryNames) {
    const rg = net.resourceGroup.name;
    const tags = tagsFor(ctx);
    const workspace = new operationalinsights.Workspace(
        childName(ctx, "traces-workspace"),
        {
            workspaceName: names.tracesWorkspace,
            resourceGroupName: rg,
            location: net.location,
            sku: { name: "PerGB2018" },
            retentionInDays: Math.min(WORKSPACE_RETENTION.max, Math.max(WORKSPACE_RETENTION.min, spec.logRetentionDays)),
            features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
            tags,
        },
        dataOpts(ctx),
    );
    const insights = new applicationinsights.Component(
        childName(ctx, "traces"),
        {
            resourceName: names.insights,
            resourceGroupName: rg,
            location: net.location,
            kind: "other",
            applicationType: "other",
            workspaceResourceId: workspace.id,
            ingestionMode: "LogAnalytics",
            // The collector's azuremonitor exporter authenticates with the connection string only
            // (contrib#41004): ingestion keeps it; reading the traces stays Entra ID only.
            disableLocalAuth: false,
            // The SDKs sample (OTEL_TRACES_SAMPLER_ARG); the service keeps what arrives.
            samplingPercentage: 100,
            tags,
        },
        dataOpts(ctx),
    );
    const secret = createVaultSecret(ctx, net, "traces-connection", { name: names.connectionSecret, value: insights.connectionString, contentType: "text/plain" });
    return { workspace, insights, secret };
}

export function createTelemetry(ctx: AdapterContext, spec: TelemetrySpec, deps: DataDeps): AdapterResult<TelemetryOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const names = telemetryNames(ctx.platform.name);
    const native: AzureTelemetryNative = {};
    let metricsEndpoint: pulumi.Output<string> = pulumi.output("");
    let grafanaUrl: pulumi.Output<string> = pulumi.output("");
    let tracesDestination: pulumi.Output<string> = pulumi.output("");
    if (spec.metrics.enabled) {
        const p = prometheus(ctx, net, names);
        const instance = grafana(ctx, spec, net, p.workspace);
        Object.assign(native, { monitorWorkspace: p.workspace, collectionEndpoint: p.endpoint, collectionRule: p.rule, ingestionUrl: p.ingestionUrl, grafana: instance });
        metricsEndpoint = p.workspace.metrics.apply((metrics) => metrics?.prometheusQueryEndpoint ?? "");
        grafanaUrl = instance.properties.apply((properties) => properties?.endpoint ?? "");
    }
    if (spec.tracing.enabled) {
        const t = traces(ctx, spec, net, names);
        Object.assign(native, { insights: t.insights, connectionSecret: t.secret, connectionSecretName: names.connectionSecret });
        tracesDestination = t.insights.id;
    }
    return { outputs: { metricsEndpoint, grafanaUrl, tracesDestination }, native };
}
