// The shared workloads: the same objects on EKS, GKE, AKS and any existing cluster. Each
// function registers what a pure manifest function of this folder builds; the cluster adapter
// supplies what differs (WorkloadCluster, types.ts).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, ServiceEndpoint } from "../../adapter";
import { AppFleetSpec, ServiceSpec } from "../../../tiers/types";
import { ServiceEnvironmentConfig } from "../../vm/serviceEnvironment";
import { childName, labelsFor } from "../common";
import { ClusterRef, k8sOpts, metadataOf, scopeOf, selectorOf } from "./common";
import {
    deploymentManifest,
    horizontalPodAutoscalerManifest,
    podDisruptionBudgetManifest,
    scaledObjectManifest,
    serviceAccountManifest,
    serviceManifest,
} from "./deployment";
import { environmentSecretName, ExternalSecretOptions, externalSecretManifest, secretManifest } from "./environment";
import { ingressHosts, ingressManifest, localCertificateManifest, serviceUrls } from "./ingress";
import { defaultDenyManifest, dnsEgressManifest, limitRangeManifest, namespaceManifest, resourceQuotaManifest } from "./namespace";
import { callsPolicyManifest, egressPolicyManifest, ingressPolicyManifest } from "./network";
import { WorkloadCluster } from "./types";

export * from "./types";
export { ClusterRef } from "./common";
export { installCertManager, installExternalSecrets, installKeda, installMetricsServer, ADDON_CHARTS } from "./addons";
export type { AddonOptions, AddonValues } from "./addons";
export { clusterCollectorEndpoint, collectorEgress, collectorValues, installCollector, COLLECTOR_CHART, COLLECTOR_NAME } from "./collector";
export type { CollectorPipelines } from "./collector";
export { environmentSecretName, REFRESH_INTERVAL } from "./environment";
export type { ExternalSecretOptions, RemoteKey } from "./environment";
export { queueScaling, RUN_AS_USER, WORKER_HEARTBEAT_FILE } from "./deployment";

/** The ConfigMap of CA bundles every container mounts at /etc/platform/certs. */
export const CERTIFICATES_NAME = "platform-certs";

export interface AppNamespace {
    namespace: k8s.core.v1.Namespace;
    name: pulumi.Output<string>;
    /** The quota, defaults and base network policies: what the workloads wait for. */
    ready: pulumi.Resource[];
}

export function createAppNamespace(ctx: AdapterContext, spec: AppFleetSpec, provider: k8s.Provider, name: string): AppNamespace {
    const namespace = new k8s.core.v1.Namespace(childName(ctx, "namespace"), namespaceManifest(name, labelsFor(ctx, "workloads")), k8sOpts(ctx, provider));
    const scope = scopeOf(ctx, namespace.metadata.name);
    const opts = k8sOpts(ctx, provider, { dependsOn: [namespace] });
    const ready = [
        new k8s.core.v1.ResourceQuota(childName(ctx, "quota"), resourceQuotaManifest(scope, spec.kubernetes.quota), opts),
        new k8s.core.v1.LimitRange(childName(ctx, "limits"), limitRangeManifest(scope), opts),
        new k8s.networking.v1.NetworkPolicy(childName(ctx, "default-deny"), defaultDenyManifest(scope), opts),
        new k8s.networking.v1.NetworkPolicy(childName(ctx, "allow-dns"), dnsEgressManifest(scope), opts),
    ];
    return { namespace, name: namespace.metadata.name, ready };
}

export function createCertificates(ctx: AdapterContext, cluster: ClusterRef, pems: Record<string, pulumi.Input<string>>): k8s.core.v1.ConfigMap {
    const bad = Object.keys(pems).filter((file) => !/^[a-z0-9][a-z0-9.-]*\.pem$/.test(file));
    if (bad.length > 0) {
        throw new Error(`certificate file names must be lowercase *.pem names: ${bad.join(", ")}`);
    }
    return new k8s.core.v1.ConfigMap(
        childName(ctx, "certificates"),
        { metadata: metadataOf(scopeOf(ctx, cluster.namespace), CERTIFICATES_NAME), immutable: false, data: pems },
        k8sOpts(ctx, cluster.provider),
    );
}

export function contractExternalSecret(
    ctx: AdapterContext,
    cluster: ClusterRef,
    service: ServiceSpec,
    env: pulumi.Input<ServiceEnvironmentConfig>,
    store: { name: string; kind: "SecretStore" | "ClusterSecretStore" },
    opts?: ExternalSecretOptions & { dependsOn?: pulumi.Input<pulumi.Resource>[] },
): { secretName: string; resource: k8s.apiextensions.CustomResource } {
    const scope = scopeOf(ctx, cluster.namespace);
    const manifest = pulumi.output(env).apply((config) => externalSecretManifest(scope, service, config as ServiceEnvironmentConfig, store, opts));
    const resource = new k8s.apiextensions.CustomResource(
        childName(ctx, `${service.name}-env`),
        { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret", metadata: metadataOf(scope, environmentSecretName(service), selectorOf(scope, service)), spec: manifest.spec },
        k8sOpts(ctx, cluster.provider, opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}),
    );
    return { secretName: environmentSecretName(service), resource };
}

export function contractSecret(ctx: AdapterContext, cluster: ClusterRef, service: ServiceSpec, variables: pulumi.Input<Record<string, pulumi.Input<string>>>): { secretName: string; resource: k8s.core.v1.Secret } {
    const resource = new k8s.core.v1.Secret(childName(ctx, `${service.name}-env`), secretManifest(scopeOf(ctx, cluster.namespace), service, variables), k8sOpts(ctx, cluster.provider));
    return { secretName: environmentSecretName(service), resource };
}

export interface DeployedWorkloads {
    deployments: Record<string, k8s.apps.v1.Deployment>;
    ingress?: k8s.networking.v1.Ingress;
    /** Same shape as every adapter's AppFleetOutputs.services; URLs known at plan time with a domain. */
    services: ServiceEndpoint[];
    /** The same, once the Ingress has an address (without a domain, URLs name that address). */
    endpoints: pulumi.Output<ServiceEndpoint[]>;
    /** The Ingress's load balancer (hostname or IP); empty without public web services. */
    loadBalancerHost: pulumi.Output<string>;
    /** The public URL: https://<domain>, or https://<address> of the Ingress. */
    url: pulumi.Output<string>;
}

function endpointsFor(spec: AppFleetSpec, host: string): ServiceEndpoint[] {
    const urls = spec.domain || host ? serviceUrls(spec, host) : {};
    return spec.services.map((service) => ({
        name: service.name,
        kind: service.kind,
        minReplicas: service.minReplicas,
        maxReplicas: service.maxReplicas,
        ...(urls[service.name] ? { url: urls[service.name] } : {}),
    }));
}

export function deployWorkloads(ctx: AdapterContext, spec: AppFleetSpec, cluster: WorkloadCluster, opts?: { dependsOn?: pulumi.Input<pulumi.Resource>[] }): DeployedWorkloads {
    const scope = scopeOf(ctx, cluster.namespace);
    const dependsOn = [...cluster.dependsOn, ...(opts?.dependsOn ?? [])];
    const options = k8sOpts(ctx, cluster.provider, { dependsOn });
    const deployments: Record<string, k8s.apps.v1.Deployment> = {};
    for (const service of spec.services) {
        const account = new k8s.core.v1.ServiceAccount(childName(ctx, `${service.name}-account`), serviceAccountManifest(scope, service, cluster.identity(service)), options);
        const deployment = new k8s.apps.v1.Deployment(childName(ctx, service.name), deploymentManifest(scope, spec, service, cluster), k8sOpts(ctx, cluster.provider, { dependsOn: [...dependsOn, account] }));
        deployments[service.name] = deployment;
        const after = k8sOpts(ctx, cluster.provider, { dependsOn: [deployment] });
        if (service.kind === "web" && service.port !== undefined) {
            const serviceObject = serviceManifest(scope, service);
            const annotations = cluster.serviceAnnotations?.(service) ?? {};
            const withAnnotations = Object.keys(annotations).length > 0 ? { ...serviceObject, metadata: { ...serviceObject.metadata, annotations } } : serviceObject;
            new k8s.core.v1.Service(childName(ctx, `${service.name}-service`), withAnnotations, options);
            new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(ctx, `${service.name}-autoscaler`), horizontalPodAutoscalerManifest(scope, spec, service), after);
        } else {
            const scaled = scaledObjectManifest(scope, spec, service, cluster.queueTrigger(service));
            new k8s.apiextensions.CustomResource(childName(ctx, `${service.name}-scaler`), { apiVersion: scaled.apiVersion, kind: scaled.kind, metadata: scaled.metadata, spec: scaled.spec }, after);
        }
        new k8s.policy.v1.PodDisruptionBudget(childName(ctx, `${service.name}-disruption`), podDisruptionBudgetManifest(scope, service), options);
        const inbound = ingressPolicyManifest(scope, spec, service, cluster.ingress.sources);
        if (inbound) {
            new k8s.networking.v1.NetworkPolicy(childName(ctx, `${service.name}-ingress`), inbound, options);
        }
        const calls = callsPolicyManifest(scope, spec, service);
        if (calls) {
            new k8s.networking.v1.NetworkPolicy(childName(ctx, `${service.name}-calls`), calls, options);
        }
    }
    for (const rule of cluster.egress) {
        const policy = egressPolicyManifest(scope, rule);
        new k8s.networking.v1.NetworkPolicy(childName(ctx, `egress-${rule.purpose.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`), policy, options);
    }

    const manifest = ingressManifest(scope, spec, cluster.ingress);
    let ingress: k8s.networking.v1.Ingress | undefined;
    if (manifest) {
        const local = ingressHosts(spec).length === 0 ? localCertificateManifest(scope, cluster.ingress) : undefined;
        const certificate = local
            ? [new k8s.apiextensions.CustomResource(childName(ctx, "ingress-certificate"), { apiVersion: local.apiVersion, kind: local.kind, metadata: local.metadata, spec: local.spec }, options)]
            : [];
        ingress = new k8s.networking.v1.Ingress(childName(ctx, "ingress"), manifest, k8sOpts(ctx, cluster.provider, { dependsOn: [...dependsOn, ...Object.values(deployments), ...certificate] }));
    }
    const loadBalancerHost = ingress
        ? ingress.status.apply((status) => {
              const first = status?.loadBalancer?.ingress?.[0];
              return first?.hostname || first?.ip || "";
          })
        : pulumi.output("");
    const endpoints = loadBalancerHost.apply((host) => endpointsFor(spec, host));
    const url = endpoints.apply((list) => list.find((endpoint) => endpoint.url)?.url ?? "");
    return { deployments, ingress, services: endpointsFor(spec, ""), endpoints, loadBalancerHost, url };
}
