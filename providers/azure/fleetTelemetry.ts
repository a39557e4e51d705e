// How the app tier joins telemetry.ts: each VM identity publishes to the Prometheus rule and
// reads the traces connection string, and its boot script installs the collector; on AKS the
// managed Prometheus add-on is associated with the same rule and endpoint (it runs its own
// node-exporter, kube-state-metrics and scrapers), and the shared in-cluster collector exports
// the services' traces to Application Insights.

import * as monitor from "@pulumi/azure-native/monitor";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec, TelemetrySpec } from "../../tiers/types";
import { clusterCollectorEndpoint, COLLECTOR_CHART, collectorValues, installCollector } from "../kubernetes/workloads";
import { CONNECTION_STRING_VARIABLE } from "./collector";
import { boundedName, childName, childOpts } from "./common";
import { grant, secretScope } from "./instanceRole";
import { FleetScope } from "./loadBalancer";
import { AzureTelemetryNative } from "./telemetry";
import { BootScriptParams } from "./userData";
import { ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import type * as managedidentity from "@pulumi/azure-native/managedidentity";

export interface VmTelemetry {
    params?: pulumi.Output<NonNullable<BootScriptParams["telemetry"]>>;
    /** Role assignments the VMs need before they boot. */
    grants: pulumi.Resource[];
}

/** One service's access to the Prometheus rule and the traces secret, and its collector's settings. */
export function vmTelemetry(s: FleetScope, service: ServiceSpec, identity: managedidentity.UserAssignedIdentity, telemetry?: AzureTelemetryNative): VmTelemetry {
    const spec = s.ctx.platform.telemetry;
    if (!telemetry || (!telemetry.collectionRule && !telemetry.connectionSecret)) {
        return { grants: [] };
    }
    const grants: pulumi.Resource[] = [];
    if (telemetry.collectionRule) {
        // Remote write is authorized on the rule alone, not on the workspace.
        grants.push(grant(s, `${service.name}-publishes-metrics`, identity.principalId, "monitoringMetricsPublisher", telemetry.collectionRule.id));
    }
    if (telemetry.connectionSecret && telemetry.connectionSecretName) {
        grants.push(
            grant(s, `${service.name}-reads-traces-connection`, identity.principalId, "keyVaultSecretsUser", secretScope(s, telemetry.connectionSecretName), {
                dependsOn: [telemetry.connectionSecret],
            }),
        );
    }
    const ingestionUrl = telemetry.ingestionUrl ?? pulumi.output("");
    const params = ingestionUrl.apply((url) => ({
        architecture: service.capacity.architecture,
        ...(telemetry.collectionRule
            ? { metrics: { scrapeIntervalSeconds: spec.metrics.scrapeIntervalSeconds, nodeExporterPort: spec.metrics.nodeExporterPort, metricsPath: spec.metrics.metricsPath, ingestionUrl: url } }
            : {}),
        ...(telemetry.connectionSecretName
            ? {
                  tracing: {
                      otlpGrpcPort: spec.tracing.otlpGrpcPort,
                      otlpHttpPort: spec.tracing.otlpHttpPort,
                      connectionStringUrl: `https://${s.net.keyVaultName}.vault.azure.net/secrets/${telemetry.connectionSecretName}`,
                  },
              }
            : {}),
    }));
    return { params, grants };
}

/** On a cluster the services send OTLP to the shared collector's Service, not to localhost. */
export function podTracingEndpoint(environment: ServiceEnvironmentConfig, spec: TelemetrySpec): ServiceEnvironmentConfig {
    if (!environment.plain.OTEL_EXPORTER_OTLP_ENDPOINT) {
        return environment;
    }
    return { ...environment, plain: { ...environment.plain, OTEL_EXPORTER_OTLP_ENDPOINT: clusterCollectorEndpoint(spec.tracing) } };
}

/**
 * Managed Prometheus's default targets scraped every 15 s (the add-on's default is 30 s) and the
 * app namespace's annotated pods; the add-on reads this ConfigMap from kube-system.
 */
export function metricsSettings(spec: TelemetrySpec, appNamespace: string): Record<string, string> {
    const interval = `"${spec.metrics.scrapeIntervalSeconds}s"`;
    const targets = ["kubelet", "coredns", "cadvisor", "kubeproxy", "apiserver", "kubestate", "nodeexporter", "prometheuscollectorhealth", "podannotations"];
    return {
        "schema-version": "v1",
        "config-version": "ver1",
        "pod-annotation-based-scraping": `podannotationnamespaceregex = "^${appNamespace}$"`,
        "default-targets-scrape-interval-settings": targets.map((target) => `${target} = ${interval}`).join("\n"),
    };
}

/** The chart values of the shared collector on AKS: the azuremonitor exporter, its secret as an environment variable. */
export function clusterCollectorValues(spec: TelemetrySpec, secretName: string) {
    return {
        base: collectorValues(spec.tracing, spec.metrics.replicas, {
            exporters: { azuremonitor: { connection_string: `\${env:${CONNECTION_STRING_VARIABLE}}` } },
            pipelines: { traces: { exporters: ["azuremonitor"] } },
        }),
        extra: { extraEnvs: [{ name: CONNECTION_STRING_VARIABLE, valueFrom: { secretKeyRef: { name: secretName, key: "connection-string" } } }] },
    };
}

export const COLLECTOR_SECRET = "otel-collector-azure-monitor";

interface ClusterHandles {
    clusterId: pulumi.Input<string>;
    clusterName: string;
    provider: k8s.Provider;
    ready: pulumi.Resource[];
    appNamespace: string;
}

/** Associates AKS with the Prometheus rule and endpoint, tunes the add-on, and installs the traces collector. */
export function clusterTelemetry(s: FleetScope, cluster: ClusterHandles, telemetry?: AzureTelemetryNative): pulumi.Resource[] {
    const { ctx } = s;
    const spec = ctx.platform.telemetry;
    const created: pulumi.Resource[] = [];
    if (!telemetry) {
        return created;
    }
    if (telemetry.collectionRule && telemetry.collectionEndpoint) {
        created.push(
            new monitor.DataCollectionRuleAssociation(
                childName(ctx, "aks-prometheus-rule"),
                {
                    associationName: boundedName(`MSProm-${s.location}-${cluster.clusterName}`, 64),
                    resourceUri: cluster.clusterId,
                    dataCollectionRuleId: telemetry.collectionRule.id,
                    description: "Managed Prometheus: the cluster's scrapes go to the platform's Azure Monitor workspace",
                },
                childOpts(ctx),
            ),
            // The add-on reads its configuration through the endpoint: Azure requires this association name.
            new monitor.DataCollectionRuleAssociation(
                childName(ctx, "aks-prometheus-endpoint"),
                { associationName: "configurationAccessEndpoint", resourceUri: cluster.clusterId, dataCollectionEndpointId: telemetry.collectionEndpoint.id },
                childOpts(ctx),
            ),
            new k8s.core.v1.ConfigMap(
                childName(ctx, "ama-metrics-settings"),
                { metadata: { name: "ama-metrics-settings-configmap", namespace: "kube-system" }, data: metricsSettings(spec, cluster.appNamespace) },
                { parent: ctx.parent, provider: cluster.provider, dependsOn: cluster.ready },
            ),
        );
    }
    if (telemetry.insights) {
        const namespace = new k8s.core.v1.Namespace(
            childName(ctx, "otel-collector-namespace"),
            { metadata: { name: COLLECTOR_CHART.namespace, labels: { "pod-security.kubernetes.io/enforce": "baseline" } } },
            { parent: ctx.parent, provider: cluster.provider, dependsOn: cluster.ready },
        );
        // etcd encrypts it with the platform's Key Vault key (KMS v2); only the collector mounts it.
        const secret = new k8s.core.v1.Secret(
            childName(ctx, "otel-collector-secret"),
            {
                metadata: { name: COLLECTOR_SECRET, namespace: COLLECTOR_CHART.namespace },
                type: "Opaque",
                stringData: { "connection-string": pulumi.secret(telemetry.insights.connectionString) },
            },
            { parent: ctx.parent, provider: cluster.provider, dependsOn: [namespace] },
        );
        const values = clusterCollectorValues(spec, COLLECTOR_SECRET);
        created.push(namespace, secret, installCollector(ctx, cluster.provider, values.base, values.extra, { dependsOn: [secret, ...cluster.ready] }));
    }
    return created;
}
