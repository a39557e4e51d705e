// Disaster recovery on Azure, in the region's pair (the only region Azure copies a flexible
// server's backups and a Key Vault to):
// - The documents account replicates its container to an account there by object replication
//   (versioning and change feed on the source), encrypted with a key of a vault there. The
//   account's own GRS copy also lives in the pair, but reads from it are read-only and a
//   failover makes the account LRS; the replica is a separate, writable account a standby
//   stack takes over.
// - PostgreSQL's backups are geo-redundant (database.ts turns them on with a DR region): a
//   geo-restore in the pair restores to the last copied log.
// - Key Vault replicates the platform vault (secrets and keys) to the pair by itself and
//   serves it read-only there during an outage; the DR vault holds the replica account's key.

import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import { Provider } from "@pulumi/azure-native/provider";
import * as storage from "@pulumi/azure-native/storage";
import { AdapterContext, AdapterResult, DisasterRecoveryOutputs, RecoveryDeps, RecoveryPromise } from "../adapter";
import { platformPromise, restoreMinutes } from "../recovery";
import { DisasterRecoverySpec, PlatformSpec } from "../../tiers/types";
import { createIdentity, deleteLock, grant } from "./access";
import { childName, childOpts, dataOpts, globalName, ROLES, tagsFor, vaultObjectName } from "./common";
import { pairedRegionOf } from "./geoKey";
import { KEY_ROTATION_POLICY, SOFT_DELETE_RETENTION_DAYS } from "./keyVault";
import { AzureNetworkNative, AzureObjectStoreNative, nativeOf } from "./native";
import { lifecycleRules, storageAccountNameFor, storageSkuFor } from "./objectStore";
import { AzureObservabilityNative } from "./observability";

/** Azure states geo-restore's RPO as under an hour: the logs copied to the pair so far. */
export const GEO_BACKUP_RPO_MINUTES = 60;
/** Object replication is asynchronous without a guarantee; most blobs arrive within minutes. */
export const OBJECT_REPLICATION_MINUTES = 60;
/** Microsoft fails a vault over to the pair within minutes, read-only. */
export const VAULT_FAILOVER_MINUTES = 20;

/** Whether a stack's DR region is one Azure copies backups and vaults to; refused otherwise. */
export function validateRecovery(spec: PlatformSpec): string[] {
    const dr = spec.disasterRecovery;
    if (!dr || !spec.region) {
        return [];
    }
    const pair = pairedRegionOf(spec.region);
    if (!pair) {
        return [`drRegion: ${spec.region} has no paired region; Azure copies PostgreSQL backups and Key Vault only to a region's pair: remove drRegion or deploy in a paired region`];
    }
    if (dr.region !== pair) {
        return [`drRegion: "${dr.region}" is not the pair of ${spec.region}; Azure copies PostgreSQL's geo-redundant backups and Key Vault only to the pair: set drRegion to "${pair}"`];
    }
    return [];
}

export function drVaultNameFor(ctx: AdapterContext): string {
    return globalName(ctx, "-drkv-", { max: 24 });
}

/** A vault in the DR region for the replica's key: HSM keys, RBAC, purge protection, reached only by Azure services. */
function drVault(ctx: AdapterContext, net: AzureNetworkNative, region: string): { vault: keyvault.Vault; key: keyvault.Key; vaultUri: pulumi.Output<string> } {
    const vault = new keyvault.Vault(
        childName(ctx, "vault"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: region,
            vaultName: drVaultNameFor(ctx),
            properties: {
                tenantId: net.tenantId,
                sku: { family: "A", name: "premium" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
                enablePurgeProtection: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
            },
            tags: tagsFor(ctx),
        },
        // Purge protection keeps its name taken for 90 days after a delete: protected in every tier.
        childOpts(ctx, { protect: ctx.platform.protectData }),
    );
    const deployerKeys = grant(ctx, net, "vault-deployer-keys", {
        principalId: net.deployerObjectId,
        role: ROLES.keyVaultCryptoOfficer,
        scope: vault.id,
        description: "The deploying principal creates the DR region's keys",
    });
    const key = new keyvault.Key(
        childName(ctx, "storage-key"),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: vault.name,
            keyName: vaultObjectName(ctx.name, "storage"),
            properties: { kty: "RSA-HSM", keySize: 3072, keyOps: ["wrapKey", "unwrapKey"], attributes: { enabled: true, exportable: false }, rotationPolicy: KEY_ROTATION_POLICY },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [deployerKeys], protect: ctx.platform.protectData }),
    );
    return { vault, key, vaultUri: vault.properties.apply((properties) => properties.vaultUri ?? "") };
}

/** The replica account: every switch of the documents account, in the DR region, under the DR vault's key. */
function replicaAccount(ctx: AdapterContext, net: AzureNetworkNative, region: string): { account: storage.StorageAccount; vault: keyvault.Vault } {
    const vault = drVault(ctx, net, region);
    const identity = createIdentity(ctx, { resourceGroup: net.resourceGroup, location: region }, "replica-identity");
    const keyAccess = grant(ctx, net, "replica-key-access", {
        principalId: identity.principalId,
        role: ROLES.keyVaultCryptoServiceEncryptionUser,
        scope: vault.key.id,
        servicePrincipal: true,
        description: "Documents replica account: wraps its data key with the DR region's key",
    });
    const platform = ctx.platform;
    const account = new storage.StorageAccount(
        childName(ctx, "replica"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: region,
            accountName: storageAccountNameFor(ctx, "replica"),
            kind: "StorageV2",
            sku: { name: storageSkuFor({ geoReadable: false, redundant: platform.database.highAvailability }) },
            accessTier: "Hot",
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            allowCrossTenantReplication: false,
            // Only object replication writes it until a standby stack takes it over with a private endpoint.
            publicNetworkAccess: "Disabled",
            networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            encryption: {
                keySource: "Microsoft.Keyvault",
                requireInfrastructureEncryption: true,
                keyVaultProperties: { keyName: vault.key.name, keyVaultUri: vault.vaultUri },
                encryptionIdentity: { encryptionUserAssignedIdentity: identity.id },
                services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
            },
            tags: tagsFor(ctx),
        },
        dataOpts(ctx, { dependsOn: [keyAccess] }),
    );
    return { account, vault: vault.vault };
}

/** The DR region's vault and account report to the platform's workspace like their primaries. */
function diagnostics(ctx: AdapterContext, workspaceId: pulumi.Input<string>, role: string, resourceUri: pulumi.Input<string>, options: { logs: boolean; metricCategory: string }): void {
    new monitor.DiagnosticSetting(
        childName(ctx, `${role}-diagnostics`),
        {
            name: `${ctx.platform.name}-logs`,
            resourceUri,
            workspaceId,
            logs: options.logs ? [{ categoryGroup: "allLogs", enabled: true }] : [],
            metrics: [{ category: options.metricCategory, enabled: true }],
        },
        childOpts(ctx),
    );
}

export function createDisasterRecovery(ctx: AdapterContext, spec: DisasterRecoverySpec, deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const store = nativeOf<AzureObjectStoreNative>(deps.objectStore);
    const platform = ctx.platform;
    const region = spec.region;
    const problems = validateRecovery(platform);
    if (problems.length > 0) {
        // validate() reports this before any resource is registered; kept for direct callers.
        throw new pulumi.RunError(problems.join("\n"));
    }

    // Same subscription and credentials; resources here name their region, the provider's default is the DR region.
    const provider = new Provider(childName(ctx, "provider"), { location: region }, { parent: ctx.parent });
    const scope = new pulumi.ComponentResource("platform:index:RecoveryRegion", childName(ctx, "region"), {}, { parent: ctx.parent, providers: [provider] });
    const dr: AdapterContext = { ...ctx, parent: scope };

    const { account, vault } = replicaAccount(dr, net, region);
    const workspaceId = nativeOf<AzureObservabilityNative>(deps.observability).workspace.id;
    diagnostics(dr, workspaceId, "vault", vault.id, { logs: true, metricCategory: "AllMetrics" });
    diagnostics(dr, workspaceId, "replica-storage", account.id, { logs: false, metricCategory: "Transaction" });
    diagnostics(dr, workspaceId, "replica-blob", pulumi.interpolate`${account.id}/blobServices/default`, { logs: true, metricCategory: "Transaction" });
    const blobService = new storage.BlobServiceProperties(
        childName(dr, "replica-blob-service"),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: account.name,
            blobServicesName: "default",
            // Object replication writes versions; the destination must keep them.
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: platform.objectStore.noncurrentVersionExpirationDays, allowPermanentDelete: false },
            containerDeleteRetentionPolicy: { enabled: true, days: platform.objectStore.noncurrentVersionExpirationDays },
        },
        childOpts(dr),
    );
    new storage.ManagementPolicy(
        childName(dr, "replica-lifecycle"),
        { resourceGroupName: net.resourceGroup.name, accountName: account.name, managementPolicyName: "default", policy: lifecycleRules(platform.objectStore) },
        childOpts(dr, { dependsOn: [blobService] }),
    );
    const container = new storage.BlobContainer(
        childName(dr, "replica-container"),
        { resourceGroupName: net.resourceGroup.name, accountName: account.name, containerName: store.container.name, publicAccess: "None" },
        dataOpts(dr, { dependsOn: [blobService] }),
    );
    deleteLock(dr, "replica-lock", account.id, "Documents replica storage account");

    // Azure creates the policy on the destination first; the source repeats it with the ids Azure gave.
    const rule = { sourceContainer: store.container.name, destinationContainer: container.name };
    const destination = new storage.ObjectReplicationPolicy(
        childName(dr, "replication-destination"),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: account.name,
            objectReplicationPolicyId: "default",
            sourceAccount: store.account.id,
            destinationAccount: account.id,
            rules: [rule],
            metrics: { enabled: true },
        },
        childOpts(dr),
    );
    new storage.ObjectReplicationPolicy(
        childName(ctx, "replication-source"),
        {
            resourceGroupName: net.resourceGroup.name,
            accountName: store.account.name,
            objectReplicationPolicyId: destination.policyId,
            sourceAccount: store.account.id,
            destinationAccount: account.id,
            rules: destination.rules.apply((rules) => (rules ?? []).map((given) => ({ ...rule, ruleId: given.ruleId }))),
            metrics: { enabled: true },
        },
        childOpts(ctx),
    );

    const parts: RecoveryPromise[] = [
        {
            component: "database",
            rpoMinutes: GEO_BACKUP_RPO_MINUTES,
            rtoMinutes: restoreMinutes(platform.database.storageGb),
            method: `geo-restore in ${region} from PostgreSQL's geo-redundant backups`,
        },
        { component: "files", rpoMinutes: OBJECT_REPLICATION_MINUTES, rtoMinutes: 15, method: `object replication to a storage account in ${region} (asynchronous, no guarantee)` },
        {
            component: "secrets",
            rpoMinutes: 1,
            rtoMinutes: VAULT_FAILOVER_MINUTES,
            method: `Key Vault's own replication to ${region}, served read-only there after Microsoft's failover`,
        },
    ];
    return {
        outputs: { region: pulumi.output(region), bucketName: account.name, promises: pulumi.output([...parts, platformPromise(parts)]) },
        native: { provider, account, container },
    };
}
