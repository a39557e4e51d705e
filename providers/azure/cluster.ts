// The AKS cluster of `runtime: kubernetes`: Entra ID and Azure RBAC only (no local accounts),
// OIDC issuer and workload identity for the pods' managed identities, Azure CNI powered by
// Cilium with its network policy, nodes in the app subnet with no public address and pods in
// a subnet of their own (so the Application Gateway reaches them directly), OS disks on the
// platform's disk encryption key, Kubernetes secrets encrypted in etcd with a Key Vault key
// (KMS v2), automatic patch and node-image upgrades, and an autoscaled system pool and user
// pool across the tier's zones.
//
// The API server lives in a delegated subnet of the VNet (API Server VNet Integration): the
// only way KMS reaches a vault whose public access is off. With `adminCidrs` empty the cluster
// is private (a private endpoint and a system private DNS zone; `pulumi up` runs from inside
// the VNet, e.g. through Azure Bastion or a runner there); with admin ranges given the API
// server keeps a public address restricted to exactly those ranges.

import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { fromInt, parseIpv4Cidr, toInt } from "../../config/cidr";
import { AdapterContext } from "../adapter";
import { grant as grantTo } from "./access";
import { childName, childOpts, ROLES as COMMON_ROLES, tagsFor } from "./common";
import { customerKey, grant, keyScope, userIdentity } from "./instanceRole";
import { FleetScope } from "./loadBalancer";
import { databasePorts, REDIS_PORTS, securityRule } from "./network";
import { vmSizeFor } from "./sizes";

/** Kubernetes Services' virtual range: outside every VNet range the config accepts (checked in names.ts). */
export const SERVICE_CIDR = "172.20.0.0/16";
export const DNS_SERVICE_IP = "172.20.0.10";
/** Pods per node: a /20 pod subnet holds the largest pool's pods with dynamic allocation (blocks of 16). */
export const MAX_PODS = 30;
/** The pod subnet (/20) and the API server's delegated subnet (/28), above the layout's data blocks. */
export const POD_SUBNET = { offset: 32, prefix: 20 } as const;
export const API_SERVER_SUBNET = { offset: 30, prefix: 28 } as const;
/** The smallest VNet that holds the layout, the API server subnet and the pod subnet. */
export const CLUSTER_MIN_VNET_PREFIX = 18;
/** The system pool: CoreDNS, konnectivity, metrics-server, the add-ons; tainted for critical add-ons only. */
export const SYSTEM_POOL_SHAPE = { vcpus: 2, memoryGb: 8 };
export const USER_POOL_NAME = "apps";
export const OS_DISK_GB = 64;
export const SYSTEM_POOL_NAME = "system";
/** The key etcd's secrets are encrypted with (KMS v2). */
export const KMS_KEY_NAME = "aks-etcd";

/** AKS cluster names: 1-63 letters, digits, "_" and "-" (names.ts refuses longer stacks before deploy). */
export function clusterNameFor(ctx: AdapterContext): string {
    return childName(ctx, "aks").replace(/[^A-Za-z0-9_-]/g, "-");
}

/** DNS prefixes: 1-54 letters, digits and hyphens, starting and ending with a letter or digit. */
export function dnsPrefixFor(ctx: AdapterContext): string {
    return ctx.platform.name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "");
}

/** The nodes' own resource group (scale sets, NICs, the KMS private endpoint): up to 80 characters. */
export function nodeResourceGroupFor(ctx: AdapterContext): string {
    return `${ctx.platform.name}-aks-nodes-rg`;
}

/** A block of the VNet range at `offset` /24s from its start, with the given prefix. */
export function clusterBlock(vnetCidr: string, block: { offset: number; prefix: number }): string {
    const parsed = parseIpv4Cidr(vnetCidr);
    if (!parsed) {
        throw new Error(`not an IPv4 CIDR: ${vnetCidr}`);
    }
    return `${fromInt(toInt(parsed.address) + block.offset * 256).toString()}/${block.prefix}`;
}

export interface ClusterPlan {
    sku: "Standard" | "Free";
    /** Private cluster when no admin range is given; otherwise a public endpoint limited to them. */
    access: { private: true } | { private: false; authorizedIpRanges: string[] };
    zones: string[];
    systemPool: { vmSize: string; minCount: number; maxCount: number };
    userPool: { vmSize: string; minCount: number; maxCount: number };
    podSubnet: string;
    apiServerSubnet: string;
}

/** Everything about the cluster that is decided from the spec alone (tested without Pulumi). */
export function clusterPlan(ctx: AdapterContext, zones: string[]): ClusterPlan {
    const { platform } = ctx;
    const cluster = platform.appFleet.kubernetes.cluster;
    const zoneList = zones.slice(0, Math.max(1, cluster.zones));
    const admin = platform.network.adminCidrs;
    return {
        // Standard is the financially backed uptime SLA; production keeps its data protected, and its control plane too.
        sku: platform.protectData ? "Standard" : "Free",
        access: admin.length > 0 ? { private: false, authorizedIpRanges: [...admin] } : { private: true },
        zones: zoneList,
        systemPool: { vmSize: vmSizeFor(SYSTEM_POOL_SHAPE), minCount: zoneList.length, maxCount: zoneList.length * 2 },
        userPool: { vmSize: vmSizeFor(cluster.nodeShape), minCount: cluster.minNodes, maxCount: cluster.maxNodes },
        podSubnet: clusterBlock(platform.network.cidr, POD_SUBNET),
        apiServerSubnet: clusterBlock(platform.network.cidr, API_SERVER_SUBNET),
    };
}

export interface AzureCluster {
    cluster: containerservice.ManagedCluster;
    userPool: containerservice.AgentPool;
    clusterName: string;
    provider: k8s.Provider;
    /** The OIDC issuer the federated credentials trust. */
    oidcIssuerUrl: pulumi.Output<string>;
    podSubnet: network.Subnet;
    podCidr: string;
    /** Zones the pools span. */
    zones: number;
    /** The identity AKS gives the AGIC add-on (object id), once the cluster exists. */
    ingressIdentityObjectId: pulumi.Output<string>;
    /** What workloads wait for: the pools and the deployer's admin role. */
    ready: pulumi.Resource[];
}

function natOf(s: FleetScope): network.NatGateway {
    const nat = s.net.appEgress.find((resource): resource is network.NatGateway => resource instanceof network.NatGateway);
    if (!nat) {
        throw new Error("the app subnet has no NAT gateway");
    }
    return nat;
}

/** The cluster's subnets: pods (behind the app NSG) and the API server's delegated one. */
function clusterSubnets(s: FleetScope, plan: ClusterPlan, after: pulumi.Resource[]): { pods: network.Subnet; apiServer: network.Subnet } {
    const { ctx, net } = s;
    // One subnet write at a time on a VNet (AnotherOperationInProgress otherwise).
    const pods = new network.Subnet(
        childName(ctx, "pods-subnet"),
        {
            resourceGroupName: net.resourceGroup.name,
            virtualNetworkName: net.vnet.name,
            subnetName: "pods",
            addressPrefix: plan.podSubnet,
            networkSecurityGroup: { id: net.securityGroups.app.id },
            // Pods leave with their own addresses: through the app subnet's NAT gateway too.
            natGateway: { id: natOf(s).id },
            defaultOutboundAccess: false,
        },
        childOpts(ctx, { dependsOn: after }),
    );
    const apiServer = new network.Subnet(
        childName(ctx, "api-server-subnet"),
        {
            resourceGroupName: net.resourceGroup.name,
            virtualNetworkName: net.vnet.name,
            subnetName: "aks-api-server",
            addressPrefix: plan.apiServerSubnet,
            networkSecurityGroup: { id: net.securityGroups.app.id },
            delegations: [{ name: "aks", serviceName: "Microsoft.ContainerService/managedClusters" }],
            defaultOutboundAccess: false,
        },
        childOpts(ctx, { dependsOn: [pods] }),
    );
    return { pods, apiServer };
}

/**
 * The app NSG ends in a deny-all that also refuses traffic inside the VNet: the cluster's
 * nodes, pods and API server must reach each other (kubelet, webhooks, CoreDNS, pod-to-pod);
 * Cilium's network policies are what segment them from there.
 */
function clusterRules(s: FleetScope, plan: ClusterPlan): pulumi.Resource[] {
    const { ctx, net } = s;
    const app = subnetCidr(ctx);
    const { database, endpoints } = net.securityGroups;
    return [
        // Pods keep their own addresses in the VNet: the data tier admits them as it admits the app tier, on the same ports.
        securityRule(ctx, database, "db", net.resourceGroup, { name: "pods-postgres", priority: 130, sources: [plan.podSubnet], ports: databasePorts(ctx), description: "PostgreSQL (and its PgBouncer, with pooling on) from the cluster's pods" }),
        securityRule(ctx, endpoints, "endpoints", net.resourceGroup, { name: "pods-redis", priority: 130, sources: [plan.podSubnet], ports: REDIS_PORTS, description: "Redis (TLS 6380, cluster shard ports) from the cluster's pods" }),
        securityRule(ctx, endpoints, "endpoints", net.resourceGroup, { name: "pods-https", priority: 140, sources: [plan.podSubnet], ports: ["443"], description: "Blob storage, Key Vault and Service Bus from the cluster's pods" }),
        securityRule(ctx, net.securityGroups.app, "app", net.resourceGroup, {
            name: "aks-intra-cluster",
            priority: 300,
            protocol: "*",
            sources: [app, plan.podSubnet, plan.apiServerSubnet],
            ports: ["*"],
            description: "AKS nodes, pods and API server among themselves; network policies segment the pods",
        }),
        securityRule(ctx, net.securityGroups.app, "app", net.resourceGroup, {
            name: "aks-azure-load-balancer",
            priority: 310,
            protocol: "*",
            sources: ["AzureLoadBalancer"],
            ports: ["*"],
            description: "Azure's health probes of the API server's internal load balancer",
        }),
    ];
}

function subnetCidr(ctx: AdapterContext): string {
    return ctx.platform.network.subnets[0].appCidr;
}

/** The cluster, its pools, the deployer's admin role and the provider built from its kubeconfig. */
export function createCluster(s: FleetScope, deps: { diskEncryptionSetId: pulumi.Input<string>; gatewayId?: pulumi.Input<string>; after: pulumi.Resource[]; managedPrometheus?: boolean }): AzureCluster {
    const { ctx, net } = s;
    const plan = clusterPlan(ctx, net.zones);
    const clusterName = clusterNameFor(ctx);
    const subnets = clusterSubnets(s, plan, deps.after);
    const rules = clusterRules(s, plan);

    // The control plane's own identity: KMS refuses a system-assigned one (it must hold the key before the cluster exists).
    const identity = userIdentity(s, "aks-identity");
    const kmsKey = customerKey(s, "aks-kms-key", KMS_KEY_NAME);
    const principal = identity.principalId;
    const controlPlaneGrants = [
        grant(s, "aks-uses-kms-key", principal, "keyVaultCryptoUser", keyScope(s, KMS_KEY_NAME), { dependsOn: [kmsKey] }),
        // KMS with a private vault creates its private endpoint to the vault: management rights on the vault, no data access.
        grant(s, "aks-vault-contributor", principal, "keyVaultContributor", net.keyVault.id),
        grant(s, "aks-app-subnet", principal, "networkContributor", net.appSubnet.id),
        grant(s, "aks-pods-subnet", principal, "networkContributor", subnets.pods.id),
        grant(s, "aks-api-server-subnet", principal, "networkContributor", subnets.apiServer.id),
        grant(s, "aks-reads-disk-encryption", principal, "reader", deps.diskEncryptionSetId),
    ];

    const pool = (name: string, sizes: ClusterPlan["systemPool"]) => ({
        name,
        vmSize: sizes.vmSize,
        count: sizes.minCount,
        enableAutoScaling: true,
        minCount: sizes.minCount,
        maxCount: sizes.maxCount,
        availabilityZones: plan.zones,
        osType: "Linux",
        osSKU: "AzureLinux",
        osDiskType: "Managed",
        // Premium SSD P6: the node image, container images and logs; data lives in the managed services.
        osDiskSizeGB: OS_DISK_GB,
        type: "VirtualMachineScaleSets",
        vnetSubnetID: net.appSubnet.id,
        podSubnetID: subnets.pods.id,
        maxPods: MAX_PODS,
        enableNodePublicIP: false,
        // A third of the pool at a time gets its replacement node first; PDBs keep the services up.
        upgradeSettings: { maxSurge: "33%" },
        tags: tagsFor(ctx),
    });
    const cluster = new containerservice.ManagedCluster(
        childName(ctx, "aks"),
        {
            resourceName: clusterName,
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            dnsPrefix: dnsPrefixFor(ctx),
            kubernetesVersion: ctx.platform.appFleet.kubernetes.cluster.kubernetesVersion,
            sku: { name: "Base", tier: plan.sku },
            nodeResourceGroup: nodeResourceGroupFor(ctx),
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            aadProfile: { managed: true, enableAzureRBAC: true, tenantID: net.tenantId },
            disableLocalAccounts: true,
            enableRBAC: true,
            oidcIssuerProfile: { enabled: true },
            securityProfile: {
                workloadIdentity: { enabled: true },
                azureKeyVaultKms: { enabled: true, keyId: kmsKey.keyUriWithVersion, keyVaultNetworkAccess: "Private", keyVaultResourceId: net.keyVault.id },
                imageCleaner: { enabled: true, intervalHours: 168 },
            },
            apiServerAccessProfile: plan.access.private
                ? { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, privateDNSZone: "system", enableVnetIntegration: true, subnetId: subnets.apiServer.id, disableRunCommand: true }
                : { authorizedIPRanges: plan.access.authorizedIpRanges, enableVnetIntegration: true, subnetId: subnets.apiServer.id, disableRunCommand: true },
            networkProfile: {
                networkPlugin: "azure",
                networkDataplane: "cilium",
                networkPolicy: "cilium",
                // The app subnet's NAT gateway: the same egress addresses as the VM fleet.
                outboundType: "userAssignedNATGateway",
                loadBalancerSku: "standard",
                serviceCidr: SERVICE_CIDR,
                dnsServiceIP: DNS_SERVICE_IP,
            },
            agentPoolProfiles: [{ ...pool(SYSTEM_POOL_NAME, plan.systemPool), mode: "System", nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"] }],
            autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
            diskEncryptionSetID: deps.diskEncryptionSetId,
            // The managed Prometheus add-on (node-exporter, kube-state-metrics, scrapers), associated with telemetry's rule.
            ...(deps.managedPrometheus ? { azureMonitorProfile: { metrics: { enabled: true, kubeStateMetrics: {} } } } : {}),
            addonProfiles: {
                // AGIC on the gateway built like the VM fleet's: its WAF policy, TLS policy and Key Vault certificate.
                ...(deps.gatewayId ? { ingressApplicationGateway: { enabled: true, config: { applicationGatewayId: deps.gatewayId } } } : {}),
                // Azure Policy for Kubernetes (free): Gatekeeper audits the pods against the built-in baseline.
                azurepolicy: { enabled: true },
            },
            publicNetworkAccess: "Enabled",
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [...controlPlaneGrants, ...rules, ...net.privateDnsLinks], protect: ctx.platform.protectData }),
    );
    const userPool = new containerservice.AgentPool(
        childName(ctx, "aks-apps-pool"),
        { ...pool(USER_POOL_NAME, plan.userPool), agentPoolName: USER_POOL_NAME, resourceGroupName: net.resourceGroup.name, resourceName: cluster.name, mode: "User", orchestratorVersion: ctx.platform.appFleet.kubernetes.cluster.kubernetesVersion },
        // The autoscaler owns the node count after creation.
        childOpts(ctx, { ignoreChanges: ["count"] }),
    );

    // Azure RBAC: the principal running `pulumi up` administers the cluster, nobody else by default.
    const admin = grantTo(ctx, net, "aks-deployer-admin", {
        principalId: net.deployerObjectId,
        role: COMMON_ROLES.aksRbacClusterAdmin,
        scope: cluster.id,
        description: "The deploying principal applies the platform's Kubernetes objects",
    });
    const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: net.resourceGroup.name, resourceName: cluster.name, format: "exec" }, { parent: ctx.parent });
    // An exec kubeconfig: kubelogin turns the deployer's Azure login into an Entra ID token.
    const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((configs) => Buffer.from(configs?.[0]?.value ?? "", "base64").toString("utf8")));
    const provider = new k8s.Provider(childName(ctx, "k8s"), { kubeconfig, enableServerSideApply: true }, childOpts(ctx, { dependsOn: [cluster, userPool, admin] }));
    return {
        cluster,
        userPool,
        clusterName,
        provider,
        oidcIssuerUrl: cluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? ""),
        podSubnet: subnets.pods,
        podCidr: plan.podSubnet,
        zones: plan.zones.length,
        ingressIdentityObjectId: cluster.addonProfiles.apply((profiles) => profiles?.ingressApplicationGateway?.identity?.objectId ?? ""),
        ready: [cluster, userPool, admin],
    };
}
