// The idea-management document's document store on Azure: a StorageV2 account reachable only
// through a private endpoint, encrypted with the platform's HSM key (plus infrastructure
// encryption), Entra ID access only (no shared keys), versioned with soft delete, and the
// document's three lifecycle rules. The app reads and writes its container with its managed
// identity; the fleet grants that.

import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as storage from "@pulumi/azure-native/storage";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";
import { createIdentity, deleteLock, grant, privateEndpoint } from "./access";
import { childName, childOpts, dataOpts, globalName, locationOf, ROLES, tagsFor, withOverrides } from "./common";
import { createVaultKey } from "./keyVault";
import { AzureNetworkNative, AzureObjectStoreNative, nativeOf } from "./native";

const CONTAINER = "documents";
const CORS_MAX_AGE_SECONDS = 3000;
/** Object replication needs only recent changes; the feed is billed per event kept. */
const CHANGE_FEED_DAYS = 7;

/** Storage account names: 3-24 lowercase letters and digits, globally unique. */
export function storageAccountNameFor(ctx: AdapterContext, role: string): string {
    return globalName(ctx, role, { max: 24, alphanumericOnly: true });
}

/**
 * Archive is offered only on LRS, GRS and RA-GRS accounts, and the document archives after 90
 * days: production keeps a geo-redundant copy readable in the paired region during an outage
 * (RA-GRS), the other highly available tiers a geo-redundant one (GRS), development one region
 * (LRS). Zone-redundant accounts (ZRS, GZRS) have no Archive tier.
 */
export function storageSkuFor(redundancy: { geoReadable: boolean; redundant: boolean }): string {
    return redundancy.geoReadable ? "Standard_RAGRS" : redundancy.redundant ? "Standard_GRS" : "Standard_LRS";
}

export interface AccountSpec {
    /** Global-name role and child-name role. */
    role: string;
    sku: string;
    description: string;
    /** Private endpoint for blob; false for an account only Azure services write to. */
    privateBlobEndpoint: boolean;
    overrides?: boolean;
}

export interface SecureAccount {
    account: storage.StorageAccount;
    identity: managedidentity.UserAssignedIdentity;
    key: keyvault.Key;
}

/**
 * A storage account with every switch on: TLS 1.2 and HTTPS only, no anonymous blobs, no shared
 * keys, infrastructure (double) encryption and the platform's HSM key through a user-assigned
 * identity, a Deny firewall that admits only trusted Azure services, and public network access
 * off when a private endpoint serves it.
 */
export function createSecureAccount(ctx: AdapterContext, net: AzureNetworkNative, spec: AccountSpec): SecureAccount {
    const identity = createIdentity(ctx, net, `${spec.role}-identity`);
    const key = createVaultKey(ctx, net, `${spec.role}-key`);
    // The account validates the key through this identity when it is created: grant first.
    const keyAccess = grant(ctx, net, `${spec.role}-key-access`, {
        principalId: identity.principalId,
        role: ROLES.keyVaultCryptoServiceEncryptionUser,
        scope: key.id,
        servicePrincipal: true,
        description: `${spec.description}: wraps its data key with the platform key`,
    });
    const args: storage.StorageAccountArgs = {
        resourceGroupName: net.resourceGroup.name,
        location: locationOf(ctx),
        accountName: storageAccountNameFor(ctx, spec.role),
        kind: "StorageV2",
        sku: { name: spec.sku },
        accessTier: "Hot",
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
        allowedCopyScope: "PrivateLink",
        publicNetworkAccess: spec.privateBlobEndpoint ? "Disabled" : "Enabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        encryption: {
            keySource: "Microsoft.Keyvault",
            requireInfrastructureEncryption: true,
            // Versionless: the account follows the key's yearly rotation by itself.
            keyVaultProperties: { keyName: key.name, keyVaultUri: net.keyVaultUri },
            encryptionIdentity: { encryptionUserAssignedIdentity: identity.id },
            services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
        },
        tags: tagsFor(ctx),
    };
    const account = new storage.StorageAccount(
        childName(ctx, spec.role),
        spec.overrides ? withOverrides(ctx, "objectStore", args) : args,
        dataOpts(ctx, { dependsOn: [keyAccess] }),
    );
    if (spec.privateBlobEndpoint) {
        privateEndpoint(ctx, net, `${spec.role}-blob-endpoint`, { resourceId: account.id, groupId: "blob", zone: "privatelink.blob.core.windows.net" });
    }
    return { account, identity, key };
}

export interface BlobRetention {
    /** Deleted blobs, overwritten versions and deleted containers are kept this long. */
    versionDays: number;
    /** Blobs are deleted this long after their last write; none when absent. */
    deleteAfterDays?: number;
}

/**
 * Versioning and soft delete, with a lifecycle policy that ends both: what an account that
 * only Azure services write (flow logs, cache snapshots) needs so an overwrite is not final
 * and nothing is kept forever.
 */
export function protectBlobs(ctx: AdapterContext, net: AzureNetworkNative, role: string, account: storage.StorageAccount, retention: BlobRetention): storage.ManagementPolicy {
    const service = new storage.BlobServiceProperties(
        childName(ctx, `${role}-blob-service`),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: account.name,
            blobServicesName: "default",
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: retention.versionDays, allowPermanentDelete: false },
            containerDeleteRetentionPolicy: { enabled: true, days: retention.versionDays },
        },
        childOpts(ctx),
    );
    const filters = { blobTypes: ["blockBlob", "appendBlob"] };
    return new storage.ManagementPolicy(
        childName(ctx, `${role}-lifecycle`),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: account.name,
            managementPolicyName: "default",
            policy: {
                rules: [
                    {
                        name: "expire",
                        enabled: true,
                        type: "Lifecycle",
                        definition: {
                            filters,
                            actions: {
                                version: { delete: { daysAfterCreationGreaterThan: retention.versionDays } },
                                ...(retention.deleteAfterDays ? { baseBlob: { delete: { daysAfterModificationGreaterThan: retention.deleteAfterDays } } } : {}),
                            },
                        },
                    },
                ],
            },
        },
        childOpts(ctx, { dependsOn: [service] }),
    );
}

/** The document's rules: delete non-current versions, archive, then delete. Block blobs only: Archive exists for nothing else. */
export function lifecycleRules(spec: ObjectStoreSpec): storage.ManagementPolicyArgs["policy"] {
    const filters = { blobTypes: ["blockBlob"] };
    return {
        rules: [
            {
                name: "delete-noncurrent-versions",
                enabled: true,
                type: "Lifecycle",
                definition: { filters, actions: { version: { delete: { daysAfterCreationGreaterThan: spec.noncurrentVersionExpirationDays } } } },
            },
            {
                name: "archive",
                enabled: true,
                type: "Lifecycle",
                definition: { filters, actions: { baseBlob: { tierToArchive: { daysAfterModificationGreaterThan: spec.archiveAfterDays } } } },
            },
            {
                name: "delete-archived",
                enabled: true,
                type: "Lifecycle",
                definition: { filters, actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: spec.expireAfterDays } } } },
            },
        ],
    };
}

/** Azure Storage CORS takes exact origins or "*" only, so the `*.domain` wildcard origin is left out. */
export function corsOriginsFor(origins: string[]): string[] {
    return origins.filter((origin) => !origin.includes("*"));
}

export function createObjectStore(ctx: AdapterContext, spec: ObjectStoreSpec, deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const { account, identity, key } = createSecureAccount(ctx, net, {
        role: "documents",
        sku: storageSkuFor({ geoReadable: ctx.platform.protectData, redundant: ctx.platform.database.highAvailability }),
        description: "Documents storage account",
        privateBlobEndpoint: true,
        overrides: true,
    });

    const origins = corsOriginsFor(spec.corsOrigins);
    // Soft delete keeps deleted blobs and containers as long as non-current versions are kept.
    const blobService = new storage.BlobServiceProperties(
        childName(ctx, "blob-service"),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: account.name,
            blobServicesName: "default",
            isVersioningEnabled: spec.versioning,
            // Object replication to the DR region reads the change feed.
            ...(ctx.platform.disasterRecovery ? { changeFeed: { enabled: true, retentionInDays: CHANGE_FEED_DAYS } } : {}),
            deleteRetentionPolicy: { enabled: true, days: spec.noncurrentVersionExpirationDays, allowPermanentDelete: false },
            containerDeleteRetentionPolicy: { enabled: true, days: spec.noncurrentVersionExpirationDays },
            // Browsers inside the network (the account has no public endpoint) upload with user-delegation SAS.
            cors: {
                corsRules: origins.length
                    ? [{ allowedOrigins: origins, allowedMethods: ["GET", "PUT", "POST", "HEAD"], allowedHeaders: ["*"], exposedHeaders: ["ETag"], maxAgeInSeconds: CORS_MAX_AGE_SECONDS }]
                    : [],
            },
        },
        childOpts(ctx),
    );
    new storage.ManagementPolicy(
        childName(ctx, "lifecycle"),
        { resourceGroupName: net.resourceGroup.name, accountName: account.name, managementPolicyName: "default", policy: lifecycleRules(spec) },
        // Version rules need versioning on first.
        childOpts(ctx, { dependsOn: [blobService] }),
    );
    const container = new storage.BlobContainer(
        childName(ctx, "container"),
        { resourceGroupName: net.resourceGroup.name, accountName: account.name, containerName: CONTAINER, publicAccess: "None" },
        dataOpts(ctx, { dependsOn: [blobService] }),
    );

    deleteLock(ctx, "lock", account.id, "Documents storage account");

    const native: AzureObjectStoreNative = { account, container, key, identity };
    return {
        outputs: {
            bucketName: container.name,
            url: pulumi.interpolate`${account.primaryEndpoints.blob}${CONTAINER}`,
            region: pulumi.output(locationOf(ctx)),
        },
        native,
        logGroups: [],
    };
}
