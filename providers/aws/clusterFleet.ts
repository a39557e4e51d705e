// `runtime: kubernetes` on AWS: the same public edge, queues, credentials and contract as the
// VM fleet, with the services running on an EKS cluster through the shared workloads.
//
// The public edge stays the VM fleet's (loadBalancer.ts): an ALB this program creates, with
// the same WAF, TLS policy, ACM certificate, HTTP->HTTPS redirect, access logs, Route 53
// records and health check, and target groups of type ip that the AWS Load Balancer
// Controller fills with the pods' addresses through TargetGroupBinding objects. An Ingress
// reconciled by the controller would create an ALB whose name Pulumi learns only after the
// fact: the records, the health check and the CloudWatch alarms would then need ExternalDNS
// and a lookup by tag. With the ALB in the program they stay exactly as on the VM fleet, and
// the controller needs no right to create or change load balancers, only to register targets.
//
// Autoscaling: the Cluster Autoscaler on the managed node group (min/max from the spec)
// rather than Karpenter. Karpenter would replace the node group with its own NodePools, an
// interruption queue and an EC2 launch role that may start any instance; one node group of one
// instance type, sized by the tier, needs only the Autoscaler's "add/remove a node of this group".

import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import {
    contractExternalSecret,
    createAppNamespace,
    createCertificates,
    deployWorkloads,
    installExternalSecrets,
    installKeda,
    installMetricsServer,
} from "../kubernetes/workloads";
import { EgressRule, WorkloadCluster } from "../kubernetes/workloads/types";
import { accountId, childName, regionOf } from "./common";
import { clusterFleetKey, createEksCluster, EksCluster } from "./cluster";
import { ADDON_ACCOUNTS, addonIdentities, eksServiceIdentity, serviceIdentities } from "./clusterIdentity";
import { createApplicationCredentials } from "./credentials";
import { environmentFor } from "./environment";
import { endpoints, queueNameFor, workerQueue } from "./appFleet";
import { FleetScope, PublicEdge, publicEdge, publicHealthCheck, TLS_POLICY } from "./loadBalancer";
import { clusterCollector, withClusterCollector } from "./clusterTelemetry";
import { AwsAppFleetNative, AwsDatabaseNative, AwsNetworkNative, nativeOf } from "./native";
import { postgresCaUrls } from "./userData";

/** Charts the cluster adds besides the shared add-ons, pinned. */
export const CHARTS = {
    loadBalancerController: { chart: "aws-load-balancer-controller", version: "1.13.3", repo: "https://aws.github.io/eks-charts" },
    clusterAutoscaler: { chart: "cluster-autoscaler", version: "9.47.0", repo: "https://kubernetes.github.io/autoscaler", imageTag: "v1.33.0" },
} as const;

/** The EKS Pod Identity agent: every pod with an association gets its credentials here, over HTTP. */
export const POD_IDENTITY_AGENT = { cidr: "169.254.170.23/32", port: 80 };

const STORE = { name: "aws-secrets-manager", kind: "SecretStore" as const };
const TRIGGER_AUTH = "aws-keda-operator";

/**
 * The app pods' ways out, as the VM app tier's security group has them: PostgreSQL and Redis in
 * the data subnets, HTTPS to AWS APIs and the internet, the Pod Identity agent for credentials.
 */
export function clusterEgress(dataCidrs: string[], ports: { database: number; cache: number; pool?: number }): EgressRule[] {
    const dataSubnets = dataCidrs.map((cidr) => ({ ipBlock: { cidr } }));
    // RDS Proxy lives in the data subnets too, on its own port when the database uses another one.
    const databasePorts = [...new Set([ports.database, ...(ports.pool ? [ports.pool] : [])])];
    return [
        { purpose: "database", to: dataSubnets, ports: databasePorts.map((port) => ({ port })) },
        { purpose: "cache", to: dataSubnets, ports: [{ port: ports.cache }] },
        { purpose: "aws-apis", to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443 }] },
        { purpose: "pod-identity", to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }], ports: [{ port: POD_IDENTITY_AGENT.port }] },
    ];
}

/** A worker's KEDA trigger: SQS depth through KEDA's own identity (the queue's read-only role). */
export function sqsTrigger(spec: Pick<AppFleetSpec, "scaleOutQueueDepth" | "scaleInQueueDepth">, queueUrl: pulumi.Input<string>, region: string) {
    return {
        type: "aws-sqs-queue",
        metadata: {
            queueURL: queueUrl,
            queueLength: String(spec.scaleOutQueueDepth),
            activationQueueLength: String(spec.scaleInQueueDepth),
            awsRegion: region,
            identityOwner: "operator",
        },
        authenticationRef: { name: TRIGGER_AUTH, kind: "ClusterTriggerAuthentication" as const },
    };
}

/**
 * The PostgreSQL CA bundle the VM boot script downloads (with Amazon's root behind RDS Proxy). Read when the program runs
 * against an engine; the offline engine (no network) records the URL in its place.
 */
function rdsCaBundle(region: string, pooled: boolean): pulumi.Output<string> {
    const urls = postgresCaUrls(region, pooled);
    if (!pulumi.runtime.hasEngine()) {
        return pulumi.output(urls.map((url) => `# ${url}\n`).join(""));
    }
    const read = (url: string) =>
        fetch(url).then((response) => {
            if (!response.ok) {
                throw new pulumi.RunError(`Could not read the PostgreSQL CA bundle at ${url}: HTTP ${response.status}`);
            }
            return response.text();
        });
    return pulumi.output(Promise.all(urls.map(read)).then((texts) => texts.map((text) => (text.endsWith("\n") ? text : `${text}\n`)).join("")));
}

/** The public edge in the AWS Load Balancer Controller's own terms. */
export function albAnnotations(edge: Pick<PublicEdge, "https" | "webAcl">, primary: Pick<ServiceSpec, "readyPath">): Record<string, pulumi.Input<string>> {
    return {
        "pulumi.com/skipAwait": "true",
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/target-type": "ip",
        "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/ssl-policy": TLS_POLICY,
        "alb.ingress.kubernetes.io/certificate-arn": edge.https.certificateArn.apply((arn) => arn ?? ""),
        "alb.ingress.kubernetes.io/healthcheck-path": primary.readyPath,
        ...(edge.webAcl ? { "alb.ingress.kubernetes.io/wafv2-acl-arn": edge.webAcl.arn } : {}),
    };
}

function controllerReleases(s: FleetScope, eks: EksCluster, dependsOn: pulumi.Resource[]): k8s.helm.v3.Release[] {
    const { ctx, net } = s;
    const opts = { parent: ctx.parent, provider: eks.provider, dependsOn };
    const lb = CHARTS.loadBalancerController;
    const loadBalancerController = new k8s.helm.v3.Release(
        childName(ctx, "lb-controller"),
        {
            name: "aws-load-balancer-controller",
            namespace: ADDON_ACCOUNTS.loadBalancerController.namespace,
            chart: lb.chart,
            version: lb.version,
            repositoryOpts: { repo: lb.repo },
            values: {
                clusterName: eks.clusterName,
                // Given, not discovered: the node's metadata is out of the pods' reach (hop limit 1).
                region: s.region,
                vpcId: net.vpc.id,
                replicaCount: ctx.platform.protectData ? 2 : 1,
                serviceAccount: { create: true, name: ADDON_ACCOUNTS.loadBalancerController.serviceAccount },
                // TargetGroupBinding only: no IngressClass, no mutation of LoadBalancer Services.
                createIngressClassResource: false,
                enableServiceMutatorWebhook: false,
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                podDisruptionBudget: { maxUnavailable: 1 },
            },
        },
        opts,
    );
    const ca = CHARTS.clusterAutoscaler;
    const clusterAutoscaler = new k8s.helm.v3.Release(
        childName(ctx, "cluster-autoscaler"),
        {
            name: "cluster-autoscaler",
            namespace: ADDON_ACCOUNTS.clusterAutoscaler.namespace,
            chart: ca.chart,
            version: ca.version,
            repositoryOpts: { repo: ca.repo },
            values: {
                autoDiscovery: { clusterName: eks.clusterName },
                awsRegion: s.region,
                // The Autoscaler's minor follows the cluster's.
                image: { tag: ca.imageTag },
                rbac: { serviceAccount: { create: true, name: ADDON_ACCOUNTS.clusterAutoscaler.serviceAccount } },
                extraArgs: { expander: "least-waste", "balance-similar-node-groups": true, "skip-nodes-with-local-storage": false },
                resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "600Mi" } },
            },
        },
        opts,
    );
    return [loadBalancerController, clusterAutoscaler];
}

function namespaced(ctx: AdapterContext, provider: k8s.Provider, role: string, manifest: { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> }, dependsOn: pulumi.Input<pulumi.Resource>[]): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(childName(ctx, role), manifest, { parent: ctx.parent, provider, dependsOn });
}

export function createClusterFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    const region = regionOf(ctx);
    const key = clusterFleetKey({ ctx });
    const net = nativeOf<AwsNetworkNative>(deps.network);
    const s: FleetScope = { ctx, spec, region, account: accountId(ctx), key, net, targetType: "ip" };
    const platform = ctx.platform;

    const queues = Object.fromEntries(spec.services.filter((service) => service.kind === "worker").map((service) => [service.name, workerQueue(s, service)]));
    const credentials = createApplicationCredentials(s, deps);
    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const edge = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb) : undefined;

    const eks = createEksCluster(s);
    const provider = eks.provider;
    const appNamespace = createAppNamespace(ctx, spec, provider, platform.name.toLowerCase());
    const namespaceName = platform.name.toLowerCase();
    const clusterRef = { name: eks.cluster.name, arn: eks.cluster.arn };

    const collector = clusterCollector(s, deps, provider, clusterRef);
    const podIdentities = serviceIdentities(s, deps, clusterRef, namespaceName, Object.values(queues));
    const addons = addonIdentities(s, deps, clusterRef, {
        credentials,
        queues: Object.values(queues),
        targetGroups: Object.values(edge?.targetGroups ?? {}),
        clusterName: eks.clusterName,
        nodeGroupName: eks.nodeGroupName,
    });
    const externalSecrets = installExternalSecrets(ctx, provider, {}, { dependsOn: [addons.externalSecrets] });
    const keda = installKeda(ctx, provider, {}, { dependsOn: [addons.keda] });
    const metricsServer = installMetricsServer(ctx, provider);
    const [loadBalancerController, clusterAutoscaler] = controllerReleases(s, eks, [addons.loadBalancerController, addons.clusterAutoscaler]);

    const store = namespaced(
        ctx,
        provider,
        "secret-store",
        {
            apiVersion: "external-secrets.io/v1",
            kind: "SecretStore",
            metadata: { name: STORE.name, namespace: namespaceName },
            // No auth block: the controller's own Pod Identity role, limited to the contract's secrets.
            spec: { provider: { aws: { service: "SecretsManager", region } } },
        },
        [externalSecrets, appNamespace.namespace],
    );
    const triggerAuth = namespaced(
        ctx,
        provider,
        "keda-trigger-auth",
        { apiVersion: "keda.sh/v1alpha1", kind: "ClusterTriggerAuthentication", metadata: { name: TRIGGER_AUTH }, spec: { podIdentity: { provider: "aws" } } },
        [keda],
    );
    const scope = { provider, namespace: appNamespace.name };
    const certificates = createCertificates(ctx, scope, { "postgres-ca.pem": rdsCaBundle(region, Boolean(nativeOf<AwsDatabaseNative>(deps.database).pool)) });

    const secretNames: Record<string, string> = {};
    const syncs: pulumi.Resource[] = [];
    for (const service of spec.services) {
        // Calls go to the callee's ClusterIP Service over plain HTTP inside the namespace (the
        // NetworkPolicies admit declared callers only): there is no services CA to point at.
        const environment = environmentFor(s, deps, { credentials, queues, serviceUrls: inClusterUrls(spec, namespaceName) }, service).apply((env) => ({
            ...env,
            plain: withClusterCollector(Object.fromEntries(Object.entries(env.plain).filter(([name]) => name !== "SERVICES_CA_FILE")), platform.telemetry),
        }));
        const contract = contractExternalSecret(ctx, scope, service, environment, STORE, { dependsOn: [store] });
        secretNames[service.name] = contract.secretName;
        syncs.push(contract.resource);
    }

    const workloadCluster: WorkloadCluster = {
        provider,
        namespace: appNamespace.name,
        zoneTopologyKey: "topology.kubernetes.io/zone",
        zones: spec.kubernetes.cluster.zones,
        ingress: {
            // The routing record of the ALB above, for kubectl and the pack: its annotations state
            // what that ALB does (certificate, TLS policy, WAF, redirect, ip targets, ready path).
            // No IngressClass "alb" exists (the controller is installed without one), so nothing
            // reconciles it and it never gets an address: Pulumi must not wait for one.
            className: "alb",
            annotations: edge ? albAnnotations(edge, publicWeb[0]) : { "pulumi.com/skipAwait": "true" },
            // The ALB's nodes live in the public subnets: they reach the web pods, nothing else does.
            sources: platform.network.subnets.map((block) => ({ ipBlock: { cidr: block.publicCidr } })),
        },
        egress: [
            ...clusterEgress(
                platform.network.subnets.map((block) => block.dataCidr),
                { database: platform.database.port, cache: platform.cache.port, pool: nativeOf<AwsDatabaseNative>(deps.database).pool?.port },
            ),
            ...(collector ? [collector.egress] : []),
        ],
        identity: () => eksServiceIdentity(),
        environmentSecret: (service: ServiceSpec) => secretNames[service.name],
        certificates: { kind: "ConfigMap", name: certificates.metadata.name },
        queueTrigger: (service: ServiceSpec) => sqsTrigger(spec, queues[service.name].url, region),
        dependsOn: [...syncs, certificates, triggerAuth, metricsServer, ...Object.values(podIdentities)],
    };
    const workloads = deployWorkloads(ctx, spec, workloadCluster);

    // The controller puts each public web service's pods into the ALB's target group.
    const bindings = publicWeb.map((service) =>
        namespaced(
            ctx,
            provider,
            `${service.name}-target-binding`,
            {
                apiVersion: "elbv2.k8s.aws/v1beta1",
                kind: "TargetGroupBinding",
                metadata: { name: service.name, namespace: namespaceName },
                spec: { serviceRef: { name: service.name, port: service.port! }, targetGroupARN: edge!.targetGroups[service.name].arn, targetType: "ip" },
            },
            [loadBalancerController, workloads.deployments[service.name]],
        ),
    );
    const healthCheck = edge ? publicHealthCheck(s, edge, [...bindings, clusterAutoscaler]) : undefined;
    const lbHost = edge ? edge.loadBalancer.dnsName : pulumi.output("");
    const url = !edge ? pulumi.output("") : spec.domain ? pulumi.output(`https://${spec.domain}`) : pulumi.interpolate`https://${lbHost}`;
    const native: AwsAppFleetNative = {
        loadBalancer: edge?.loadBalancer,
        fleets: {},
        key,
        role: eks.nodeRole,
        webAcl: edge?.webAcl,
        healthCheck,
        serviceUrls: inClusterUrls(spec, namespaceName),
        cluster: {
            clusterName: eks.clusterName,
            nodeGroupName: eks.nodeGroupName,
            namespace: namespaceName,
            workloads: spec.services.map((service) => ({ service: service.name, deployment: service.name, queueName: queues[service.name] ? queueNameFor(s, service) : undefined })),
        },
    };
    return {
        outputs: { url, loadBalancerHost: lbHost, services: endpoints(spec, publicWeb, lbHost) },
        native,
        logGroups: [eks.logGroup, ...(edge?.logGroups ?? [])].map((group: aws.cloudwatch.LogGroup) => group.name),
    };
}

/** A called service inside the cluster: its ClusterIP Service, reached within the namespace's policies. */
export function inClusterUrls(spec: Pick<AppFleetSpec, "services">, namespace: string): Record<string, string> {
    return Object.fromEntries(
        spec.services.filter((service) => service.kind === "web" && service.port).map((service) => [service.name, `http://${service.name}.${namespace}.svc.cluster.local:${service.port}`]),
    );
}
