// Redis on ElastiCache: a replication group in the data subnets, encrypted at rest with the
// component's key, TLS plus a generated AUTH token in transit, Multi-AZ failover when the tier
// has replicas, daily snapshots, and engine and slow logs delivered to encrypted log groups.
// The token is generated here for the group's creation; from then on the `cache/auth-token`
// secret (JSON {host, port, password, tls, cluster}, written and rotated by the credentials
// function with ElastiCache's two-token ROTATE strategy) is the source of truth.
//
// No AOF: ElastiCache does not support append-only files on replication groups. Multi-AZ
// replicas (a failed primary is replaced by an in-sync replica) plus daily snapshots are the
// durability mechanism; the cache holds sessions and queues that the app can rebuild.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";
import * as random from "@pulumi/random";
import { childName, childOpts, createKmsKey, createLogGroup, createSecret, dataOpts, tagsFor, withOverrides } from "./common";
import { AwsCacheNative, AwsNetworkNative, nativeOf } from "./native";
import { cacheNodeTypeFor } from "./sizes";

const MAX_GROUP_ID_LENGTH = 40;
const SUFFIX = "-redis";

/**
 * `${platform}-redis`, fixed so member cluster ids (and so per-node alarms) are known before
 * deployment. ElastiCache wants lowercase, at most 40 characters, no "--", no trailing "-";
 * a longer or sanitised name keeps its prefix and gains a short hash so two stacks never collide.
 */
export function replicationGroupIdFor(platformName: string): string {
    const base = platformName.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+|-+$/g, "");
    const id = `${base}${SUFFIX}`;
    if (id.length <= MAX_GROUP_ID_LENGTH && base === platformName.toLowerCase()) {
        return id;
    }
    const hash = createHash("sha256").update(platformName).digest("hex").slice(0, 6);
    const room = MAX_GROUP_ID_LENGTH - SUFFIX.length - hash.length - 1;
    const prefix = base.slice(0, room).replace(/-+$/, "") || "p";
    return `${prefix}-${hash}${SUFFIX}`;
}

/** The ids ElastiCache gives the member nodes: `<id>-00N`, or `<id>-000S-00N` with shards. */
export function memberClusterIdsFor(groupId: string, shards: number, replicasPerShard: number): string[] {
    const pad = (value: number, width: number): string => String(value).padStart(width, "0");
    const nodes = Array.from({ length: 1 + replicasPerShard }, (_, node) => node + 1);
    if (shards <= 1) {
        return nodes.map((node) => `${groupId}-${pad(node, 3)}`);
    }
    return Array.from({ length: shards }, (_, shard) => shard + 1).flatMap((shard) =>
        nodes.map((node) => `${groupId}-${pad(shard, 4)}-${pad(node, 3)}`),
    );
}

function logGroup(ctx: AdapterContext, spec: CacheSpec, key: aws.kms.Key, role: string, name: string): aws.cloudwatch.LogGroup {
    return createLogGroup(ctx, role, { name, retentionDays: spec.logRetentionDays, key });
}

export function createCache(ctx: AdapterContext, spec: CacheSpec, deps: DataDeps): AdapterResult<CacheOutputs> {
    const network = nativeOf<AwsNetworkNative>(deps.network);
    const replicationGroupId = replicationGroupIdFor(ctx.platform.name);
    const clusterMode = spec.shards > 1;

    const key = createKmsKey(ctx, "cache", { description: `${ctx.platform.name} Redis data at rest and logs`, logs: true });
    // Alphanumeric only: ElastiCache rejects most punctuation in AUTH tokens, and URLs need none.
    const initialToken = new random.RandomPassword(
        childName(ctx, "initial-auth-token"),
        { length: 64, special: false, minLower: 1, minUpper: 1, minNumeric: 1 },
        childOpts(ctx),
    );
    const authSecret = createSecret(ctx, "auth-token", {
        path: "cache/auth-token",
        description: `Connection and current AUTH token of ${replicationGroupId}: JSON {host, port, password, tls, cluster}; rotated`,
        kmsKeyId: key.arn,
    });
    const subnetGroup = new aws.elasticache.SubnetGroup(
        childName(ctx, "subnets"),
        {
            description: `${ctx.platform.name} data subnets`,
            subnetIds: network.dataSubnets.map((subnet) => subnet.id),
            tags: tagsFor(ctx, "subnets"),
        },
        childOpts(ctx),
    );
    const engineLogs = logGroup(ctx, spec, key, "engine-logs", `/${ctx.platform.name}/redis/operations`);
    const slowLogs = logGroup(ctx, spec, key, "slow-logs", `/${ctx.platform.name}/redis/slow-log`);

    const topology: Partial<aws.elasticache.ReplicationGroupArgs> = clusterMode
        ? {
              clusterMode: "enabled",
              numNodeGroups: spec.shards,
              replicasPerNodeGroup: spec.replicasPerShard,
              parameterGroupName: "default.redis7.cluster.on",
          }
        : {
              clusterMode: "disabled",
              numCacheClusters: 1 + spec.replicasPerShard,
              parameterGroupName: "default.redis7",
          };
    const groupArgs: aws.elasticache.ReplicationGroupArgs = {
        ...topology,
        replicationGroupId,
        description: `${ctx.platform.name} Redis: sessions, cache and task queues`,
        engine: spec.engine,
        engineVersion: spec.engineVersion,
        nodeType: cacheNodeTypeFor(spec.nodeMemoryGb),
        port: spec.port,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [network.securityGroups.cache.id],
        atRestEncryptionEnabled: true,
        kmsKeyId: key.arn,
        transitEncryptionEnabled: true,
        authToken: initialToken.result,
        // Rotation adds the new token beside the current one, so clients that have not re-read
        // the secret yet keep working.
        authTokenUpdateStrategy: "ROTATE",
        automaticFailoverEnabled: spec.automaticFailover,
        multiAzEnabled: spec.multiAz,
        snapshotRetentionLimit: spec.snapshotRetentionDays,
        snapshotWindow: spec.snapshotWindow,
        maintenanceWindow: spec.maintenanceWindow,
        autoMinorVersionUpgrade: true,
        // Production keeps a last snapshot if the group is ever deleted on purpose.
        finalSnapshotIdentifier: ctx.platform.protectData ? `${replicationGroupId}-final` : undefined,
        logDeliveryConfigurations: [
            { destination: engineLogs.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "engine-log" },
            { destination: slowLogs.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
        ],
        tags: tagsFor(ctx, "redis"),
    };
    // The credentials function rotates the token; the program only sets the first one.
    const group = new aws.elasticache.ReplicationGroup(
        childName(ctx, "redis"),
        withOverrides(ctx, "cache", groupArgs),
        dataOpts(ctx, { ignoreChanges: ["authToken", "authTokenUpdateStrategy"] }),
    );

    const native: AwsCacheNative = {
        group,
        key,
        authSecret,
        initialToken: initialToken.result,
        clusterMode,
        replicationGroupId,
        memberClusterIds: memberClusterIdsFor(replicationGroupId, spec.shards, spec.replicasPerShard),
    };
    return {
        outputs: {
            // Cluster mode routes clients through the configuration endpoint, which knows every shard.
            host: clusterMode ? group.configurationEndpointAddress : group.primaryEndpointAddress,
            port: group.port.apply((port) => port ?? spec.port),
            tls: pulumi.output(true),
            authSecretRef: authSecret.arn,
        },
        native,
        logGroups: [engineLogs.name, slowLogs.name],
    };
}
