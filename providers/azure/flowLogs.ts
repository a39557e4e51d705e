// VNet flow logs (the successor of NSG flow logs, which Azure stopped accepting in 2025): every
// flow of the VNet, JSON v2, kept spec.flowLogRetentionDays in a storage account of their own.
//
// Flow logs belong to the region's Network Watcher. Azure creates NetworkWatcher_<region> in
// NetworkWatcherRG the first time a VNet is created in a subscription's region (unless the
// subscription opted out), and allows only one watcher per region, so the program uses that one
// rather than creating a second, which would fail wherever the default exists.

import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import { AdapterContext } from "../adapter";
import { NetworkSpec } from "../../tiers/types";
import { grant } from "./access";
import { childName, childOpts, ROLES, tagsFor } from "./common";
import { AzureNetworkNative } from "./native";
import { createSecureAccount, protectBlobs } from "./objectStore";

export const NETWORK_WATCHER_RESOURCE_GROUP = "NetworkWatcherRG";
/** A week to notice a log blob overwritten or deleted by mistake. */
const LOG_VERSION_DAYS = 7;

export function networkWatcherNameFor(location: string): string {
    return `NetworkWatcher_${location}`;
}

export function createFlowLogs(ctx: AdapterContext, spec: NetworkSpec, net: AzureNetworkNative): { account: storage.StorageAccount; flowLog: network.FlowLog } {
    // Only Network Watcher writes here, as a trusted service: no private endpoint, firewall Deny.
    const { account, identity } = createSecureAccount(ctx, net, {
        role: "flowlogs",
        sku: "Standard_ZRS",
        description: "VNet flow-log storage account",
        privateBlobEndpoint: false,
    });
    // Network Watcher deletes logs past the retention itself; the lifecycle rule backs it up.
    protectBlobs(ctx, net, "flowlogs", account, { versionDays: LOG_VERSION_DAYS, deleteAfterDays: spec.flowLogRetentionDays });
    // Shared keys are off, so Network Watcher writes with this identity's Entra ID token.
    const writer = grant(ctx, net, "flowlogs-writer", {
        principalId: identity.principalId,
        role: ROLES.storageBlobDataContributor,
        scope: account.id,
        servicePrincipal: true,
        description: "Network Watcher writes the VNet flow logs",
    });
    const flowLog = new network.FlowLog(
        childName(ctx, "flow-log"),
        {
            resourceGroupName: NETWORK_WATCHER_RESOURCE_GROUP,
            networkWatcherName: networkWatcherNameFor(net.location),
            flowLogName: childName(ctx, "flow-log"),
            location: net.location,
            targetResourceId: net.vnet.id,
            storageId: account.id,
            enabled: true,
            format: { type: "JSON", version: 2 },
            retentionPolicy: { enabled: true, days: spec.flowLogRetentionDays },
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [writer] }),
    );
    return { account, flowLog };
}
