// Redis on Azure Cache for Redis: reachable only through a private endpoint, TLS 1.2 on port
// 6380 only, Premium with zone-spread replicas, daily RDB snapshots and clustering wherever the
// tier replicates or shards (Basic, one node, for development), and a Sunday patch window. The
// access key goes to Key Vault as the JSON the app reads ({host, port, password, tls, cluster}).
//
// Where Azure differs from ElastiCache: Azure Cache for Redis stops at Redis 6 (Redis 7 is Azure
// Managed Redis, another service), so the spec's 7.1 runs as 6; persistence is RDB or AOF, not
// both, and Premium writes one RDB snapshot, overwritten daily: the snapshot account keeps its
// versions for the document's five days. Snapshots are written with the cache's identity.

import * as pulumi from "@pulumi/pulumi";
import * as redis from "@pulumi/azure-native/redis";
import type * as types from "@pulumi/azure-native/types";
import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";
import { createIdentity, deleteLock, grant, privateEndpoint } from "./access";
import { childName, childOpts, dataOpts, globalName, locationOf, ROLES, tagsFor, vaultObjectName, withOverrides } from "./common";
import { createVaultSecret } from "./keyVault";
import { AzureCacheNative, AzureNetworkNative, nativeOf } from "./native";
import { createSecureAccount, protectBlobs } from "./objectStore";
import { redisSkuFor } from "./sizes";

export const REDIS_VERSION = "6";
export const TLS_PORT = 6380;
const DAILY_MINUTES = "1440";
/** Azure wants at least five hours for a patch window; it starts where the spec's window does. */
const PATCH_WINDOW = "PT5H";
const WEEKDAYS = { sun: "Sunday", mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday" } as const;

/** Cache names are global DNS labels (`<name>.redis.cache.windows.net`): 1-63 letters, digits and hyphens. */
export function redisNameFor(ctx: AdapterContext): string {
    return globalName(ctx, "-redis-", { max: 63 });
}

/** "sun:05:00-sun:06:00" -> Sunday, 05 UTC. */
export function patchScheduleFor(window: string): types.input.redis.ScheduleEntryArgs {
    const match = /^([a-z]{3}):(\d{2}):\d{2}-/.exec(window);
    const day = match ? WEEKDAYS[match[1] as keyof typeof WEEKDAYS] : undefined;
    if (!match || !day) {
        throw new Error(`maintenance window ${window} is not "ddd:hh:mm-ddd:hh:mm"`);
    }
    return { dayOfWeek: day, startHourUtc: Number(match[2]), maintenanceWindow: PATCH_WINDOW };
}

export function createCache(ctx: AdapterContext, spec: CacheSpec, deps: DataDeps): AdapterResult<CacheOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const cacheName = redisNameFor(ctx);
    const host = `${cacheName}.redis.cache.windows.net`;
    const sku = redisSkuFor(spec.nodeMemoryGb, spec.shards, spec.replicasPerShard);
    const premium = sku.name === "Premium";
    const clusterMode = premium && spec.shards > 1;

    const persistence = premium ? createPersistence(ctx, net, spec) : undefined;
    const args: redis.RedisArgs = {
        resourceGroupName: net.resourceGroup.name,
        location: locationOf(ctx),
        name: cacheName,
        sku: { name: sku.name, family: sku.family, capacity: sku.capacity },
        redisVersion: REDIS_VERSION,
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        updateChannel: "Stable",
        ...(premium
            ? {
                  zones: net.zones,
                  replicasPerPrimary: spec.replicasPerShard,
                  ...(clusterMode ? { shardCount: spec.shards } : {}),
                  identity: { type: "UserAssigned", userAssignedIdentities: [persistence!.identity.id] },
                  redisConfiguration: {
                      rdbBackupEnabled: "true",
                      rdbBackupFrequency: DAILY_MINUTES,
                      rdbBackupMaxSnapshotCount: "1",
                      // With managed-identity persistence the "connection string" is only the endpoint: no key.
                      rdbStorageConnectionString: pulumi.interpolate`BlobEndpoint=${persistence!.account.primaryEndpoints.blob};`,
                      preferredDataPersistenceAuthMethod: "ManagedIdentity",
                      storageSubscriptionId: net.subscriptionId,
                  },
              }
            : {}),
        tags: tagsFor(ctx),
    };
    const cache = new redis.Redis(
        childName(ctx, "redis"),
        withOverrides(ctx, "cache", args),
        dataOpts(ctx, { dependsOn: persistence ? [persistence.writer] : [] }),
    );
    if (premium) {
        new redis.PatchSchedule(
            childName(ctx, "patch-schedule"),
            { resourceGroupName: net.resourceGroup.name, name: cache.name, default: "default", scheduleEntries: [patchScheduleFor(spec.maintenanceWindow)] },
            childOpts(ctx),
        );
    }
    privateEndpoint(ctx, net, "redis-endpoint", { resourceId: cache.id, groupId: "redisCache", zone: "privatelink.redis.cache.windows.net" });
    deleteLock(ctx, "lock", cache.id, `Redis cache ${cacheName}`);

    const keys = redis.listRedisKeysOutput({ name: cache.name, resourceGroupName: net.resourceGroup.name }, { parent: ctx.parent });
    const authSecretName = vaultObjectName(ctx.name, "auth");
    const authSecret = createVaultSecret(ctx, net, "auth-secret", {
        name: authSecretName,
        value: pulumi.jsonStringify({ host, port: TLS_PORT, password: keys.primaryKey, tls: true, cluster: clusterMode }),
        contentType: "application/json",
    });

    const native: AzureCacheNative = { cache, cacheName, clusterMode, authSecretName, authSecret, host: pulumi.output(host), port: TLS_PORT, snapshotAccount: persistence?.account };
    return {
        outputs: {
            host: cache.hostName,
            port: pulumi.output(TLS_PORT),
            tls: pulumi.output(true),
            authSecretRef: pulumi.output(`${net.keyVaultUri}secrets/${authSecretName}`),
        },
        native,
        logGroups: [],
    };
}

/** The snapshot account and the identity the cache writes it with. */
function createPersistence(ctx: AdapterContext, net: AzureNetworkNative, spec: CacheSpec) {
    const { account } = createSecureAccount(ctx, net, { role: "snapshots", sku: "Standard_ZRS", description: "Redis snapshot storage account", privateBlobEndpoint: false });
    // Each daily snapshot overwrites the last; its versions are the document's five days of snapshots.
    protectBlobs(ctx, net, "snapshots", account, { versionDays: spec.snapshotRetentionDays });
    const identity = createIdentity(ctx, net, "redis-identity");
    const writer = grant(ctx, net, "snapshot-writer", {
        principalId: identity.principalId,
        role: ROLES.storageBlobDataContributor,
        scope: account.id,
        servicePrincipal: true,
        description: "Azure Cache for Redis writes its RDB snapshots",
    });
    return { account, identity, writer };
}
