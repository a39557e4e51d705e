// The pieces every Azure data component repeats: a role assignment, a private endpoint with its
// DNS record, a user-assigned identity and a delete lock. One place, so each component file
// reads as its architecture only.

import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import { AdapterContext } from "../adapter";
import { childName, childOpts, roleDefinitionId, tagsFor } from "./common";
import { AzureNetworkNative } from "./native";

export interface GrantSpec {
    principalId: pulumi.Input<string>;
    /** A role GUID from ROLES. */
    role: string;
    scope: pulumi.Input<string>;
    /** Managed identities are service principals; saying so skips Entra ID's replication wait. */
    servicePrincipal?: boolean;
    description: string;
}

export function grant(ctx: AdapterContext, network: Pick<AzureNetworkNative, "subscriptionId">, role: string, spec: GrantSpec, opts: pulumi.CustomResourceOptions = {}): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
        childName(ctx, role),
        {
            principalId: spec.principalId,
            principalType: spec.servicePrincipal ? "ServicePrincipal" : undefined,
            roleDefinitionId: roleDefinitionId(network.subscriptionId, spec.role),
            scope: spec.scope,
            description: spec.description,
        },
        childOpts(ctx, opts),
    );
}

/** Identity names take letters, digits, "_" and "-" only (a stack name may hold "."). */
export function identityNameFor(ctx: AdapterContext, role: string): string {
    return childName(ctx, role).replace(/[^A-Za-z0-9_-]/g, "-");
}

/** A user-assigned identity: created before the resource that uses it, so its grants can be too. */
export function createIdentity(ctx: AdapterContext, network: Pick<AzureNetworkNative, "resourceGroup" | "location">, role: string): managedidentity.UserAssignedIdentity {
    return new managedidentity.UserAssignedIdentity(
        childName(ctx, role),
        {
            resourceGroupName: network.resourceGroup.name,
            location: network.location,
            resourceName: identityNameFor(ctx, role),
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
}

export interface EndpointSpec {
    /** The resource the endpoint reaches. */
    resourceId: pulumi.Input<string>;
    /** Its private-link sub-resource: "blob", "vault", "redisCache". */
    groupId: string;
    /** The privatelink zone its A record goes in (a key of AzureNetworkNative.privateDnsZones). */
    zone: string;
}

/**
 * A private endpoint in the endpoint subnet, and a DNS zone group that keeps the resource's
 * privatelink A record in the linked zone, so its public name resolves to the private address
 * inside the VNet.
 */
export type EndpointNetwork = Pick<AzureNetworkNative, "resourceGroup" | "location" | "endpointSubnet" | "privateDnsZones">;

export function privateEndpoint(ctx: AdapterContext, net: EndpointNetwork, role: string, spec: EndpointSpec, opts: pulumi.CustomResourceOptions = {}): network.PrivateEndpoint {
    const zone = net.privateDnsZones[spec.zone];
    if (!zone) {
        throw new Error(`no private DNS zone ${spec.zone} in the network; known: ${Object.keys(net.privateDnsZones).join(", ")}`);
    }
    const name = childName(ctx, role);
    const endpoint = new network.PrivateEndpoint(
        childName(ctx, role),
        {
            resourceGroupName: net.resourceGroup.name,
            location: net.location,
            privateEndpointName: name,
            customNetworkInterfaceName: `${name}-nic`,
            subnet: { id: net.endpointSubnet.id },
            privateLinkServiceConnections: [{ name, privateLinkServiceId: spec.resourceId, groupIds: [spec.groupId] }],
            tags: tagsFor(ctx),
        },
        childOpts(ctx, opts),
    );
    new network.PrivateDnsZoneGroup(
        childName(ctx, `${role}-dns`),
        {
            resourceGroupName: net.resourceGroup.name,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [{ name: spec.zone.replace(/\./g, "-"), privateDnsZoneId: zone.id }],
        },
        childOpts(ctx),
    );
    return endpoint;
}

/** CanNotDelete on a production data resource: a delete through the portal or CLI fails too, not only `pulumi destroy`. */
export function deleteLock(ctx: AdapterContext, role: string, scope: pulumi.Input<string>, what: string): authorization.ManagementLockByScope | undefined {
    if (!ctx.platform.protectData) {
        return undefined;
    }
    return new authorization.ManagementLockByScope(
        childName(ctx, role),
        { scope, level: "CanNotDelete", lockName: `${ctx.platform.name}-${role}`.slice(0, 90), notes: `${what}: remove this lock on purpose before deleting` },
        childOpts(ctx),
    );
}
