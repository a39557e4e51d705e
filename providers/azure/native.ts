// The Azure handles one component passes to the components built after it. Only Azure adapter
// files read these; the cloud-agnostic components see them as `unknown`.

import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as storage from "@pulumi/azure-native/storage";
import { AdapterResult } from "../adapter";

export interface AzureNetworkNative {
    /** One resource group per stack: every resource of the platform lives in it. */
    resourceGroup: resources.ResourceGroup;
    vnet: network.VirtualNetwork;
    /** The Application Gateway's own subnet (nothing else may live in it). */
    gatewaySubnet: network.Subnet;
    /** Azure subnets are regional, spanning every zone: one per role. */
    appSubnet: network.Subnet;
    /** Delegated to PostgreSQL flexible server. */
    databaseSubnet: network.Subnet;
    /** Private endpoints (cache, storage, Key Vault). */
    endpointSubnet: network.Subnet;
    /** Only when adminCidrs is empty: Azure Bastion needs its own subnet named AzureBastionSubnet. */
    bastionSubnet?: network.Subnet;
    /** Only with `vpn`: the VPN gateway's GatewaySubnet (a /27 in block 0 of the layout). */
    vpnGatewaySubnet?: network.Subnet;
    /** NAT on the app subnet: instances boot and pull their images through it. */
    appEgress: pulumi.Resource[];
    /** Zones the scale sets, database HA and cache use, e.g. ["1", "2", "3"]. */
    zones: string[];
    /** Private DNS zones by name ("privatelink.redis.cache.windows.net", ...), linked to the vnet. */
    privateDnsZones: Record<string, privatedns.PrivateZone>;
    /** The VNet-integrated PostgreSQL server's zone (`<platform>.private.postgres.database.azure.com`), also in privateDnsZones. */
    postgresDnsZone: privatedns.PrivateZone;
    /** The zones' VNet links: what resolves before a resource registers its record. */
    privateDnsLinks: pulumi.Resource[];
    /** One NSG per subnet, each ending in a deny-all at 4096; components add their own rules (network.ts securityRule). */
    securityGroups: {
        gateway: network.NetworkSecurityGroup;
        app: network.NetworkSecurityGroup;
        database: network.NetworkSecurityGroup;
        endpoints: network.NetworkSecurityGroup;
    };
    /** Where the VNet flow logs go; diagnostic settings may use it too. */
    flowLogStorage?: storage.StorageAccount;
    /** RBAC-authorized, purge-protected vault: the platform's generated secrets and customer-managed keys. */
    keyVault: keyvault.Vault;
    /** Its global name and `https://<name>.vault.azure.net/`, fixed before deployment. */
    keyVaultName: string;
    keyVaultUri: string;
    /** Role assignments that let the deploying principal write secrets and keys: secrets and keys depend on them. */
    keyVaultAccess: pulumi.Resource[];
    location: string;
    subscriptionId: pulumi.Output<string>;
    tenantId: pulumi.Output<string>;
    /** Object id of the principal running `pulumi up`. */
    deployerObjectId: pulumi.Output<string>;
}

export interface AzureObjectStoreNative {
    account: storage.StorageAccount;
    container: storage.BlobContainer;
    /** Customer-managed key of the account (production), and the identity that reads it. */
    key?: keyvault.Key;
    identity: managedidentity.UserAssignedIdentity;
}

export interface AzureDatabaseNative {
    /** dbforpostgresql flexible server. */
    server: pulumi.CustomResource;
    replicas: pulumi.CustomResource[];
    serverName: string;
    replicaNames: string[];
    /** The administrator's generated password, in Key Vault; only the credentials job reads it. */
    adminSecret: keyvault.Secret;
    /** The application's login (JSON), written and rotated by the credentials job. */
    appSecretName: string;
    /** JSON list of the read replicas' hosts, when the tier has replicas. */
    replicasSecretName?: string;
    maxConnections: number;
    identity: managedidentity.UserAssignedIdentity;
    key?: keyvault.Key;
    /** Key in the paired region's vault for the geo-redundant backups, when they are on. */
    geoKey?: keyvault.Key;
    /** Fully qualified name of the primary, `<server>.postgres.database.azure.com`. */
    host: pulumi.Output<string>;
    /** The built-in PgBouncer's port on the same host; absent when pooling is off. */
    poolerPort?: number;
}

export interface AzureCacheNative {
    /** redis.Redis (Premium) or a redisenterprise cluster. */
    cache: pulumi.CustomResource;
    cacheName: string;
    clusterMode: boolean;
    /** Connection and access key (JSON) the app reads. */
    authSecretName: string;
    /** The Key Vault secret holding it. */
    authSecret: keyvault.Secret;
    host: pulumi.Output<string>;
    /** Where the cache writes its RDB snapshots, when it persists them: observability audits its access. */
    snapshotAccount?: storage.StorageAccount;
    /** 6380: Azure Cache for Redis serves TLS there. */
    port: number;
}

export interface AzureServiceFleet {
    scaleSet: compute.VirtualMachineScaleSet;
    /** Fixed names, known before deployment: alerts and dashboards need not wait for the set or queue. */
    scaleSetName: string;
    identity: managedidentity.UserAssignedIdentity;
    /** Workers: the Service Bus queue their tasks wait in. */
    queue?: servicebus.Queue;
    queueName?: string;
}

export interface AzureAppFleetNative {
    gateway?: network.ApplicationGateway;
    gatewayName?: string;
    publicIp?: network.PublicIPAddress;
    wafPolicy?: network.WebApplicationFirewallPolicy;
    fleets: Record<string, AzureServiceFleet>;
    serviceBusNamespace?: servicebus.Namespace;
    /** Per called service, the HTTPS URL its callers use. */
    serviceUrls: Record<string, string>;
    /** PEM of the CA behind those URLs' certificate; absent when nothing is called. */
    internalCaPem?: pulumi.Output<string>;
    /** runtime kubernetes: the AKS cluster the services run on (fleets is then empty). */
    cluster?: AzureClusterNative;
}

export interface AzureClusterNative {
    cluster: containerservice.ManagedCluster;
    clusterName: string;
    /** The autoscaled pools ("system", "apps"): node metrics are split by them. */
    nodePools: string[];
    /** Worker service -> its Service Bus queue, for the backlog alerts. */
    queueNames: Record<string, string>;
}

/** Reads the Azure handles of another component's result. */
export function nativeOf<T>(result: AdapterResult<unknown>): T {
    return result.native as T;
}
