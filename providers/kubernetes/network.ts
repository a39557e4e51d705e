// The network of an existing cluster: there are no subnets to create, so isolation is
// namespaces and NetworkPolicies. The app namespace holds the services (quota, limits,
// default-deny); the data namespace holds PostgreSQL, Redis and the object store, denies
// everything by default and admits connections from the app namespace on their ports only (and
// the monitoring namespace on the exporters' ports). The platform CA created here signs every
// data service's certificate, so clients verify them (verify-full, rediss://) against one bundle.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { NetworkSpec } from "../../tiers/types";
import { childName, childOpts, labelsFor } from "./common";
import { appNamespaceName, dataNamespaceName, monitoringNamespaceName } from "./names";
import { KubernetesNetworkNative } from "./native";
import { createAppNamespace } from "./workloads";

/** Ports the data services listen on in their pods (NetworkPolicies match pod ports, not Service ports). */
export const DATA_PORTS = { postgres: 5432, redis: 6379, objectStore: 9000 } as const;
/** Exporters Prometheus scrapes in the data namespace: CloudNativePG's instance metrics, redis_exporter, MinIO on its API port. */
export const DATA_METRICS_PORTS = [9187, 9121, 9000] as const;

/** 5 years: the CA outlives any stack; leaf certificates are short-lived and re-signed. */
export const CA_VALIDITY_HOURS = 5 * 8760;
/** Renewed 30 days before it expires, on the next `pulumi up`. */
export const CA_EARLY_RENEWAL_HOURS = 720;

/** The cluster's provider, inherited from the Platform component (index.ts builds it from the kubeconfig context). */
export function clusterProvider(ctx: AdapterContext): k8s.Provider {
    const provider = ctx.parent.getProvider("kubernetes:core/v1:Namespace");
    if (!provider) {
        throw new pulumi.RunError(`${ctx.name}: no Kubernetes provider was passed to the component`);
    }
    return provider as k8s.Provider;
}

/**
 * Pod Security Admission labels: the data services' operators and charts run as non-root with
 * no privilege, so "restricted" is audited and warned, and "baseline" enforced because some
 * charts' init containers do not yet set every restricted field.
 */
export function podSecurityLabels(enforce: "restricted" | "baseline"): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": enforce,
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
    };
}

/** Selects a namespace by the name label the API server sets on every namespace. */
export function namespacePeer(namespace: pulumi.Input<string>): k8s.types.input.networking.v1.NetworkPolicyPeer {
    return { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } };
}

/** The API server's port behind the `kubernetes` Service (443) and on the control plane itself (6443 on kind, kubeadm, k3d). */
export const API_SERVER_PORTS = [443, 6443] as const;

/** The data namespace's policies as plain objects: nothing in or out by default, then the only paths. */
export function dataPolicyManifests(platformName: string): { role: string; spec: k8s.types.input.networking.v1.NetworkPolicySpec }[] {
    const tcp = (ports: readonly number[]) => ports.map((port) => ({ protocol: "TCP", port }));
    return [
        { role: "data-default-deny", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
        // Replication between instances, Redis replicas and sentinels, and the database's backups to the object store.
        {
            role: "data-same-namespace",
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] },
        },
        {
            role: "data-dns",
            spec: {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [{ ...namespacePeer("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }],
            },
        },
        // CloudNativePG's instance manager watches its Cluster; the API server's address is the cluster's own, so only its ports are fixed.
        { role: "data-api-server", spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: tcp(API_SERVER_PORTS) }] } },
        {
            role: "data-from-app",
            spec: {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [namespacePeer(appNamespaceName(platformName))], ports: tcp([DATA_PORTS.postgres, DATA_PORTS.redis, DATA_PORTS.objectStore]) }],
            },
        },
        {
            role: "data-from-monitoring",
            spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [namespacePeer(monitoringNamespaceName(platformName))], ports: tcp(DATA_METRICS_PORTS) }] },
        },
    ];
}

/**
 * The data namespace's quota caps objects, not CPU: a CPU or memory quota would refuse any
 * operator pod without requests, and the data components size their own pods. The LimitRange
 * gives such a container requests and a memory limit.
 */
export const DATA_QUOTA = { pods: "50", persistentvolumeclaims: "30", "services.loadbalancers": "0", "services.nodeports": "0" } as const;
export const DATA_CONTAINER_DEFAULTS = { defaultRequest: { cpu: "100m", memory: "256Mi" }, default: { memory: "1Gi" } } as const;

/**
 * One more way into the data namespace (an operator's namespace reaching its instances, e.g.
 * CloudNativePG's controller on the instance manager's port 8000).
 */
export function allowDataIngress(ctx: AdapterContext, network: KubernetesNetworkNative, role: string, from: k8s.types.input.networking.v1.NetworkPolicyPeer[], ports: number[], opts: pulumi.CustomResourceOptions = {}): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(
        childName(ctx, role),
        {
            metadata: { name: role, namespace: network.dataNamespace, labels: labelsFor(ctx, "data") },
            spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from, ports: ports.map((port) => ({ protocol: "TCP", port })) }] },
        },
        childOpts(ctx, { provider: network.provider, dependsOn: network.ready, ...opts }),
    );
}

function createCa(ctx: AdapterContext): KubernetesNetworkNative["ca"] {
    const key = new tls.PrivateKey(childName(ctx, "ca-key"), { algorithm: "ECDSA", ecdsaCurve: "P256" }, childOpts(ctx));
    const cert = new tls.SelfSignedCert(
        childName(ctx, "ca"),
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: `${ctx.platform.name} platform CA`, organization: ctx.platform.name },
            isCaCertificate: true,
            // Verifiers link each server certificate to this CA by key identifier.
            setSubjectKeyId: true,
            validityPeriodHours: CA_VALIDITY_HOURS,
            earlyRenewalHours: CA_EARLY_RENEWAL_HOURS,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        },
        childOpts(ctx),
    );
    return { key, cert };
}

export function createNetwork(ctx: AdapterContext, _spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    const provider = clusterProvider(ctx);
    const platformName = ctx.platform.name;
    const cluster = ctx.platform.kubernetes;
    const opts = childOpts(ctx, { provider });

    // The services' namespace with its quota, defaults and default-deny policies, as on every cluster.
    const app = createAppNamespace(ctx, ctx.platform.appFleet, provider, appNamespaceName(platformName));
    const dataNamespace = new k8s.core.v1.Namespace(
        childName(ctx, "data-namespace"),
        { metadata: { name: dataNamespaceName(platformName), labels: { ...labelsFor(ctx, "data"), ...podSecurityLabels("baseline") } } },
        opts,
    );
    const dataScope = { provider, dependsOn: [dataNamespace] };
    const quota = new k8s.core.v1.ResourceQuota(
        childName(ctx, "data-quota"),
        { metadata: { name: "data-quota", namespace: dataNamespace.metadata.name, labels: labelsFor(ctx, "data") }, spec: { hard: { ...DATA_QUOTA } } },
        childOpts(ctx, dataScope),
    );
    const limits = new k8s.core.v1.LimitRange(
        childName(ctx, "data-limits"),
        {
            metadata: { name: "data-defaults", namespace: dataNamespace.metadata.name, labels: labelsFor(ctx, "data") },
            spec: { limits: [{ type: "Container", defaultRequest: { ...DATA_CONTAINER_DEFAULTS.defaultRequest }, default: { ...DATA_CONTAINER_DEFAULTS.default } }] },
        },
        childOpts(ctx, dataScope),
    );
    const policies = dataPolicyManifests(platformName).map(
        ({ role, spec }) =>
            new k8s.networking.v1.NetworkPolicy(
                childName(ctx, role),
                { metadata: { name: role, namespace: dataNamespace.metadata.name, labels: labelsFor(ctx, "data") }, spec },
                opts,
            ),
    );

    const native: KubernetesNetworkNative = {
        provider,
        appNamespace: app.name,
        dataNamespace: dataNamespace.metadata.name,
        storageClass: cluster?.storageClass,
        ingressClass: cluster?.ingressClass ?? "nginx",
        ca: createCa(ctx),
        ready: [app.namespace, ...app.ready, dataNamespace, quota, limits, ...policies],
    };
    const none = pulumi.output<string[]>([]);
    return {
        outputs: { networkId: app.name, zones: none, publicSubnetIds: none, appSubnetIds: none, dataSubnetIds: none },
        native,
    };
}
