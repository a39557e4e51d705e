// The app fleet on an existing cluster: the controllers the shared workloads need (the ingress
// controller, cert-manager and its issuer, KEDA), each service's contract Secret rendered from
// the credentials Pulumi generated, the CA bundle every container mounts, then the shared
// workloads themselves (providers/kubernetes/workloads).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { childName, childOpts, labelsFor } from "./common";
import { CA_BUNDLE_KEYS, ContractValues, contractVariables } from "./environment";
import { clusterIssuerManifest, INGRESS_NGINX_CHART, ingressNginxValues, nginxIngressAnnotations } from "./ingress";
import { appNamespaceName, ingressNamespaceName } from "./names";
import { DATA_PORTS, namespacePeer, podSecurityLabels } from "./network";
import { KubernetesAppFleetNative, KubernetesCacheNative, KubernetesDatabaseNative, KubernetesNetworkNative, KubernetesObjectStoreNative, nativeOf } from "./native";
import type { KubernetesSearchNative } from "./search";
import { SEARCH_HTTP_PORT } from "../vm/searchNode";
import {
    CERTIFICATES_NAME,
    clusterCollectorEndpoint,
    collectorEgress,
    contractSecret,
    createCertificates,
    deployWorkloads,
    environmentSecretName,
    installCertManager,
    installKeda,
    ADDON_CHARTS,
    QueueTrigger,
    WorkloadCluster,
} from "./workloads";

/** The Secret cert-manager fills for the Ingress, and the one holding the platform CA for the local issuer. */
export const INGRESS_TLS_SECRET = "public-tls";
const QUEUE_AUTH = "redis-queue";
/** The port cert-manager's HTTP-01 solver pods listen on. */
const ACME_SOLVER_PORT = 8089;

/** The KEDA trigger of a worker: the length of its Redis list, over TLS with AUTH from a Secret. */
export function queueTriggerFor(spec: Pick<AppFleetSpec, "scaleOutQueueDepth" | "scaleInQueueDepth">, service: Pick<ServiceSpec, "name">, cache: { host: pulumi.Input<string>; port: number; cluster: boolean }): QueueTrigger {
    const address = pulumi.interpolate`${cache.host}:${cache.port}`;
    return {
        type: cache.cluster ? "redis-cluster" : "redis",
        metadata: {
            ...(cache.cluster ? { addresses: address } : { address, databaseIndex: "0" }),
            listName: service.name,
            listLength: String(spec.scaleOutQueueDepth),
            activationListLength: String(spec.scaleInQueueDepth),
        },
        authenticationRef: { name: QUEUE_AUTH, kind: "TriggerAuthentication" },
    };
}

function ingressController(ctx: AdapterContext, spec: AppFleetSpec, net: KubernetesNetworkNative): { namespace?: string; ready: pulumi.Resource[] } {
    if (net.ingressClass !== "nginx") {
        return { ready: [] };
    }
    const opts = childOpts(ctx, { provider: net.provider });
    const name = ingressNamespaceName(ctx.platform.name);
    // ingress-nginx binds 80/443 with NET_BIND_SERVICE, which "restricted" allows; its admission jobs run as non-root.
    const namespace = new k8s.core.v1.Namespace(childName(ctx, "ingress-namespace"), { metadata: { name, labels: { ...labelsFor(ctx, "ingress"), ...podSecurityLabels("baseline") } } }, opts);
    const release = new k8s.helm.v3.Release(
        childName(ctx, "ingress-nginx"),
        {
            name: `${ctx.platform.name}-ingress-nginx`,
            chart: INGRESS_NGINX_CHART.chart,
            version: INGRESS_NGINX_CHART.version,
            repositoryOpts: { repo: INGRESS_NGINX_CHART.repo },
            namespace: namespace.metadata.name,
            values: ingressNginxValues(spec, net.ingressClass),
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 5,
            timeout: 600,
        },
        childOpts(ctx, { provider: net.provider, dependsOn: [namespace] }),
    );
    return { namespace: name, ready: [release] };
}

function clusterIssuer(ctx: AdapterContext, spec: AppFleetSpec, net: KubernetesNetworkNative, certManager: k8s.helm.v3.Release): k8s.apiextensions.CustomResource {
    const issuerName = `${ctx.platform.name}-issuer`;
    const caSecretName = `${ctx.platform.name}-ca`;
    const after: pulumi.Resource[] = [certManager];
    if (!spec.domain) {
        // The CA issuer reads its key pair from cert-manager's own namespace; nothing else reads it there.
        after.push(
            new k8s.core.v1.Secret(
                childName(ctx, "issuer-ca"),
                {
                    metadata: { name: caSecretName, namespace: ADDON_CHARTS.certManager.namespace, labels: labelsFor(ctx, "ingress") },
                    type: "kubernetes.io/tls",
                    stringData: { "tls.crt": net.ca.cert.certPem, "tls.key": net.ca.key.privateKeyPem },
                },
                childOpts(ctx, { provider: net.provider, dependsOn: [certManager] }),
            ),
        );
    }
    const manifest = clusterIssuerManifest(issuerName, labelsFor(ctx, "ingress"), spec, net.ingressClass, ctx.platform.observability.alertEmail, caSecretName);
    return new k8s.apiextensions.CustomResource(childName(ctx, "issuer"), { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: manifest.metadata, spec: manifest.spec }, childOpts(ctx, { provider: net.provider, dependsOn: after }));
}

/** A 64-character secret from @pulumi/random, kept secret in the state. */
function generated(ctx: AdapterContext, role: string): pulumi.Output<string> {
    return new random.RandomPassword(childName(ctx, role), { length: 64, special: false }, childOpts(ctx)).result;
}

export function createAppFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    const net = nativeOf<KubernetesNetworkNative>(deps.network);
    const database = nativeOf<KubernetesDatabaseNative>(deps.database);
    const cache = nativeOf<KubernetesCacheNative>(deps.cache);
    const storage = nativeOf<KubernetesObjectStoreNative>(deps.objectStore);
    const search = deps.search ? nativeOf<KubernetesSearchNative>(deps.search) : undefined;
    const provider = net.provider;
    const opts = childOpts(ctx, { provider });
    const cluster = { provider, namespace: net.appNamespace };

    const controller = ingressController(ctx, spec, net);
    const certManager = installCertManager(ctx, provider);
    const issuer = clusterIssuer(ctx, spec, net, certManager);
    const keda = installKeda(ctx, provider);

    // Everything a service's environment is made of, resolved once; the Secret keeps it secret.
    const values: pulumi.Output<ContractValues> = pulumi.secret(
        pulumi.all({
            dbHost: database.host,
            readHost: database.readHost ?? pulumi.output(""),
            poolHost: database.pool?.host ?? pulumi.output(""),
            dbPassword: database.appPassword,
            cacheHost: cache.host,
            cachePassword: cache.password,
            endpoint: storage.endpoint,
            bucket: storage.bucket,
            accessKey: storage.accessKey,
            secretKey: storage.secretKey,
            jwtSecret: generated(ctx, "jwt-secret"),
            apiKey: generated(ctx, "api-key"),
            searchUrl: search?.url ?? pulumi.output(""),
        }).apply((v) => ({
            database: { host: v.dbHost, ...(v.readHost ? { readHost: v.readHost } : {}), port: database.port, name: database.database, user: database.appUser, password: v.dbPassword, ...(v.poolHost && database.pool ? { pool: { host: v.poolHost, port: database.pool.port } } : {}) },
            cache: { host: v.cacheHost, port: cache.port, password: v.cachePassword, cluster: cache.cluster },
            storage: { endpoint: v.endpoint, bucket: v.bucket, region: storage.region, accessKey: v.accessKey, secretKey: v.secretKey },
            jwtSecret: v.jwtSecret,
            apiKey: v.apiKey,
            ...(v.searchUrl ? { searchUrl: v.searchUrl } : {}),
            serviceUrls: Object.fromEntries(spec.services.filter((s) => s.kind === "web" && s.port).map((s) => [s.name, `http://${s.name}.${appNamespaceName(ctx.platform.name)}.svc:${s.port}`])),
            ...(ctx.platform.telemetry.tracing.enabled ? { tracing: { spec: ctx.platform.telemetry.tracing, endpoint: clusterCollectorEndpoint(ctx.platform.telemetry.tracing) } } : {}),
        })),
    );
    const secrets = spec.services.map((service) => contractSecret(ctx, cluster, service, values.apply((v) => contractVariables(service, spec.services, v))).resource);
    const certificates = createCertificates(ctx, cluster, Object.fromEntries(CA_BUNDLE_KEYS.map((file) => [file, net.ca.cert.certPem])));

    const queueAuth = new k8s.core.v1.Secret(
        childName(ctx, "queue-auth"),
        {
            metadata: { name: QUEUE_AUTH, namespace: net.appNamespace, labels: labelsFor(ctx, "workloads") },
            type: "Opaque",
            stringData: { password: cache.password, tls: "enable", ca: net.ca.cert.certPem },
        },
        opts,
    );
    const triggerAuth = new k8s.apiextensions.CustomResource(
        childName(ctx, "queue-trigger-auth"),
        {
            apiVersion: "keda.sh/v1alpha1",
            kind: "TriggerAuthentication",
            metadata: { name: QUEUE_AUTH, namespace: net.appNamespace, labels: labelsFor(ctx, "workloads") },
            spec: { secretTargetRef: ["password", "tls", "ca"].map((parameter) => ({ parameter, name: QUEUE_AUTH, key: parameter })) },
        },
        childOpts(ctx, { provider, dependsOn: [keda, queueAuth] }),
    );

    const ingressSources = controller.namespace
        ? [{ ...namespacePeer(controller.namespace), podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } } }]
        : [{ namespaceSelector: {} }];
    if (spec.domain) {
        // cert-manager answers Let's Encrypt's HTTP-01 challenge from a solver pod in the app namespace, behind the same controller.
        new k8s.networking.v1.NetworkPolicy(
            childName(ctx, "acme-solver"),
            {
                metadata: { name: "allow-acme-solver", namespace: net.appNamespace, labels: labelsFor(ctx, "ingress") },
                spec: {
                    podSelector: { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: ingressSources, ports: [{ protocol: "TCP", port: ACME_SOLVER_PORT }] }],
                },
            },
            childOpts(ctx, { provider, dependsOn: net.ready }),
        );
    }

    const dataPeer = namespacePeer(net.dataNamespace);
    const workloadCluster: WorkloadCluster = {
        provider,
        namespace: net.appNamespace,
        zoneTopologyKey: "topology.kubernetes.io/zone",
        ingress: {
            className: net.ingressClass,
            annotations: net.ingressClass === "nginx" ? nginxIngressAnnotations(spec) : {},
            tls: { secretName: INGRESS_TLS_SECRET, clusterIssuer: `${ctx.platform.name}-issuer` },
            // The bundled controller's pods; a controller of the cluster's own class may run in any namespace.
            sources: ingressSources,
        },
        egress: [
            { purpose: "database", to: [dataPeer], ports: [{ port: DATA_PORTS.postgres }] },
            { purpose: "cache", to: [dataPeer], ports: [{ port: DATA_PORTS.redis }] },
            { purpose: "object-store", to: [dataPeer], ports: [{ port: DATA_PORTS.objectStore }] },
            ...(ctx.platform.telemetry.tracing.enabled ? [collectorEgress(ctx.platform.telemetry.tracing)] : []),
            ...(search ? [{ purpose: "search", to: [dataPeer], ports: [{ port: SEARCH_HTTP_PORT }] }] : []),
        ],
        identity: () => ({ serviceAccountAnnotations: {}, podLabels: {}, automountServiceAccountToken: false }),
        environmentSecret: (service) => environmentSecretName(service),
        certificates: { kind: "ConfigMap", name: CERTIFICATES_NAME },
        queueTrigger: (service) => queueTriggerFor(spec, service, cache),
        dependsOn: [...net.ready, ...(database.ready ?? []), ...(cache.ready ?? []), ...(storage.ready ?? []), ...controller.ready, issuer, triggerAuth, certificates, ...secrets],
    };
    const workloads = deployWorkloads(ctx, spec, workloadCluster);

    const native: KubernetesAppFleetNative = { deployments: workloads.deployments, ingress: workloads.ingress, ingressNamespace: controller.namespace };
    return {
        outputs: { url: workloads.url, loadBalancerHost: workloads.loadBalancerHost, services: workloads.endpoints },
        native,
    };
}
