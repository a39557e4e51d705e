// The app tier of `runtime: kubernetes` on Azure: the data tier, Key Vault, credentials job and
// Service Bus queues stay as the VM fleet builds them; the scale sets become an AKS cluster
// (cluster.ts) running the shared workloads (providers/kubernetes/workloads).
//
// The edge is the VM fleet's own Application Gateway (WAF_v2 with the LMS document's WAF
// policy: OWASP DRS 2.1 and 2,000 requests per client IP per 5 minutes, TLS 1.2+ policy, the
// Key Vault certificate) driven by the AGIC add-on, which writes its listeners, pools and
// rules from the Ingress. Application Gateway for Containers was not chosen: its WAF cannot
// carry this policy's rate-limit rule, and AGIC keeps the gateway-level WAF policy as it is.
//
// Secrets: External Secrets reads Key Vault with its own workload identity and renders each
// service's contract Secret (only it can compose DATABASE_URL from the JSON login the
// credentials job writes); the Secrets Store CSI driver add-on would add a second path to the
// same secrets with nothing the 5-minute refresh does not already give, so it stays off.

import { basename } from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import {
    contractExternalSecret,
    createAppNamespace,
    createCertificates,
    deployWorkloads,
    installExternalSecrets,
    installKeda,
} from "../kubernetes/workloads";
import { EgressRule, QueueTrigger, WorkloadCluster } from "../kubernetes/workloads/types";
import { diskEncryption, endpoints } from "./appFleet";
import { AzureCluster, createCluster, SERVICE_CIDR, SYSTEM_POOL_NAME, USER_POOL_NAME } from "./cluster";
import { externalSecretsIdentity, ingressControllerGrants, kedaIdentity, PodIdentity, serviceIdentity, servicePodIdentity, USE_LABEL, CLIENT_ID_ANNOTATION } from "./clusterIdentity";
import { locationOf } from "./common";
import { createApplicationCredentials } from "./credentials";
import { environmentFor, secretNamesFor } from "./environment";
import { FleetScope, PublicEdge, publicEdge } from "./loadBalancer";
import { AzureAppFleetNative, AzureCacheNative, AzureDatabaseNative, AzureNetworkNative, AzureObjectStoreNative, nativeOf } from "./native";
import type { AzureSearchNative } from "./search";
import { SEARCH_CA_FILE } from "../contract";
import { SEARCH_HTTP_PORT } from "../vm/searchNode";
import { subnetPlan } from "./network";
import { WorkerQueues, workerQueues } from "./serviceBus";
import { POSTGRES_CA_PEM } from "./userData";
import { clusterTelemetry, podTracingEndpoint } from "./fleetTelemetry";
import { AzureTelemetryNative } from "./telemetry";
import { collectorEgress } from "../kubernetes/workloads";

export const INGRESS_CLASS = "azure-application-gateway";
/** The gateway's Key Vault certificate, as loadBalancer.ts names it on the gateway. */
export const GATEWAY_CERTIFICATE = "tls";
/** What AGIC rewrites on the gateway from the Ingress: Pulumi leaves these to it after creation. */
export const AGIC_MANAGED = [
    "backendAddressPools",
    "backendHttpSettingsCollection",
    "httpListeners",
    "probes",
    "requestRoutingRules",
    "urlPathMaps",
    "redirectConfigurations",
    "frontendPorts",
    "sslCertificates",
    "rewriteRuleSets",
    "tags",
];
export const SECRET_STORE = { name: "azure-key-vault", kind: "SecretStore" as const };
export const QUEUE_AUTHENTICATION = "azure-service-bus";

/** The app namespace: the platform's name as a DNS label. */
export function appNamespaceFor(platformName: string): string {
    return platformName.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
}

/** The AGIC annotations of the one public Ingress: HTTPS only, the gateway's certificate, HTTP to the pods, their ready path. */
export function ingressAnnotations(publicWeb: ServiceSpec[]): Record<string, string> {
    const readyPaths = [...new Set(publicWeb.map((service) => service.readyPath))];
    return {
        "appgw.ingress.kubernetes.io/ssl-redirect": "true",
        "appgw.ingress.kubernetes.io/appgw-ssl-certificate": GATEWAY_CERTIFICATE,
        // TLS ends at the gateway, inside the VNet the pods answer plain HTTP.
        "appgw.ingress.kubernetes.io/backend-protocol": "http",
        // One path for every service when they share it; otherwise AGIC takes each pod's readiness probe.
        ...(readyPaths.length === 1 && readyPaths[0] ? { "appgw.ingress.kubernetes.io/health-probe-path": readyPaths[0] } : {}),
        "appgw.ingress.kubernetes.io/request-timeout": "60",
        "appgw.ingress.kubernetes.io/connection-draining": "true",
        "appgw.ingress.kubernetes.io/connection-draining-timeout": "30",
    };
}

/** The azure-servicebus trigger of a worker: out above the documents' 100 queued messages. */
export function queueTriggerFor(service: ServiceSpec, namespaceName: string, scaleOutDepth: number): QueueTrigger {
    return {
        type: "azure-servicebus",
        metadata: { queueName: service.name, namespace: namespaceName, messageCount: String(scaleOutDepth), activationMessageCount: "0" },
        authenticationRef: { name: QUEUE_AUTHENTICATION, kind: "TriggerAuthentication" },
    };
}

/**
 * Where pods may connect outside the namespace: the database subnet, the private endpoints
 * (cache, Key Vault, blob, Service Bus Premium), and HTTPS/AMQPS outside the VNet, which Entra
 * ID's token endpoint (workload identity) and Service Bus Standard need; nothing else.
 */
export function egressRules(ctx: AdapterContext, ports: { database: number[]; cache: number[] }): EgressRule[] {
    const plan = subnetPlan(ctx.platform.network);
    const outside = { ipBlock: { cidr: "0.0.0.0/0", except: [ctx.platform.network.cidr, SERVICE_CIDR] } };
    return [
        { purpose: "database", to: [{ ipBlock: { cidr: plan.database } }], ports: ports.database.map((port) => ({ port })) },
        { purpose: "cache", to: [{ ipBlock: { cidr: plan.endpoints } }], ports: ports.cache.map((port) => ({ port })) },
        { purpose: "key-vault-storage-service-bus", to: [{ ipBlock: { cidr: plan.endpoints } }], ports: [{ port: 443 }, { port: 5671 }] },
        { purpose: "entra-id-and-service-bus", to: [outside], ports: [{ port: 443 }, { port: 5671 }] },
    ];
}

/** ESO's Key Vault provider names a secret by its name; the VM config holds its versionless URL. */
export function keyVaultSecretName(url: string): string {
    const match = /^https:\/\/[^/]+\/secrets\/([^/]+)/.exec(url);
    return match ? match[1] : url;
}

/**
 * The VM contract adjusted for pods: kombu authenticates with DefaultAzureCredential, which reads
 * the workload identity token (ManagedIdentityCredential would ask the node's IMDS for the
 * kubelet's identity), and calls go to the callee's ClusterIP Service over plain HTTP, so no
 * services CA file is named.
 */
export function podEnvironment(environment: ServiceEnvironmentConfig): ServiceEnvironmentConfig {
    const plain = { ...environment.plain };
    delete plain.SERVICES_CA_FILE;
    if (plain.CELERY_BROKER_URL) {
        plain.CELERY_BROKER_URL = plain.CELERY_BROKER_URL.replace("ManagedIdentityCredential@", "DefaultAzureCredential@");
    }
    return { ...environment, plain };
}

/** The Key Vault SecretStore: no serviceAccountRef, so ESO uses its controller's own workload identity, the only one allowed to read the secrets. */
export function secretStoreManifest(namespace: string, vaultUrl: string, tenantId: string) {
    return {
        apiVersion: "external-secrets.io/v1",
        kind: "SecretStore",
        metadata: { name: SECRET_STORE.name, namespace },
        spec: { provider: { azurekv: { authType: "WorkloadIdentity", vaultUrl, tenantId } } },
    };
}

/** KEDA's operator identity reads the queues' depth; the workers' identities are not lent to it. */
export function queueAuthenticationManifest(namespace: string) {
    return {
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: { name: QUEUE_AUTHENTICATION, namespace },
        spec: { podIdentity: { provider: "azure-workload" } },
    };
}

function secretStore(ctx: AdapterContext, net: AzureNetworkNative, cluster: AzureCluster, namespace: pulumi.Output<string>, dependsOn: pulumi.Resource[]): k8s.apiextensions.CustomResource {
    const manifest = pulumi.all([namespace, net.tenantId]).apply(([name, tenantId]) => secretStoreManifest(name, net.keyVaultUri, tenantId));
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-secret-store`,
        { apiVersion: "external-secrets.io/v1", kind: "SecretStore", metadata: manifest.metadata, spec: manifest.spec },
        { parent: ctx.parent, provider: cluster.provider, dependsOn },
    );
}

function queueAuthentication(ctx: AdapterContext, cluster: AzureCluster, namespace: pulumi.Output<string>, dependsOn: pulumi.Resource[]): k8s.apiextensions.CustomResource {
    const manifest = namespace.apply(queueAuthenticationManifest);
    return new k8s.apiextensions.CustomResource(
        `${ctx.name}-queue-authentication`,
        { apiVersion: "keda.sh/v1alpha1", kind: "TriggerAuthentication", metadata: manifest.metadata, spec: manifest.spec },
        { parent: ctx.parent, provider: cluster.provider, dependsOn },
    );
}

export function createClusterFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const database = nativeOf<AzureDatabaseNative>(deps.database);
    const cache = nativeOf<AzureCacheNative>(deps.cache);
    const storage = nativeOf<AzureObjectStoreNative>(deps.objectStore);
    const s: FleetScope = { ctx, spec, location: locationOf(ctx), net };
    const credentials = createApplicationCredentials(ctx, deps);
    const workers = spec.services.filter((service) => service.kind === "worker");
    const bus: WorkerQueues | undefined = workers.length > 0 ? workerQueues(s, workers) : undefined;
    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const edge: PublicEdge | undefined = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb, undefined, { ignoreChanges: AGIC_MANAGED }) : undefined;
    const disks = diskEncryption(s);
    const telemetry = deps.telemetry ? nativeOf<AzureTelemetryNative>(deps.telemetry) : undefined;
    const cluster = createCluster(s, { diskEncryptionSetId: disks.set.id, gatewayId: edge?.gateway.id, after: [...net.appEgress, ...disks.ready], managedPrometheus: Boolean(telemetry?.collectionRule) });
    const ingressReady = edge ? ingressControllerGrants(s, cluster.ingressIdentityObjectId, { id: edge.gateway.id, identityId: edge.identityId }) : [];

    const namespaceName = appNamespaceFor(ctx.platform.name);
    const telemetryReady = clusterTelemetry(s, { clusterId: cluster.cluster.id, clusterName: cluster.clusterName, provider: cluster.provider, ready: cluster.ready, appNamespace: namespaceName }, telemetry);
    const secretNames = secretNamesFor(deps, credentials);
    const queueIds = Object.fromEntries(Object.entries(bus?.queues ?? {}).map(([name, queue]) => [name, queue.id]));
    const eso = externalSecretsIdentity(s, secretNames, cluster.oidcIssuerUrl);
    const keda: PodIdentity | undefined = bus ? kedaIdentity(s, queueIds, cluster.oidcIssuerUrl) : undefined;
    const esoRelease = installExternalSecrets(ctx, cluster.provider, {
        serviceAccount: { annotations: { [CLIENT_ID_ANNOTATION]: eso.identity.clientId } },
        podLabels: { [USE_LABEL]: "true" },
    });
    // KEDA only scales workers: without a queue there is nothing for it to watch.
    const kedaRelease = keda ? installKeda(ctx, cluster.provider, { podIdentity: { azureWorkload: { enabled: true, clientId: keda.identity.clientId, tenantId: net.tenantId } } }) : undefined;

    const app = createAppNamespace(ctx, spec, cluster.provider, namespaceName);
    const target = { provider: cluster.provider, namespace: app.name };
    const search = deps.search ? nativeOf<AzureSearchNative>(deps.search) : undefined;
    const certificates = createCertificates(ctx, target, { "postgres-ca.pem": POSTGRES_CA_PEM, ...(search ? { [basename(SEARCH_CA_FILE)]: search.caPem } : {}) });
    const store = secretStore(ctx, net, cluster, app.name, [esoRelease, app.namespace, ...eso.ready]);
    const queueAuth = kedaRelease && keda ? queueAuthentication(ctx, cluster, app.name, [kedaRelease, app.namespace, ...keda.ready]) : undefined;

    const identities: Record<string, PodIdentity> = {};
    const secrets: Record<string, string> = {};
    const ready: pulumi.Resource[] = [...credentials.ready, ...ingressReady, ...(bus?.ready ?? []), ...net.privateDnsLinks];
    for (const service of spec.services) {
        identities[service.name] = servicePodIdentity(s, service, { containerId: storage.container.id, secretNames, queueIds }, cluster.oidcIssuerUrl, namespaceName);
        // Calls stay inside the cluster: each callee's Service, behind its NetworkPolicy.
        const serviceUrls = Object.fromEntries(
            spec.services.filter((callee) => service.calls.includes(callee.name)).map((callee) => [callee.name, `http://${callee.name}.${namespaceName}.svc.cluster.local:${callee.port ?? 80}`]),
        );
        const environment = environmentFor(s, deps, { credentials, namespaceHost: bus?.host, queues: workers.map((worker) => worker.name), serviceUrls }, service).apply((env) => podTracingEndpoint(podEnvironment(env), ctx.platform.telemetry));
        const external = contractExternalSecret(ctx, target, service, environment, SECRET_STORE, { remoteKey: keyVaultSecretName, dependsOn: [store, ...credentials.ready] });
        secrets[service.name] = external.secretName;
        ready.push(external.resource, ...identities[service.name].ready);
    }

    const databasePorts = [ctx.platform.database.port, ...(database.poolerPort ? [database.poolerPort] : [])];
    const workloadCluster: WorkloadCluster = {
        provider: cluster.provider,
        namespace: app.name,
        zoneTopologyKey: "topology.kubernetes.io/zone",
        zones: cluster.zones,
        ingress: {
            className: INGRESS_CLASS,
            annotations: ingressAnnotations(publicWeb),
            // The gateway's instances reach the pods from its subnet.
            sources: [{ ipBlock: { cidr: subnetPlan(ctx.platform.network).gateway } }],
        },
        egress: [
            ...egressRules(ctx, { database: databasePorts, cache: cache.clusterMode ? [cache.port, 10000] : [cache.port] }),
            ...(telemetry?.insights ? [collectorEgress(ctx.platform.telemetry.tracing)] : []),
            // The search nodes share the app subnet.
            ...(search ? [{ purpose: "search", to: [{ ipBlock: { cidr: subnetPlan(ctx.platform.network).app } }], ports: [{ port: SEARCH_HTTP_PORT }] }] : []),
        ],
        identity: (service) => serviceIdentity(identities[service.name].identity.clientId),
        environmentSecret: (service) => secrets[service.name],
        certificates: { kind: "ConfigMap", name: certificates.metadata.name },
        queueTrigger: (service) => queueTriggerFor(service, bus?.namespaceName ?? "", spec.scaleOutQueueDepth),
        dependsOn: [...ready, certificates, ...(queueAuth ? [queueAuth] : []), ...(kedaRelease ? [kedaRelease] : []), ...cluster.ready, ...telemetryReady],
    };
    deployWorkloads(ctx, spec, workloadCluster);

    const host = edge?.host ?? "";
    const url = !edge ? "" : spec.domain ? `https://${spec.domain}` : `https://${host}`;
    const native: AzureAppFleetNative = {
        gateway: edge?.gateway,
        gatewayName: edge?.gatewayName,
        publicIp: edge?.publicIp,
        wafPolicy: edge?.wafPolicy,
        fleets: {},
        serviceBusNamespace: bus?.namespace,
        serviceUrls: {},
        cluster: {
            cluster: cluster.cluster,
            clusterName: cluster.clusterName,
            nodePools: [SYSTEM_POOL_NAME, USER_POOL_NAME],
            queueNames: Object.fromEntries(workers.map((worker) => [worker.name, worker.name])),
        },
    };
    return {
        outputs: {
            url: pulumi.output(url),
            loadBalancerHost: pulumi.output(host),
            // The gateway's host and routes, as the VM fleet reports them.
            services: pulumi.output(endpoints(spec, publicWeb, host)),
        },
        native,
    };
}
