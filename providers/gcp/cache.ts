// Redis on Memorystore, reached over private services access (or, sharded, Private Service
// Connect endpoints in the data subnetwork), encrypted at rest with the component's key and in
// transit with TLS, daily RDB snapshots, and the Sunday maintenance window.
//
// One primary (cluster mode off): Memorystore for Redis, Standard tier with read replicas across
// zones when the tier has replicas, Basic otherwise. Memorystore generates the AUTH string; the
// `cache/auth-token` secret (JSON {host, port, password, tls, cluster}) carries it to the app.
//
// Sharded (production-large): Memorystore for Redis Cluster. It has no AUTH string: it
// authenticates with IAM (AUTH_MODE_IAM_AUTH), the password being a short-lived OAuth access
// token of a principal holding roles/redis.dbConnectionUser. The secret then carries no password
// but `"auth": "iam"`, and a client must send a fresh token of its service account as the
// password on each new connection: a static REDIS_URL password cannot serve the cluster.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";
import { childName, childOpts, createCryptoKey, createSecret, dataOpts, labelsFor, regionOf, withOverrides } from "./common";
import { maintenanceWindowFor } from "./database";
import { GcpCacheNative, GcpNetworkNative, nativeOf } from "./native";
import { redisInstanceIdFor } from "./names";
import { redisClusterNodeTypeFor, redisMemoryGbFor } from "./sizes";

const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

/** Memorystore releases, oldest first: the requested version or the closest newer one. */
const REDIS_VERSIONS: { version: [number, number]; name: string }[] = [
    { version: [6, 0], name: "REDIS_6_X" },
    { version: [7, 0], name: "REDIS_7_0" },
    { version: [7, 2], name: "REDIS_7_2" },
];

/** "7.1" -> "REDIS_7_2": Memorystore has no 7.1 (an ElastiCache release); 7.2 is the next one. */
export function redisVersionFor(engineVersion: string): string {
    const [major, minor = 0] = engineVersion.split(".").map(Number);
    const found = REDIS_VERSIONS.find(({ version: [m, n] }) => m > major || (m === major && n >= minor));
    if (!found) {
        throw new Error(`No Memorystore release of Redis ${engineVersion}; the newest is ${REDIS_VERSIONS[REDIS_VERSIONS.length - 1].name}`);
    }
    return found.name;
}

/** "sun:05:00-sun:06:00" -> Sunday, 05:00 UTC. */
export function weeklyWindowFor(window: string): { day: string; startTime: { hours: number; minutes: number } } {
    const { day, hour } = maintenanceWindowFor(window);
    const minutes = Number(window.split("-")[0].split(":")[2] ?? 0);
    return { day: WEEKDAYS[day - 1], startTime: { hours: hour, minutes } };
}

/** Snapshots every 24 hours aligned on the window's start ("03:00-04:00" -> 03:00 UTC). */
export function rdbSnapshotStartFor(window: string): string {
    return `2026-01-01T${window.split("-")[0]}:00Z`;
}

// Sessions and cache entries carry a TTL and may be evicted; queued tasks carry none and never are.
const REDIS_CONFIGS = { "maxmemory-policy": "volatile-lru" };

function authSecretOf(ctx: AdapterContext, key: gcp.kms.CryptoKey, ready: pulumi.Resource[], value: pulumi.Output<string>): gcp.secretmanager.Secret {
    return createSecret(ctx, "auth-token", { path: "cache/auth-token", key, value, dependsOn: ready });
}

export function createCache(ctx: AdapterContext, spec: CacheSpec, deps: DataDeps): AdapterResult<CacheOutputs> {
    const network = nativeOf<GcpNetworkNative>(deps.network);
    const project = network.project;
    const region = regionOf(ctx);
    const instanceName = redisInstanceIdFor(ctx.platform.name);
    const clusterMode = spec.shards > 1;
    const { key, grants } = createCryptoKey(ctx, network.keyRing, "cache", [
        network.serviceAgents["redis.googleapis.com"],
        network.serviceAgents["secretmanager.googleapis.com"],
    ]);
    const secretsReady = [...grants, network.apis["secretmanager.googleapis.com"]];
    const window = weeklyWindowFor(spec.maintenanceWindow);
    const snapshotStart = rdbSnapshotStartFor(spec.snapshotWindow);

    if (clusterMode) {
        // Redis Cluster places its Private Service Connect endpoints in the data subnetwork under this policy.
        const policy = new gcp.networkconnectivity.ServiceConnectionPolicy(
            childName(ctx, "psc-policy"),
            {
                project,
                location: region,
                network: network.network.id,
                serviceClass: "gcp-memorystore-redis",
                description: `${ctx.platform.name} Redis Cluster endpoints in the data subnetwork`,
                pscConfig: { subnetworks: [network.dataSubnet.id] },
                labels: labelsFor(ctx),
            },
            childOpts(ctx, { dependsOn: [network.apis["networkconnectivity.googleapis.com"]] }),
        );
        const clusterArgs: gcp.redis.ClusterArgs = {
            project,
            region,
            name: instanceName,
            shardCount: spec.shards,
            replicaCount: spec.replicasPerShard,
            nodeType: redisClusterNodeTypeFor(spec.nodeMemoryGb),
            authorizationMode: "AUTH_MODE_IAM_AUTH",
            transitEncryptionMode: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION",
            pscConfigs: [{ network: network.network.id }],
            zoneDistributionConfig: { mode: "MULTI_ZONE" },
            kmsKey: key.id,
            persistenceConfig: { mode: "RDB", rdbConfig: { rdbSnapshotPeriod: "TWENTY_FOUR_HOURS", rdbSnapshotStartTime: snapshotStart } },
            automatedBackupConfig: {
                fixedFrequencySchedule: { startTime: { hours: Number(spec.snapshotWindow.split(":")[0]) } },
                retention: `${spec.snapshotRetentionDays * 24 * 3600}s`,
            },
            maintenancePolicy: { weeklyMaintenanceWindows: [window] },
            redisConfigs: REDIS_CONFIGS,
            deletionProtectionEnabled: ctx.platform.protectData,
            labels: labelsFor(ctx),
        };
        const cluster = new gcp.redis.Cluster(
            childName(ctx, "redis"),
            withOverrides(ctx, "cache", clusterArgs),
            dataOpts(ctx, { dependsOn: [policy, ...grants, network.apis["redis.googleapis.com"]] }),
        );
        const endpoint = cluster.discoveryEndpoints.apply((endpoints) => {
            if (!endpoints?.[0]?.address) {
                throw new pulumi.RunError(`Memorystore returned no discovery endpoint for ${instanceName}.`);
            }
            return { host: endpoints[0].address, port: endpoints[0].port ?? spec.port };
        });
        const authSecret = authSecretOf(
            ctx,
            key,
            secretsReady,
            pulumi.jsonStringify({ host: endpoint.host, port: endpoint.port, tls: true, cluster: true, auth: "iam" }),
        );
        const serverCaPem = cluster.managedServerCas.apply((cas) => (cas ?? []).flatMap((ca) => ca.caCerts.flatMap((chain) => chain.certificates)).join("\n"));
        const native: GcpCacheNative = { cluster, key, authSecret, serverCaPem, clusterMode, instanceName };
        return {
            outputs: { host: endpoint.host, port: endpoint.port, tls: pulumi.output(true), authSecretRef: authSecret.id },
            native,
            logGroups: [],
        };
    }

    const replicated = spec.replicasPerShard > 0;
    const instanceArgs: gcp.redis.InstanceArgs = {
        project,
        region,
        name: instanceName,
        displayName: `${ctx.platform.name} Redis: sessions, cache and task queues`,
        redisVersion: redisVersionFor(spec.engineVersion),
        memorySizeGb: redisMemoryGbFor(spec.nodeMemoryGb, replicated),
        // Standard tier: a replica in another zone takes over automatically; read replicas serve reads.
        tier: replicated ? "STANDARD_HA" : "BASIC",
        replicaCount: replicated ? spec.replicasPerShard : undefined,
        readReplicasMode: replicated ? "READ_REPLICAS_ENABLED" : undefined,
        locationId: network.zones[0],
        alternativeLocationId: replicated && network.zones.length > 1 ? network.zones[1] : undefined,
        connectMode: "PRIVATE_SERVICE_ACCESS",
        authorizedNetwork: network.network.id,
        authEnabled: true,
        transitEncryptionMode: "SERVER_AUTHENTICATION",
        customerManagedKey: key.id,
        // RDB keeps the latest daily snapshot; Memorystore keeps no history of them (ElastiCache's 5 days).
        persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "TWENTY_FOUR_HOURS", rdbSnapshotStartTime: snapshotStart },
        maintenancePolicy: { weeklyMaintenanceWindows: [window] },
        redisConfigs: REDIS_CONFIGS,
        deletionProtection: ctx.platform.protectData,
        labels: labelsFor(ctx),
    };
    const instance = new gcp.redis.Instance(
        childName(ctx, "redis"),
        withOverrides(ctx, "cache", instanceArgs),
        dataOpts(ctx, { dependsOn: [network.privateServices, ...grants, network.apis["redis.googleapis.com"]] }),
    );
    const authSecret = authSecretOf(
        ctx,
        key,
        secretsReady,
        pulumi.jsonStringify({ host: instance.host, port: instance.port, password: instance.authString, tls: true, cluster: false }),
    );
    const serverCaPem = instance.serverCaCerts.apply((certs) => (certs ?? []).map((cert) => cert.cert.trim()).join("\n"));
    const native: GcpCacheNative = { instance, key, authSecret, serverCaPem, clusterMode, instanceName };
    return {
        outputs: { host: instance.host, port: instance.port, tls: pulumi.output(true), authSecretRef: authSecret.id },
        native,
        logGroups: [],
    };
}
