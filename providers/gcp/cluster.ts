// The app tier of runtime kubernetes on GCP: a regional GKE Standard cluster in the app
// subnetwork (VPC-native, pods and Services in its secondary ranges), private nodes without
// external addresses carrying the app network tag (so the data tier's firewall rules apply to
// them and their pods as to the VM fleet), a control plane reached privately or through its
// IAM-authenticated DNS endpoint, Workload Identity, Dataplane V2 (network policy enforced by
// the dataplane), Kubernetes Secrets encrypted with a customer key, system and workload logs and
// metrics, and one autoscaled node pool of Shielded nodes across the tier's zones.

import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { AppFleetSpec, ClusterSpec } from "../../tiers/types";
import { requireApis } from "./apis";
import { childName, childOpts, createCryptoKey, dataOpts, labelsFor, projectOf, regionOf, withOverrides } from "./common";
import { GcpNetworkNative } from "./native";
import { clusterNameFor, serviceAccountIdFor } from "./names";
import { CLUSTER_RANGE_NAMES, MAX_PODS_PER_NODE } from "./network";
import { machineTypeFor } from "./sizes";

/** Node pool names are unique per cluster only: a fixed one. */
export const NODE_POOL_NAME = "app-nodes";
/** The release channel's regular cadence: versions that have had the rapid channel's soak. */
export const RELEASE_CHANNEL = "REGULAR";
/** Boot disk of each node: the VM fleet's root volume size is per service; a node holds several pods' images. */
export const NODE_DISK_GB = 100;
/** APIs the cluster needs besides the network's. */
export const CLUSTER_APIS = ["container.googleapis.com", "binaryauthorization.googleapis.com"];
/**
 * What a node's service account may do: write logs and metrics and read the monitored-resource
 * metadata (Google's role for node identities), and pull images from Artifact Registry.
 */
export const NODE_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"];
/** Control-plane and node logs GKE sends to Cloud Logging. */
export const LOGGED_COMPONENTS = ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"];
/**
 * Metrics: system components are free; the control plane's come through Managed Service for
 * Prometheus, which is billed by samples ingested only, so enabling it costs nothing until
 * something is scraped.
 */
export const MONITORED_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "SCHEDULER", "CONTROLLER_MANAGER"];


/**
 * The node pool's size: GKE's total limits (the pool's nodes summed over its zones, balanced
 * across them) take the spec's cluster-wide minimum and maximum as they are, so nothing is
 * divided; only the initial count is per zone, the minimum spread over the zones and rounded up.
 */
export function nodePoolSizing(cluster: Pick<ClusterSpec, "minNodes" | "maxNodes">, zones: number): { initialNodeCount: number; totalMinNodeCount: number; totalMaxNodeCount: number } {
    return {
        initialNodeCount: Math.max(1, Math.ceil(cluster.minNodes / zones)),
        totalMinNodeCount: cluster.minNodes,
        totalMaxNodeCount: Math.max(cluster.minNodes, cluster.maxNodes),
    };
}

/**
 * A kubeconfig for the cluster's DNS endpoint: Google's public certificate and IAM
 * authentication through gke-gcloud-auth-plugin (the credentials `pulumi up` runs with), so
 * no client certificate or static token exists and no address needs to be opened to deploy.
 */
export function kubeconfigFor(clusterName: string, dnsEndpoint: string): string {
    const user = { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true, installHint: "gcloud components install gke-gcloud-auth-plugin" } };
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: clusterName, cluster: { server: `https://${dnsEndpoint}` } }],
        users: [{ name: clusterName, user }],
        contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
        "current-context": clusterName,
    });
}

export interface GkeCluster {
    cluster: gcp.container.Cluster;
    nodePool: gcp.container.NodePool;
    nodeAccount: gcp.serviceaccount.Account;
    provider: k8s.Provider;
    key: gcp.kms.CryptoKey;
    name: string;
    /** The Workload Identity pool, `<project>.svc.id.goog`. */
    workloadPool: string;
    /** What must exist before workload identities bind: the pool is created with the cluster. */
    ready: pulumi.Resource[];
}

function nodeIdentity(ctx: AdapterContext, project: string): { account: gcp.serviceaccount.Account; grants: pulumi.Resource[] } {
    const account = new gcp.serviceaccount.Account(
        childName(ctx, "nodes-account"),
        {
            accountId: serviceAccountIdFor(ctx.platform.name, "nodes"),
            displayName: `${ctx.platform.name} cluster nodes`,
            description: `Identity of the GKE nodes of ${ctx.platform.name}: logs, metrics and image pulls only; pods use their own`,
        },
        childOpts(ctx),
    );
    const grants = NODE_ROLES.map(
        (role) => new gcp.projects.IAMMember(childName(ctx, `nodes-${role.replace(/^roles\//, "").replace(/\./g, "-").toLowerCase()}`), { project, role, member: account.member }, childOpts(ctx)),
    );
    return { account, grants };
}

export function createCluster(ctx: AdapterContext, spec: AppFleetSpec, net: GcpNetworkNative): GkeCluster {
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const ranges = net.clusterRanges;
    if (!ranges) {
        throw new pulumi.RunError("runtime kubernetes on gcp needs the app subnetwork's cluster ranges; the network was built for runtime vm.");
    }
    const sizing = spec.kubernetes.cluster;
    const zones = net.zones.slice(0, sizing.zones);
    const labels = labelsFor(ctx);
    const apis = requireApis(ctx, net, CLUSTER_APIS);
    const gkeAgent = pulumi.all([net.projectNumber, apis[0].id]).apply(([number]) => `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`);
    // GKE encrypts Secrets in etcd with it; Compute Engine encrypts the nodes' boot disks.
    const { key, grants: keyGrants } = createCryptoKey(ctx, net.keyRing, "cluster", [gkeAgent, net.serviceAgents["compute.googleapis.com"]]);
    const nodes = nodeIdentity(ctx, project);
    const name = clusterNameFor(ctx.platform.name);
    const workloadPool = `${project}.svc.id.goog`;
    // Operators from the admin ranges reach the private endpoint from the bastion (public subnetwork).
    const authorized = net.bastion ? [{ cidrBlock: net.publicSubnet.ipCidrRange, displayName: "bastion subnetwork" }] : [];

    const clusterArgs: gcp.container.ClusterArgs = {
        name,
        project,
        location: region,
        description: `${ctx.platform.name} app tier`,
        network: net.network.id,
        subnetwork: net.appSubnet.id,
        networkingMode: "VPC_NATIVE",
        ipAllocationPolicy: { clusterSecondaryRangeName: CLUSTER_RANGE_NAMES.pods, servicesSecondaryRangeName: CLUSTER_RANGE_NAMES.services, stackType: "IPV4" },
        defaultMaxPodsPerNode: MAX_PODS_PER_NODE,
        // The node pool below replaces the default one, which GKE requires at creation.
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        minMasterVersion: sizing.kubernetesVersion,
        releaseChannel: { channel: RELEASE_CHANNEL },
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: ranges.controlPlane, masterGlobalAccessConfig: { enabled: false } },
        controlPlaneEndpointsConfig: {
            // IAM decides who may call it (container.clusters.connect), from anywhere, audited; no network opens.
            dnsEndpointConfig: { allowExternalTraffic: true },
            ipEndpointsConfig: { enabled: true },
        },
        masterAuthorizedNetworksConfig: {
            // The private IP endpoint admits the nodes and the bastion, and no public Google range.
            cidrBlocks: [...authorized, { cidrBlock: net.appSubnet.ipCidrRange, displayName: "app subnetwork" }],
            gcpPublicCidrsAccessEnabled: false,
            privateEndpointEnforcementEnabled: true,
        },
        masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
        enableLegacyAbac: false,
        enableShieldedNodes: true,
        workloadIdentityConfig: { workloadPool },
        datapathProvider: "ADVANCED_DATAPATH",
        databaseEncryption: { state: "ENCRYPTED", keyName: key.id },
        loggingConfig: { enableComponents: LOGGED_COMPONENTS },
        monitoringConfig: { enableComponents: MONITORED_COMPONENTS, managedPrometheus: { enabled: true } },
        // Enforced with the project's policy: it allows every image until the owner adds attestors,
        // so turning it on changes nothing today and lets the owner require signed images later.
        binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
        securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
        addonsConfig: {
            httpLoadBalancing: { disabled: false },
            horizontalPodAutoscaling: { disabled: false },
            gcePersistentDiskCsiDriverConfig: { enabled: true },
        },
        // Upgrades and repairs start at night (UTC); the release channel picks the versions.
        maintenancePolicy: { dailyMaintenanceWindow: { startTime: "03:00" } },
        deletionProtection: spec.deletionProtection,
        resourceLabels: labels,
    };
    const cluster = new gcp.container.Cluster(
        childName(ctx, "cluster"),
        withOverrides(ctx, "appFleet", clusterArgs),
        dataOpts(ctx, { dependsOn: [...apis, ...keyGrants, ...net.appEgress] }),
    );

    const size = nodePoolSizing(sizing, zones.length);
    const nodePool = new gcp.container.NodePool(
        childName(ctx, "node-pool"),
        {
            name: NODE_POOL_NAME,
            project,
            location: region,
            cluster: cluster.name,
            nodeLocations: zones,
            initialNodeCount: size.initialNodeCount,
            autoscaling: { totalMinNodeCount: size.totalMinNodeCount, totalMaxNodeCount: size.totalMaxNodeCount, locationPolicy: "BALANCED" },
            management: { autoRepair: true, autoUpgrade: true },
            // A new node before an old one drains: capacity never drops during an upgrade.
            upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
            maxPodsPerNode: MAX_PODS_PER_NODE,
            nodeConfig: {
                machineType: machineTypeFor(sizing.nodeShape),
                imageType: "COS_CONTAINERD",
                diskType: "pd-balanced",
                diskSizeGb: NODE_DISK_GB,
                bootDiskKmsKey: key.id,
                serviceAccount: nodes.account.email,
                // The scope allows every API; the node account's two roles are what limit it.
                oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
                shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                // Pods see the GKE metadata server: their own Workload Identity, never the node's account.
                workloadMetadataConfig: { mode: "GKE_METADATA" },
                metadata: { "disable-legacy-endpoints": "true" },
                tags: [net.tags.app],
                resourceLabels: labels,
                labels: { "platform-pool": NODE_POOL_NAME },
            },
            // No external addresses: the cluster's private nodes leave through Cloud NAT.
            networkConfig: { enablePrivateNodes: true },
        },
        childOpts(ctx, { dependsOn: [...nodes.grants, ...keyGrants] }),
    );

    const dnsEndpoint = cluster.controlPlaneEndpointsConfig.apply((config) => config?.dnsEndpointConfig?.endpoint ?? "");
    const provider = new k8s.Provider(
        childName(ctx, "k8s"),
        {
            kubeconfig: pulumi.secret(dnsEndpoint.apply((endpoint) => kubeconfigFor(name, endpoint))),
            // Objects are deleted with the cluster when it goes; waiting for each would only slow a destroy.
            deleteUnreachable: true,
        },
        // Nothing is deployed before nodes exist to run it.
        childOpts(ctx, { dependsOn: [nodePool] }),
    );
    return { cluster, nodePool, nodeAccount: nodes.account, provider, key, name, workloadPool, ready: [cluster] };
}
