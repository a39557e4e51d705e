// runtime kubernetes on GCP: the services of both documents as Deployments on a GKE cluster
// (cluster.ts) instead of instance groups, with everything else the VM fleet has: the same
// Pub/Sub queues and credentials job, each service's identity (clusterIdentity.ts), the
// contract environment read from Secret Manager by External Secrets from the same references
// the VMs' platform-env reads, the database and cache CAs, workers scaled by KEDA on their
// subscription's backlog, and the public web services behind a GKE Ingress with the VM fleet's
// Cloud Armor policy, TLS policy, certificate, address and DNS records (clusterIngress.ts).

import { basename } from "path";
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { POSTGRES_CA_FILE, SEARCH_CA_FILE } from "../contract";
import {
    clusterCollectorEndpoint,
    collectorEgress,
    contractExternalSecret,
    createAppNamespace,
    createCertificates,
    deployWorkloads,
    installExternalSecrets,
    installKeda,
    ADDON_CHARTS,
    QueueTrigger,
    WorkloadCluster,
} from "../kubernetes/workloads";
import { childName, labelsFor, projectOf, regionOf } from "./common";
import { createCluster } from "./cluster";
import { externalSecretsIdentity, kedaIdentity, serviceIdentities } from "./clusterIdentity";
import {
    backendConfigManifest,
    CustomObject,
    frontendConfigManifest,
    gkeEgressRules,
    gkeIngressSetup,
    managedCertificateManifest,
    serviceAnnotationsFor,
} from "./clusterIngress";
import { createApplicationCredentials } from "./credentials";
import { environmentFor } from "./environment";
import { CONTAINER_LOG, endpoints, fleetKey, queueNameFor, workerQueue } from "./appFleet";
import { instanceIdentity, QueueAccess } from "./instanceRole";
import { certificateDomains, cloudArmor, dns, edgeAddress, FleetScope, selfSignedCertificate, tlsPolicy } from "./loadBalancer";
import { namespaceNameFor } from "./names";
import { GcpAppFleetNative, GcpCacheNative, GcpClusterNative, GcpDatabaseNative, GcpNetworkNative, GcpServiceFleet, nativeOf } from "./native";
import { GcpSearchNative, searchEgress } from "./search";
import { REDIS_CA_FILE } from "./userData";
import { clusterTelemetry } from "./clusterTelemetry";


/** The SecretStore every service's ExternalSecret reads through: Secret Manager as External Secrets' own identity. */
export const SECRET_STORE = { name: "secret-manager", kind: "SecretStore" as const };
/** The ESO generator that mints a service's access token, the Redis Cluster password (IAM authentication). */
const TOKEN_GENERATOR_SUFFIX = "-redis-token";
/** KEDA reads the subscriptions' backlog with its operator's Workload Identity. */
const TRIGGER_AUTHENTICATION = "gcp-workload-identity";

/** Secret Manager ids for ESO: the secret's name, from the `projects/<p>/secrets/<name>` reference platform-env reads. */
export function secretManagerKey(reference: string): string {
    return reference.replace(/^projects\/[^/]+\/secrets\//, "");
}

export function secretStoreManifest(namespace: pulumi.Input<string>, project: string, labels: Record<string, string>): CustomObject {
    return { apiVersion: "external-secrets.io/v1", kind: "SecretStore", metadata: { name: SECRET_STORE.name, namespace, labels }, spec: { provider: { gcpsm: { projectID: project } } } };
}

/** An access token of the service's own Google account (which Redis Cluster admits), through its Kubernetes ServiceAccount. */
export function tokenGeneratorManifest(namespace: pulumi.Input<string>, service: Pick<ServiceSpec, "name">, cluster: { project: string; location: string; name: string }, labels: Record<string, string>): CustomObject {
    return {
        apiVersion: "generators.external-secrets.io/v1alpha1",
        kind: "GCRAccessToken",
        metadata: { name: `${service.name}${TOKEN_GENERATOR_SUFFIX}`, namespace, labels },
        spec: {
            projectID: cluster.project,
            auth: { workloadIdentity: { clusterLocation: cluster.location, clusterName: cluster.name, clusterProjectID: cluster.project, serviceAccountRef: { name: service.name } } },
        },
    };
}

/** KEDA's gcp-pubsub trigger: one pod per 100 undelivered messages, scaling from zero activity below 10. */
export function pubsubTrigger(subscription: string, spec: Pick<AppFleetSpec, "scaleOutQueueDepth" | "scaleInQueueDepth">): QueueTrigger {
    return {
        type: "gcp-pubsub",
        metadata: { subscriptionName: subscription, mode: "SubscriptionSize", value: String(spec.scaleOutQueueDepth), activationValue: String(spec.scaleInQueueDepth) },
        authenticationRef: { name: TRIGGER_AUTHENTICATION, kind: "TriggerAuthentication" },
    };
}

/** The GKE Ingress's URL map as Cloud Monitoring names it: GKE's prefix, the cluster's id, then the namespace (cut at 20 characters, as GKE shortens it). */
export function urlMapPattern(namespace: string): string {
    return `k8s2-um-[a-z0-9]+-${namespace.slice(0, 20)}.*`;
}

function custom(ctx: AdapterContext, role: string, object: CustomObject, opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(childName(ctx, role), { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, spec: object.spec }, opts);
}

export function createClusterFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const cache = nativeOf<GcpCacheNative>(deps.cache);
    const search = deps.search ? nativeOf<GcpSearchNative>(deps.search) : undefined;
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const labels = labelsFor(ctx);
    const workers = spec.services.filter((service) => service.kind === "worker");
    const { key, grants: keyGrants } = fleetKey(ctx, net, workers.length > 0);
    const s: FleetScope = { ctx, spec, region, project, key, net };

    const gke = createCluster(ctx, spec, net);
    const provider = gke.provider;
    const clusterRef = { workloadPool: gke.workloadPool, resource: gke.cluster };
    const opts = (dependsOn: pulumi.Input<pulumi.Resource>[] = []): pulumi.CustomResourceOptions => ({ parent: ctx.parent, provider, dependsOn });

    // The queues, the credentials job and each service's Google account: exactly the VM fleet's.
    const queues: Record<string, QueueAccess> = Object.fromEntries(workers.map((service) => [service.name, workerQueue(s, service, net.serviceAgents["pubsub.googleapis.com"], keyGrants)]));
    const queueNames = Object.fromEntries(workers.map((service) => [service.name, queueNameFor(ctx, service)]));
    const credentials = createApplicationCredentials(ctx, deps);
    const applicationSecrets = credentials.secrets.map(({ secret }) => secret);
    const vm = instanceIdentity(s, deps, spec.services, { queues, secrets: applicationSecrets });
    const namespaceName = namespaceNameFor(ctx.platform.name);
    const identities = serviceIdentities(s, vm, spec.services, clusterRef, (service) => ({ namespace: namespaceName, name: service.name }));

    // Add-ons, each acting as its own Google account. GKE ships metrics-server and the Ingress controller.
    const platformSecrets = [database.appSecret, database.replicasSecret, cache.authSecret, ...applicationSecrets].filter((secret): secret is gcp.secretmanager.Secret => secret !== undefined);
    const esoIdentity = externalSecretsIdentity(s, platformSecrets, clusterRef, { namespace: ADDON_CHARTS.externalSecrets.namespace, name: ADDON_CHARTS.externalSecrets.chart });
    const eso = installExternalSecrets(ctx, provider, { serviceAccount: { name: ADDON_CHARTS.externalSecrets.chart, annotations: { "iam.gke.io/gcp-service-account": esoIdentity.email } } }, { dependsOn: esoIdentity.grants });
    const autoscalerIdentity = workers.length > 0 ? kedaIdentity(s, clusterRef, { namespace: ADDON_CHARTS.keda.namespace, name: "keda-operator" }) : undefined;
    const keda = autoscalerIdentity
        ? installKeda(ctx, provider, { podIdentity: { gcp: { enabled: true, gcpIAMServiceAccount: autoscalerIdentity.email } } }, { dependsOn: autoscalerIdentity.grants })
        : undefined;

    const appNamespace = createAppNamespace(ctx, spec, provider, namespaceName);
    const cluster = { provider, namespace: appNamespace.name };
    const inNamespace = [appNamespace.namespace, ...appNamespace.ready];
    const store = custom(ctx, "secret-store", secretStoreManifest(appNamespace.name, project, labels), opts([eso, ...inNamespace]));
    const certificates = createCertificates(ctx, cluster, {
        [basename(POSTGRES_CA_FILE)]: database.serverCaPem,
        [basename(REDIS_CA_FILE)]: cache.serverCaPem,
        ...(search ? { [basename(SEARCH_CA_FILE)]: search.caPem } : {}),
    });

    const environments: Record<string, pulumi.Resource> = {};
    const secretNames: Record<string, string> = {};
    for (const service of spec.services) {
        const env = environmentFor(s, deps, { credentials, queueNames, serviceUrls: {}, tracingEndpoint: clusterCollectorEndpoint(ctx.platform.telemetry.tracing) }, service);
        // Redis Cluster takes an hour-long access token as its password: ESO mints one for the service's own account.
        const generator = cache.clusterMode
            ? custom(ctx, `${service.name}-redis-token`, tokenGeneratorManifest(appNamespace.name, service, { project, location: region, name: gke.name }, labels), opts([eso, ...inNamespace]))
            : undefined;
        const secret = contractExternalSecret(ctx, cluster, service, env, SECRET_STORE, {
            remoteKey: secretManagerKey,
            ...(generator ? { cacheToken: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "GCRAccessToken", name: `${service.name}${TOKEN_GENERATOR_SUFFIX}` }, key: "password" } } : {}),
            dependsOn: [store, ...credentials.ready, ...(generator ? [generator] : [])],
        });
        environments[service.name] = secret.resource;
        secretNames[service.name] = secret.secretName;
    }
    const triggerAuth = keda
        ? custom(ctx, "keda-auth", { apiVersion: "keda.sh/v1alpha1", kind: "TriggerAuthentication", metadata: { name: TRIGGER_AUTHENTICATION, namespace: appNamespace.name, labels }, spec: { podIdentity: { provider: "gcp" } } }, opts([keda, ...inNamespace]))
        : undefined;

    // The public edge: the VM fleet's address, WAF, TLS policy, certificate and records, configured on the Ingress.
    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const address = publicWeb.length > 0 ? edgeAddress(ctx) : undefined;
    const securityPolicy = publicWeb.length > 0 && spec.waf.enabled ? cloudArmor(s) : undefined;
    const edgeObjects: pulumi.Resource[] = [];
    let ingressSetup = gkeIngressSetup("", { preShared: "" });
    if (address) {
        edgeObjects.push(custom(ctx, "frontend-config", frontendConfigManifest(appNamespace.name, tlsPolicy(ctx).name, labels), opts(inNamespace)));
        for (const service of publicWeb) {
            edgeObjects.push(custom(ctx, `${service.name}-backend-config`, backendConfigManifest(appNamespace.name, service, securityPolicy?.name, labels), opts(inNamespace)));
        }
        if (spec.domain) {
            edgeObjects.push(custom(ctx, "managed-certificate", managedCertificateManifest(appNamespace.name, certificateDomains(spec.domain, publicWeb), labels), opts(inNamespace)));
            ingressSetup = gkeIngressSetup(address.name, { managed: true });
            dns(s, deps, spec.domain, address, publicWeb);
        } else {
            ingressSetup = gkeIngressSetup(address.name, { preShared: selfSignedCertificate(s, address).name });
        }
    }

    const telemetry = clusterTelemetry(s, ctx.platform.telemetry, { provider, workloadPool: gke.workloadPool, resource: gke.cluster, namespace: appNamespace.name, inNamespace }, labels);
    const tracing = ctx.platform.telemetry.tracing;

    const workloadCluster: WorkloadCluster = {
        provider,
        namespace: appNamespace.name,
        zoneTopologyKey: "topology.kubernetes.io/zone",
        zones: spec.kubernetes.cluster.zones,
        ingress: ingressSetup,
        egress: [
            ...gkeEgressRules({ privateServices: net.privateServicesRange, data: net.dataSubnet.ipCidrRange }, ctx.platform.database.port, cache.clusterMode, nativeOf<GcpDatabaseNative>(deps.database).poolPort),
            ...(tracing.enabled ? [collectorEgress(tracing)] : []),
            ...(search ? [searchEgress(search)] : []),
        ],
        identity: identities.identity,
        environmentSecret: (service) => secretNames[service.name],
        certificates: { kind: "ConfigMap", name: certificates.metadata.name },
        queueTrigger: (service) => pubsubTrigger(queueNames[service.name], spec),
        serviceAnnotations: (service) => serviceAnnotationsFor(service, publicWeb),
        dependsOn: [...inNamespace, certificates, ...Object.values(environments), ...Object.values(identities.grants).flat(), ...edgeObjects, ...(triggerAuth ? [triggerAuth] : []), ...net.appEgress, ...telemetry.ready],
    };
    deployWorkloads(ctx, spec, workloadCluster);

    const fleets: Record<string, GcpServiceFleet> = Object.fromEntries(
        spec.services.map((service) => [
            service.name,
            {
                groupName: service.name,
                serviceAccount: vm.accounts[service.name],
                topic: queues[service.name]?.topic,
                subscription: queues[service.name]?.subscription,
                subscriptionName: queues[service.name] ? queueNames[service.name] : undefined,
            },
        ]),
    );
    const clusterNative: GcpClusterNative = { cluster: gke.cluster, nodePool: gke.nodePool, name: gke.name, namespace: namespaceName, location: region, ...(address ? { urlMapPattern: urlMapPattern(namespaceName) } : {}) };
    const native: GcpAppFleetNative = { address, fleets, key, securityPolicy, serviceUrls: {}, cluster: clusterNative };
    const lbHost = address ? address.address : pulumi.output("");
    const url = !address ? pulumi.output("") : spec.domain ? pulumi.output(`https://${spec.domain}`) : pulumi.interpolate`https://${lbHost}`;
    return {
        outputs: { url, loadBalancerHost: lbHost, services: endpoints(spec, publicWeb, lbHost) },
        native,
        logGroups: [pulumi.output(CONTAINER_LOG)],
    };
}
