// The workers' queues: a Service Bus namespace of this platform with one queue per worker
// service, the idea-management document's Celery broker. Entra ID only (no SAS keys), TLS 1.2.
//
// Premium is what makes the namespace private (public network access off, a private endpoint
// in the VNet) and encrypted with the platform's own key; it costs a messaging unit (about
// $680 a month), so it comes with the production switch (deletion protection). Standard,
// below production, is reached over its public endpoint through the NAT gateway, with
// Microsoft-managed encryption: Standard supports neither private endpoints nor customer keys.

import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../tiers/types";
import { boundedName, childName, childOpts, dataOpts, globalName, tagsFor } from "./common";
import { customerKey, grant, keyScope, userIdentity } from "./instanceRole";
import { FleetScope } from "./loadBalancer";
import { PEEK_LOCK_SECONDS } from "./environment";

const PRIVATE_ZONE = "privatelink.servicebus.windows.net";
const KEY_NAME = "service-bus";

export interface WorkerQueues {
    namespace: servicebus.Namespace;
    namespaceName: string;
    /** `<namespace>.servicebus.windows.net`: what the broker URL names. */
    host: string;
    /** By worker service name; the queue's name is the worker's. */
    queues: Record<string, servicebus.Queue>;
    premium: boolean;
    /** What senders and receivers need before they connect (the private endpoint). */
    ready: pulumi.Resource[];
}

/** The zone Service Bus's private endpoint registers in, linked to the VNet (the network's own when it has one). */
function privateZone(s: FleetScope): { id: pulumi.Output<string>; link: pulumi.Resource[] } {
    const { ctx, net } = s;
    const existing = net.privateDnsZones[PRIVATE_ZONE];
    if (existing) {
        return { id: existing.id, link: [] };
    }
    const zone = new privatedns.PrivateZone(
        childName(ctx, "bus-zone"),
        { privateZoneName: PRIVATE_ZONE, resourceGroupName: net.resourceGroup.name, location: "global", tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    const link = new privatedns.VirtualNetworkLink(
        childName(ctx, "bus-zone-link"),
        { privateZoneName: zone.name, resourceGroupName: net.resourceGroup.name, location: "global", virtualNetwork: { id: net.vnet.id }, registrationEnabled: false, tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    return { id: zone.id, link: [link] };
}

function privateEndpoint(s: FleetScope, namespace: servicebus.Namespace): pulumi.Resource[] {
    const { ctx, net } = s;
    const zone = privateZone(s);
    const endpoint = new network.PrivateEndpoint(
        childName(ctx, "bus-endpoint"),
        {
            privateEndpointName: boundedName(childName(ctx, "bus-endpoint"), 64),
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            subnet: { id: net.endpointSubnet.id },
            privateLinkServiceConnections: [{ name: "namespace", privateLinkServiceId: namespace.id, groupIds: ["namespace"] }],
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
    const zoneGroup = new network.PrivateDnsZoneGroup(
        childName(ctx, "bus-endpoint-dns"),
        {
            resourceGroupName: net.resourceGroup.name,
            privateEndpointName: endpoint.name,
            privateDnsZoneConfigs: [{ name: "servicebus", privateDnsZoneId: zone.id }],
        },
        childOpts(ctx),
    );
    return [endpoint, zoneGroup, ...zone.link];
}

/** Premium's customer-managed key, and the identity the namespace reads it with. */
function encryption(s: FleetScope): { args: Partial<servicebus.NamespaceArgs>; grants: pulumi.Resource[] } {
    const identity = userIdentity(s, "bus-identity");
    const key = customerKey(s, "bus-key", KEY_NAME);
    const canUseKey = grant(s, "bus-uses-key", identity.principalId, "keyVaultCryptoServiceEncryptionUser", keyScope(s, KEY_NAME), { dependsOn: [key] });
    return {
        args: {
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            encryption: {
                keySource: "Microsoft.KeyVault",
                // No key version: the namespace follows the key's rotation.
                keyVaultProperties: [{ keyName: KEY_NAME, keyVaultUri: s.net.keyVaultUri, identity: { userAssignedIdentity: identity.id } }],
                requireInfrastructureEncryption: true,
            },
        },
        grants: [canUseKey],
    };
}

export function workerQueues(s: FleetScope, workers: ServiceSpec[]): WorkerQueues {
    const { ctx, spec, net } = s;
    const premium = spec.deletionProtection;
    // Globally unique, 6-50 letters, digits and hyphens.
    const namespaceName = globalName(ctx, "bus", { max: 50 });
    const encrypted = premium ? encryption(s) : undefined;
    const namespace = new servicebus.Namespace(
        childName(ctx, "bus"),
        {
            namespaceName,
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            sku: premium ? { name: "Premium", tier: "Premium", capacity: 1 } : { name: "Standard", tier: "Standard" },
            ...(premium ? { zoneRedundant: true, premiumMessagingPartitions: 1 } : {}),
            disableLocalAuth: true,
            minimumTlsVersion: "1.2",
            publicNetworkAccess: premium ? "Disabled" : "Enabled",
            ...encrypted?.args,
            tags: tagsFor(ctx),
        },
        // Queued tasks are data: protected like the database in production.
        dataOpts(ctx, { dependsOn: encrypted?.grants ?? [] }),
    );
    const queues = Object.fromEntries(
        workers.map((worker) => [
            worker.name,
            new servicebus.Queue(
                childName(ctx, `${worker.name}-queue`),
                {
                    queueName: worker.name,
                    namespaceName: namespace.name,
                    resourceGroupName: net.resourceGroup.name,
                    // The AWS queues' 4 days; a message delivered 5 times goes to the queue's dead-letter subqueue.
                    defaultMessageTimeToLive: "P4D",
                    deadLetteringOnMessageExpiration: true,
                    maxDeliveryCount: 5,
                    lockDuration: `PT${PEEK_LOCK_SECONDS}S`,
                    maxSizeInMegabytes: 1024,
                },
                dataOpts(ctx),
            ),
        ]),
    );
    return {
        namespace,
        namespaceName,
        host: `${namespaceName}.servicebus.windows.net`,
        queues,
        premium,
        ready: premium ? privateEndpoint(s, namespace) : [],
    };
}
