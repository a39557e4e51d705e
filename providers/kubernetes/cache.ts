// Redis on an existing cluster with the OT-Container-Kit redis-operator (Opstree).
//
// Why this operator: Bitnami's free images moved to the frozen `bitnamilegacy` repository in
// August-September 2025, so its redis/valkey charts no longer get patched images without a
// subscription; Spotahome's operator has had no release since 2022; Dragonfly is not Redis.
// OT's operator is released every few months (chart 0.25 in June 2026) and gives AUTH from a
// Secret, TLS from a Secret, PVC persistence, a primary with replicas watched by Sentinel, and
// Redis Cluster mode, all as custom resources.
//
// Topology from the spec: one shard without replicas is a standalone `Redis`; one shard with
// replicas a `RedisReplication` with a `RedisSentinel` (3 sentinels, quorum 2) promoting a
// replica when the primary fails, reached through the operator's `-master` Service, which
// follows the primary; more than one shard a `RedisCluster` (REDIS_CLUSTER=true for the
// application). AUTH uses a generated password in a Secret, TLS a certificate signed by the
// platform CA; RDB snapshots and the append-only file are on each pod's PVC.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";
import { childName, childOpts, dataOpts, labelsFor, withOverrides } from "./common";
import { KubernetesCacheNative, KubernetesNetworkNative, nativeOf } from "./native";
import { allowDataIngress, namespacePeer } from "./network";
import { CacheSizing, cacheSizing, dnsLabel } from "./sizes";
import { createServerCertificate, secretRef } from "./tls";

export const REDIS_OPERATOR_CHART = { chart: "redis-operator", version: "0.25.0", repo: "https://ot-container-kit.github.io/helm-charts" } as const;
export const REDIS_OPERATOR_NAMESPACE = "redis-operator";
export const REDIS_API_VERSION = "redis.redis.opstreelabs.in/v1beta2";
export const REDIS_IMAGE = "quay.io/opstree/redis:v7.0.15";
export const SENTINEL_IMAGE = "quay.io/opstree/redis-sentinel:v7.0.15";
export const EXPORTER_IMAGE = "quay.io/opstree/redis-exporter:v1.44.0";
const SENTINEL_PORT = 26379;

export type CacheKind = "Redis" | "RedisReplication" | "RedisCluster";

export function cacheKind(sizing: CacheSizing): CacheKind {
    if (sizing.clusterMode) {
        return "RedisCluster";
    }
    return sizing.nodesPerShard > 1 ? "RedisReplication" : "Redis";
}

export function cacheNames(componentName: string) {
    const redis = dnsLabel(componentName);
    return {
        redis,
        sentinel: `${redis}-sentinel`,
        passwordSecret: `${redis}-auth`,
        config: `${redis}-config`,
    };
}

/** The Service the application connects to for each topology. */
export function cacheServiceName(kind: CacheKind, redis: string): string {
    switch (kind) {
        case "RedisCluster":
            return `${redis}-leader`;
        case "RedisReplication":
            return `${redis}-master`;
        default:
            return redis;
    }
}

/** Appended to the operator's redis.conf: memory ceiling and eviction, RDB snapshots and the append-only file. */
export function redisConfig(sizing: CacheSizing): string {
    return [
        `maxmemory ${sizing.maxmemoryMb}mb`,
        `maxmemory-policy ${sizing.maxmemoryPolicy}`,
        "appendonly yes",
        "appendfsync everysec",
        "save 3600 1 300 100 60 10000",
        "tls-protocols \"TLSv1.2 TLSv1.3\"",
    ].join("\n");
}

const POD_SECURITY = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } };
const CONTAINER_SECURITY = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
/** The exporter and the sentinels: small and bounded, so a leak cannot starve Redis on its node. */
const SIDECAR_RESOURCES = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } };

export interface CacheInputs {
    spec: CacheSpec;
    names: ReturnType<typeof cacheNames>;
    storageClass?: string;
    tlsSecret: string;
    /** Production: the volumes outlive the resource if it is ever deleted. */
    keepVolumes: boolean;
}

function volumeClaim(size: string, storageClass?: string): Record<string, unknown> {
    return { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...(storageClass ? { storageClassName: storageClass } : {}) } };
}

/** The spec of the Redis, RedisReplication or RedisCluster resource. */
export function redisSpec(inputs: CacheInputs): Record<string, unknown> {
    const sizing = cacheSizing(inputs.spec);
    const kind = cacheKind(sizing);
    const common = {
        kubernetesConfig: {
            image: REDIS_IMAGE,
            imagePullPolicy: "IfNotPresent",
            resources: sizing.resources,
            redisSecret: { name: inputs.names.passwordSecret, key: "password" },
        },
        TLS: { ca: "ca.crt", cert: "tls.crt", key: "tls.key", secret: { secretName: inputs.tlsSecret } },
        redisExporter: { enabled: true, image: EXPORTER_IMAGE, imagePullPolicy: "IfNotPresent", resources: SIDECAR_RESOURCES },
        podSecurityContext: POD_SECURITY,
        securityContext: CONTAINER_SECURITY,
    };
    const config = { additionalRedisConfig: inputs.names.config };
    if (kind === "RedisCluster") {
        return {
            ...common,
            clusterSize: sizing.shards,
            clusterVersion: "v7",
            persistenceEnabled: true,
            redisLeader: { replicas: sizing.shards, redisConfig: config },
            redisFollower: { replicas: sizing.shards * (sizing.nodesPerShard - 1), redisConfig: config },
            storage: {
                volumeClaimTemplate: volumeClaim(sizing.storage, inputs.storageClass),
                nodeConfVolume: true,
                nodeConfVolumeClaimTemplate: volumeClaim("1Gi", inputs.storageClass),
                keepAfterDelete: inputs.keepVolumes,
            },
        };
    }
    return {
        ...common,
        ...(kind === "RedisReplication" ? { clusterSize: sizing.nodesPerShard } : {}),
        redisConfig: config,
        storage: { volumeClaimTemplate: volumeClaim(sizing.storage, inputs.storageClass), keepAfterDelete: inputs.keepVolumes },
    };
}

/** Sentinels that watch the replication group and promote a replica when the primary fails. */
export function sentinelSpec(inputs: CacheInputs): Record<string, unknown> {
    const sizing = cacheSizing(inputs.spec);
    return {
        clusterSize: sizing.sentinels,
        kubernetesConfig: {
            image: SENTINEL_IMAGE,
            imagePullPolicy: "IfNotPresent",
            resources: SIDECAR_RESOURCES,
            redisSecret: { name: inputs.names.passwordSecret, key: "password" },
        },
        redisSentinelConfig: {
            redisReplicationName: inputs.names.redis,
            masterGroupName: "primary",
            redisPort: String(inputs.spec.port),
            quorum: String(Math.floor(sizing.sentinels / 2) + 1),
            redisReplicationPassword: { secretKeyRef: { name: inputs.names.passwordSecret, key: "password" } },
        },
        TLS: { ca: "ca.crt", cert: "tls.crt", key: "tls.key", secret: { secretName: inputs.tlsSecret } },
        podSecurityContext: POD_SECURITY,
        securityContext: CONTAINER_SECURITY,
    };
}

export function createCache(ctx: AdapterContext, spec: CacheSpec, deps: DataDeps): AdapterResult<CacheOutputs> {
    const network = nativeOf<KubernetesNetworkNative>(deps.network);
    const names = cacheNames(ctx.name);
    const sizing = cacheSizing(spec);
    const kind = cacheKind(sizing);
    const namespace = network.dataNamespace;
    const labels = labelsFor(ctx, "cache");

    const operator = new k8s.helm.v3.Release(
        childName(ctx, "redis-operator"),
        {
            name: "redis-operator",
            chart: REDIS_OPERATOR_CHART.chart,
            version: REDIS_OPERATOR_CHART.version,
            repositoryOpts: { repo: REDIS_OPERATOR_CHART.repo },
            namespace: REDIS_OPERATOR_NAMESPACE,
            createNamespace: true,
            atomic: true,
            // Sentinel reaches a TLS-only primary only with the configuration rendered by the init container.
            values: { redisOperator: { imagePullPolicy: "IfNotPresent" }, featureGates: { GenerateConfigInInitContainer: true } },
        },
        dataOpts(ctx, { dependsOn: network.ready }),
    );

    // The operator connects to every node to set up replication, follow failovers and form the cluster.
    const operatorAccess = allowDataIngress(ctx, network, "data-from-redis-operator", [namespacePeer(REDIS_OPERATOR_NAMESPACE)], [spec.port, SENTINEL_PORT]);
    const service = cacheServiceName(kind, names.redis);
    const certificate = createServerCertificate(ctx, network, {
        role: "redis-tls",
        component: "cache",
        services: [names.redis, `${names.redis}-master`, `${names.redis}-replica`, `${names.redis}-headless`, `${names.redis}-leader`, `${names.redis}-follower`, names.sentinel],
        // Replicas, sentinels and cluster nodes reach each other by pod name on the headless Services.
        extraNames: (ns) => [`*.${names.redis}-headless.${ns}.svc`, `*.${names.redis}-leader-headless.${ns}.svc`, `*.${names.redis}-follower-headless.${ns}.svc`],
    });
    const password = new random.RandomPassword(childName(ctx, "auth-password"), { length: 48, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, childOpts(ctx));
    const passwordSecret = new k8s.core.v1.Secret(
        childName(ctx, "auth"),
        { metadata: { name: names.passwordSecret, namespace, labels }, type: "Opaque", stringData: { password: password.result } },
        childOpts(ctx, { dependsOn: network.ready }),
    );
    const config = new k8s.core.v1.ConfigMap(
        childName(ctx, "config"),
        { metadata: { name: names.config, namespace, labels }, data: { "redis-additional.conf": redisConfig(sizing) } },
        childOpts(ctx, { dependsOn: network.ready }),
    );

    const inputs: CacheInputs = { spec, names, storageClass: network.storageClass, tlsSecret: certificate.secretName, keepVolumes: ctx.platform.protectData };
    const redis = new k8s.apiextensions.CustomResource(
        childName(ctx, "redis"),
        withOverrides(ctx, "cache", { apiVersion: REDIS_API_VERSION, kind, metadata: { name: names.redis, namespace, labels }, spec: redisSpec(inputs) }),
        dataOpts(ctx, { dependsOn: [operator, operatorAccess, passwordSecret, config, certificate.secret] }),
    );
    const sentinel =
        sizing.sentinels > 0
            ? new k8s.apiextensions.CustomResource(
                  childName(ctx, "sentinel"),
                  { apiVersion: REDIS_API_VERSION, kind: "RedisSentinel", metadata: { name: names.sentinel, namespace, labels }, spec: sentinelSpec(inputs) },
                  childOpts(ctx, { dependsOn: [redis] }),
              )
            : undefined;

    const host = pulumi.interpolate`${service}.${namespace}.svc`;
    const native: KubernetesCacheNative = {
        host,
        port: spec.port,
        password: password.result,
        cluster: sizing.clusterMode,
        ready: sentinel ? [redis, sentinel] : [redis],
        passwordSecretRef: { namespace, name: names.passwordSecret },
        metrics: { namespace, podSelector: { app: kind === "RedisCluster" ? `${names.redis}-leader` : names.redis }, port: "redis-exporter" },
    };
    return {
        outputs: {
            host,
            port: pulumi.output(spec.port),
            tls: pulumi.output(true),
            authSecretRef: secretRef(namespace, names.passwordSecret),
        },
        native,
    };
}
