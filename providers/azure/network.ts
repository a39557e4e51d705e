// The Azure network of the idea-management document: one resource group and VNet per stack,
// one subnet per role (gateway, app, database, private endpoints, bastion), network security
// groups that only let each tier talk to the next one, a NAT gateway for the app tier's egress,
// private DNS for every private endpoint, VNet flow logs, and the platform's Key Vault.
//
// Azure subnets are regional and span every availability zone, unlike AWS's per-zone subnets:
// one subnet per role takes the first block of that role from the layout (10.0.1.0/24 gateway,
// 10.0.10.0/24 app, 10.0.20.0/24 database) and zone resilience comes from the zonal resources
// inside them (scale sets, zone-redundant PostgreSQL and Redis). The private endpoints take the
// second data block (10.0.21.0/24) and Azure Bastion the second public block (10.0.2.0/24).

import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { DATA_OFFSET, fromInt, parseIpv4Cidr, PUBLIC_OFFSET, SUBNET_PREFIX, toInt } from "../../config/cidr";
import { NetworkSpec } from "../../tiers/types";
import { createBastion } from "./bastion";
import { PGBOUNCER_PORT, pgBouncerFor } from "./database";
import { childName, childOpts, locationOf, tagsFor, withOverrides } from "./common";
import { createFlowLogs } from "./flowLogs";
import { createKeyVault, VAULT_ZONE, vaultUriFor } from "./keyVault";
import { AzureNetworkNative } from "./native";

const HTTPS = 443;
const HTTP = 80;
const SSH = 22;
/** Application Gateway v2's infrastructure ports, which GatewayManager must reach. */
const GATEWAY_MANAGER_PORTS = "65200-65535";
/** Redis (6380 TLS), and the per-shard ports a clustered cache answers on behind a private endpoint. */
export const REDIS_PORTS = ["6379", "6380", "10000", "13000-13999", "15000-15999"];
/** The lowest-priority rule Azure lets us write: it shadows the default allow-VNet/allow-load-balancer rules. */
export const DENY_ALL_PRIORITY = 4096;

/** Private DNS zones every private endpoint and the VNet-integrated database resolve through. */
export const PRIVATE_ZONES = {
    redis: "privatelink.redis.cache.windows.net",
    blob: "privatelink.blob.core.windows.net",
    vault: VAULT_ZONE,
} as const;

/**
 * Flexible server with VNet integration wants its own zone ending in `.postgres.database.azure.com`,
 * not the privatelink one. Its first label is the platform name made a DNS label (stack names may hold "_" or ".").
 */
export function postgresZoneFor(platformName: string): string {
    const label = platformName.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "");
    return `${label}.private.postgres.database.azure.com`;
}

/** The /24 at `offset` in the VNet range: the layout's blocks beyond the first zone's. */
export function layoutBlock(cidr: string, offset: number): string {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed) {
        throw new Error(`not an IPv4 CIDR: ${cidr}`);
    }
    return `${fromInt(toInt(parsed.address) + offset * 2 ** (32 - SUBNET_PREFIX)).toString()}/${SUBNET_PREFIX}`;
}

export interface SubnetPlan {
    gateway: string;
    app: string;
    database: string;
    endpoints: string;
    /** Absent when admin ranges are given: operators then come over their own VPN. */
    bastion?: string;
    /**
     * The VPN gateway's GatewaySubnet, used only with `vpn`: the first /27 of block 0, which the
     * layout leaves free (public subnets start at block 1), so no existing range moves.
     */
    vpnGateway: string;
}

export const VPN_GATEWAY_SUBNET_PREFIX = 27;

/** Which block of the layout each Azure subnet takes (pure, tested without Pulumi). */
export function subnetPlan(spec: NetworkSpec): SubnetPlan {
    const first = spec.subnets[0];
    return {
        gateway: first.publicCidr,
        app: first.appCidr,
        database: first.dataCidr,
        endpoints: spec.subnets[1]?.dataCidr ?? layoutBlock(spec.cidr, DATA_OFFSET + 1),
        bastion: spec.adminCidrs.length === 0 ? (spec.subnets[1]?.publicCidr ?? layoutBlock(spec.cidr, PUBLIC_OFFSET + 1)) : undefined,
        vpnGateway: `${layoutBlock(spec.cidr, 0).split("/")[0]}/${VPN_GATEWAY_SUBNET_PREFIX}`,
    };
}

export interface RuleSpec {
    name: string;
    priority: number;
    /** "Tcp", or "*" for the deny-all and load-balancer rules. */
    protocol?: string;
    /** CIDRs or a service tag ("Internet", "GatewayManager", "AzureLoadBalancer"). */
    sources: string[];
    ports: string[];
    access?: "Allow" | "Deny";
    description: string;
}

/**
 * Standalone rules rather than inline ones, as on AWS: another component (the credentials
 * job's subnet, say) can add a rule to a group without rewriting it.
 */
export function securityRule(ctx: AdapterContext, group: network.NetworkSecurityGroup, groupRole: string, resourceGroup: resources.ResourceGroup, spec: RuleSpec): network.SecurityRule {
    const many = spec.sources.length > 1;
    const manyPorts = spec.ports.length > 1;
    return new network.SecurityRule(
        childName(ctx, `${groupRole}-${spec.name}`),
        {
            resourceGroupName: resourceGroup.name,
            networkSecurityGroupName: group.name,
            securityRuleName: spec.name,
            priority: spec.priority,
            direction: "Inbound",
            access: spec.access ?? "Allow",
            protocol: spec.protocol ?? "Tcp",
            sourcePortRange: "*",
            ...(many ? { sourceAddressPrefixes: spec.sources } : { sourceAddressPrefix: spec.sources[0] }),
            ...(manyPorts ? { destinationPortRanges: spec.ports } : { destinationPortRange: spec.ports[0] }),
            destinationAddressPrefix: "*",
            description: spec.description,
        },
        childOpts(ctx),
    );
}

function nsg(ctx: AdapterContext, resourceGroup: resources.ResourceGroup, location: string, role: string): network.NetworkSecurityGroup {
    return new network.NetworkSecurityGroup(
        childName(ctx, `${role}-nsg`),
        { resourceGroupName: resourceGroup.name, location, networkSecurityGroupName: childName(ctx, `${role}-nsg`), tags: tagsFor(ctx) },
        childOpts(ctx),
    );
}

function denyAll(ctx: AdapterContext, group: network.NetworkSecurityGroup, role: string, resourceGroup: resources.ResourceGroup): void {
    securityRule(ctx, group, role, resourceGroup, {
        name: "deny-all-inbound",
        priority: DENY_ALL_PRIORITY,
        protocol: "*",
        sources: ["*"],
        ports: ["*"],
        access: "Deny",
        description: "Nothing else reaches this subnet, not even the rest of the VNet",
    });
}

/** PostgreSQL's port, and the built-in PgBouncer's beside it when pooling is on. */
export function databasePorts(ctx: AdapterContext): string[] {
    const database = ctx.platform.database;
    return [String(database.port), ...(pgBouncerFor(database) ? [String(PGBOUNCER_PORT)] : [])];
}

function createSecurityGroups(ctx: AdapterContext, spec: NetworkSpec, plan: SubnetPlan, resourceGroup: resources.ResourceGroup, location: string): AzureNetworkNative["securityGroups"] {
    const dbPort = String(ctx.platform.database.port);
    const dbPorts = databasePorts(ctx);
    const gateway = nsg(ctx, resourceGroup, location, "gateway");
    const app = nsg(ctx, resourceGroup, location, "app");
    const database = nsg(ctx, resourceGroup, location, "db");
    const endpoints = nsg(ctx, resourceGroup, location, "endpoints");
    const rule = (group: network.NetworkSecurityGroup, role: string, spec_: RuleSpec): void => {
        securityRule(ctx, group, role, resourceGroup, spec_);
    };

    // HTTP stays open only so the gateway can redirect it to HTTPS.
    rule(gateway, "gateway", { name: "https-internet", priority: 100, sources: ["Internet"], ports: [String(HTTPS)], description: "HTTPS from the internet" });
    rule(gateway, "gateway", { name: "http-internet", priority: 110, sources: ["Internet"], ports: [String(HTTP)], description: "HTTP from the internet (redirected to HTTPS)" });
    // Application Gateway v2 refuses to provision without these two.
    rule(gateway, "gateway", { name: "gateway-manager", priority: 120, sources: ["GatewayManager"], ports: [GATEWAY_MANAGER_PORTS], description: "Application Gateway v2 infrastructure" });
    rule(gateway, "gateway", { name: "azure-load-balancer", priority: 130, protocol: "*", sources: ["AzureLoadBalancer"], ports: ["*"], description: "Azure's health probes of the gateway" });

    spec.servicePorts.forEach((port, index) => {
        rule(app, "app", { name: `gateway-${port}`, priority: 100 + index, sources: [plan.gateway], ports: [String(port)], description: `From the Application Gateway on service port ${port}` });
    });
    // Declared service-to-service calls go through the gateway's private frontend; the fleet adds their rules.
    // Admin ranges reach the VNet over the organisation's VPN or ExpressRoute; without them, Azure Bastion.
    const sshSources = plan.bastion ? [plan.bastion] : spec.adminCidrs;
    rule(app, "app", { name: "ssh-admin", priority: 200, sources: sshSources, ports: [String(SSH)], description: plan.bastion ? "SSH from Azure Bastion" : "SSH from the admin ranges" });

    rule(database, "db", { name: "app-postgres", priority: 100, sources: [plan.app], ports: dbPorts, description: "PostgreSQL (and its PgBouncer, with pooling on) from the app tier" });
    if (plan.bastion) {
        rule(database, "db", { name: "bastion-postgres", priority: 110, sources: [plan.bastion], ports: [dbPort], description: "PostgreSQL for operators through Azure Bastion tunnels" });
    }

    rule(endpoints, "endpoints", { name: "app-redis", priority: 100, sources: [plan.app], ports: REDIS_PORTS, description: "Redis (TLS 6380, cluster shard ports) from the app tier" });
    rule(endpoints, "endpoints", { name: "app-https", priority: 110, sources: [plan.app], ports: [String(HTTPS)], description: "Blob storage and Key Vault from the app tier" });

    for (const [role, group] of [["gateway", gateway], ["app", app], ["db", database], ["endpoints", endpoints]] as const) {
        denyAll(ctx, group, role, resourceGroup);
    }
    return { gateway, app, database, endpoints };
}

/**
 * Azure's NAT gateway is zonal and a subnet takes exactly one, so a regional app subnet cannot
 * have one gateway per zone as AWS has. The gateway is left unpinned (Azure places it) behind a
 * zone-redundant Standard public IP; "perZone" tiers get one public IP per zone instead, which
 * multiplies the SNAT ports (64,512 per IP) the larger fleets need. Zone-redundant NAT
 * (StandardV2) is not in this API version.
 */
function createNat(ctx: AdapterContext, spec: NetworkSpec, resourceGroup: resources.ResourceGroup, location: string, zones: string[]): network.NatGateway {
    const ipCount = spec.natGateways === "perZone" ? spec.zones : 1;
    const ips = Array.from({ length: ipCount }, (_, index) => {
        const role = `nat-ip-${index + 1}`;
        return new network.PublicIPAddress(
            childName(ctx, role),
            {
                resourceGroupName: resourceGroup.name,
                location,
                publicIpAddressName: childName(ctx, role),
                sku: { name: "Standard", tier: "Regional" },
                publicIPAllocationMethod: "Static",
                publicIPAddressVersion: "IPv4",
                zones,
                tags: tagsFor(ctx),
            },
            childOpts(ctx),
        );
    });
    return new network.NatGateway(
        childName(ctx, "nat"),
        {
            resourceGroupName: resourceGroup.name,
            location,
            natGatewayName: childName(ctx, "nat"),
            sku: { name: "Standard" },
            idleTimeoutInMinutes: 4,
            publicIpAddresses: ips.map((ip) => ({ id: ip.id })),
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
}

function createPrivateZones(ctx: AdapterContext, resourceGroup: resources.ResourceGroup, vnet: network.VirtualNetwork): { zones: Record<string, privatedns.PrivateZone>; links: pulumi.Resource[] } {
    const names = [...Object.values(PRIVATE_ZONES), postgresZoneFor(ctx.platform.name)];
    const links: pulumi.Resource[] = [];
    const zones = Object.fromEntries(
        names.map((zoneName) => {
            const role = zoneName.startsWith("privatelink.") ? zoneName.split(".")[1] : "postgres";
            const zone = new privatedns.PrivateZone(
                childName(ctx, `${role}-zone`),
                { resourceGroupName: resourceGroup.name, location: "global", privateZoneName: zoneName, tags: tagsFor(ctx) },
                childOpts(ctx),
            );
            const link = new privatedns.VirtualNetworkLink(
                childName(ctx, `${role}-zone-link`),
                {
                    resourceGroupName: resourceGroup.name,
                    location: "global",
                    privateZoneName: zone.name,
                    virtualNetworkLinkName: childName(ctx, `${role}-link`),
                    virtualNetwork: { id: vnet.id },
                    // Resolution only: VMs do not register their own names in service zones.
                    registrationEnabled: false,
                    tags: tagsFor(ctx),
                },
                childOpts(ctx),
            );
            links.push(link);
            return [zoneName, zone];
        }),
    );
    return { zones, links };
}

export function createNetwork(ctx: AdapterContext, spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    const location = locationOf(ctx);
    const zones = Array.from({ length: spec.zones }, (_, index) => String(index + 1));
    const plan = subnetPlan(spec);
    const client = authorization.getClientConfigOutput({ parent: ctx.parent });

    const resourceGroup = new resources.ResourceGroup(
        childName(ctx, "rg"),
        { resourceGroupName: `${ctx.platform.name}-rg`, location, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    const vnetArgs: network.VirtualNetworkArgs = {
        resourceGroupName: resourceGroup.name,
        location,
        virtualNetworkName: childName(ctx, "vnet"),
        addressSpace: { addressPrefixes: [spec.cidr] },
        // Subnets are separate resources; listing them here too would make the two fight.
        tags: tagsFor(ctx),
    };
    const vnet = new network.VirtualNetwork(childName(ctx, "vnet"), withOverrides(ctx, "network", vnetArgs), childOpts(ctx));
    const securityGroups = createSecurityGroups(ctx, spec, plan, resourceGroup, location);
    const nat = createNat(ctx, spec, resourceGroup, location, zones);

    // ARM updates a VNet's subnets one at a time; parallel writes fail with AnotherOperationInProgress.
    let previous: pulumi.Resource | undefined;
    const subnet = (role: string, name: string, args: Partial<network.SubnetArgs>): network.Subnet => {
        const created = new network.Subnet(
            childName(ctx, `${role}-subnet`),
            { resourceGroupName: resourceGroup.name, virtualNetworkName: vnet.name, subnetName: name, ...args },
            childOpts(ctx, { dependsOn: previous ? [previous] : [] }),
        );
        previous = created;
        return created;
    };
    const gatewaySubnet = subnet("gateway", "gateway", { addressPrefix: plan.gateway, networkSecurityGroup: { id: securityGroups.gateway.id } });
    const appSubnet = subnet("app", "app", {
        addressPrefix: plan.app,
        networkSecurityGroup: { id: securityGroups.app.id },
        natGateway: { id: nat.id },
        // Egress only through the NAT gateway, never Azure's implicit default outbound address.
        defaultOutboundAccess: false,
    });
    const databaseSubnet = subnet("db", "database", {
        addressPrefix: plan.database,
        networkSecurityGroup: { id: securityGroups.database.id },
        delegations: [{ name: "postgres", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
    });
    const endpointSubnet = subnet("endpoints", "endpoints", {
        addressPrefix: plan.endpoints,
        networkSecurityGroup: { id: securityGroups.endpoints.id },
        // Makes the NSG apply to the private endpoints' traffic too.
        privateEndpointNetworkPolicies: "Enabled",
    });
    // Azure Bastion manages this subnet's traffic itself: an NSG on it must carry Bastion's exact
    // rule set or the host fails, so it has none (the app NSG admits SSH from it).
    const bastionSubnet = plan.bastion ? subnet("bastion", "AzureBastionSubnet", { addressPrefix: plan.bastion }) : undefined;
    // The VPN gateway's subnet must be named GatewaySubnet and carry no NSG (Azure refuses one there).
    const vpnGatewaySubnet = ctx.platform.vpn ? subnet("vpn-gateway", "GatewaySubnet", { addressPrefix: plan.vpnGateway }) : undefined;

    const { zones: privateDnsZones, links: privateDnsLinks } = createPrivateZones(ctx, resourceGroup, vnet);
    const { vault, name: keyVaultName, access } = createKeyVault(ctx, {
        resourceGroup,
        location,
        tenantId: client.tenantId,
        subscriptionId: client.subscriptionId,
        deployerObjectId: client.objectId,
        network: { endpointSubnet, privateDnsZones },
    });

    const native: AzureNetworkNative = {
        resourceGroup,
        vnet,
        gatewaySubnet,
        appSubnet,
        databaseSubnet,
        endpointSubnet,
        bastionSubnet,
        vpnGatewaySubnet,
        appEgress: [nat, appSubnet],
        zones,
        privateDnsZones,
        postgresDnsZone: privateDnsZones[postgresZoneFor(ctx.platform.name)],
        privateDnsLinks,
        securityGroups,
        keyVault: vault,
        keyVaultName,
        keyVaultUri: vaultUriFor(keyVaultName),
        keyVaultAccess: access,
        location,
        subscriptionId: client.subscriptionId,
        tenantId: client.tenantId,
        deployerObjectId: client.objectId,
    };
    const flowLogs = createFlowLogs(ctx, spec, native);
    native.flowLogStorage = flowLogs.account;
    if (bastionSubnet) {
        createBastion(ctx, native, bastionSubnet);
    }

    return {
        outputs: {
            networkId: vnet.id,
            zones: pulumi.output(zones),
            publicSubnetIds: pulumi.all([gatewaySubnet.id]),
            appSubnetIds: pulumi.all([appSubnet.id]),
            dataSubnetIds: pulumi.all([databaseSubnet.id, endpointSubnet.id]),
        },
        native,
        logGroups: [],
    };
}
