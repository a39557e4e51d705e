// The idea-management document's PgBouncer as RDS Proxy: a managed pool in the data subnets in
// front of the primary, TLS required from every client, its own security group (the app tier in,
// PostgreSQL out to the database only) and its own role reading exactly the application's login
// secret. The application keeps its credentials: the proxy authenticates each client against the
// same `db/app` secret and opens its pooled connections to the database with it.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { PoolingSpec } from "../../tiers/types";
import { childName, childOpts, createServiceRole, regionOf, tagsFor } from "./common";
import { AwsNetworkNative } from "./native";
import { egress, ingress, securityGroup } from "./network";

/** RDS Proxy listens on PostgreSQL's default port, whatever port the instance uses. */
export const PROXY_PORT = 5432;

/**
 * PgBouncer's query_wait_timeout default: how long a client waits for a pooled connection
 * before it gets an error, the nearest RDS Proxy setting to the document's pool.
 */
export const BORROW_TIMEOUT_SECONDS = 120;

/** RDS Proxy identifiers: like RDS instance identifiers, at most 60 characters. */
export const PROXY_NAME_MAX = 60;

export function proxyNameFor(identifier: string): string {
    return `${identifier}-proxy`;
}

/**
 * PgBouncer's pool of `poolSize` connections plus `reservePoolSize` under load, as the shares of
 * max_connections RDS Proxy takes: the proxy opens at most pool + reserve connections (rounded
 * up, so never fewer) and keeps at most `poolSize` of them idle (rounded down, so never more).
 */
export function proxyPoolPercents(pooling: Pick<PoolingSpec, "poolSize" | "reservePoolSize">, maxConnections: number): { maxConnectionsPercent: number; maxIdleConnectionsPercent: number } {
    const percent = (connections: number) => (connections * 100) / maxConnections;
    const maxConnectionsPercent = Math.min(100, Math.max(1, Math.ceil(percent(pooling.poolSize + pooling.reservePoolSize))));
    const maxIdleConnectionsPercent = Math.min(maxConnectionsPercent, Math.max(0, Math.floor(percent(pooling.poolSize))));
    return { maxConnectionsPercent, maxIdleConnectionsPercent };
}

export interface PoolerInputs {
    network: AwsNetworkNative;
    instance: aws.rds.Instance;
    identifier: string;
    key: aws.kms.Key;
    /** The application's login: the proxy checks clients against it and logs in with it. */
    appSecret: aws.secretsmanager.Secret;
    maxConnections: number;
}

export interface AwsPooler {
    proxy: aws.rds.Proxy;
    securityGroup: aws.ec2.SecurityGroup;
    host: pulumi.Output<string>;
    port: number;
}

function poolerSecurityGroup(ctx: AdapterContext, network: AwsNetworkNative, dbPort: number): aws.ec2.SecurityGroup {
    const { app, database } = network.securityGroups;
    const group = securityGroup(ctx, network.vpc, "pool", "RDS Proxy: PostgreSQL from the app tier, to the database only");
    ingress(ctx, group, "pool", { role: "app", port: PROXY_PORT, peer: { group: app }, description: "PostgreSQL from the app tier" });
    egress(ctx, group, "pool", { role: "db", port: dbPort, peer: { group: database }, description: "Pooled connections to PostgreSQL" });
    ingress(ctx, database, "db", { role: "pool", port: dbPort, peer: { group }, description: "PostgreSQL from the connection pool" });
    egress(ctx, app, "app", { role: "pool", port: PROXY_PORT, peer: { group }, description: "PostgreSQL through the connection pool" });
    return group;
}

/** Reads the application's login and nothing else; the key only through Secrets Manager. */
function poolerRole(ctx: AdapterContext, inputs: PoolerInputs): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = createServiceRole(ctx, "pool-role", { service: "rds.amazonaws.com", description: "RDS Proxy reads the application's database login", sourceAccount: true });
    const region = regionOf(ctx);
    const policy = new aws.iam.RolePolicy(
        childName(ctx, "pool-secret-access"),
        {
            name: "pool-secret-access",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [inputs.appSecret.arn] },
                    {
                        Effect: "Allow",
                        Action: ["kms:Decrypt"],
                        Resource: [inputs.key.arn],
                        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
                    },
                ],
            }),
        },
        childOpts(ctx),
    );
    return { role, policy };
}

export function createPooler(ctx: AdapterContext, pooling: PoolingSpec, inputs: PoolerInputs): AwsPooler {
    const dbPort = ctx.platform.database.port;
    const group = poolerSecurityGroup(ctx, inputs.network, dbPort);
    const { role, policy } = poolerRole(ctx, inputs);
    const proxy = new aws.rds.Proxy(
        childName(ctx, "pool"),
        {
            name: proxyNameFor(inputs.identifier),
            engineFamily: "POSTGRESQL",
            auths: [
                {
                    authScheme: "SECRETS",
                    secretArn: inputs.appSecret.arn,
                    iamAuth: "DISABLED",
                    clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
                    description: "The application's login (db/app)",
                },
            ],
            roleArn: role.arn,
            vpcSubnetIds: inputs.network.dataSubnets.map((subnet) => subnet.id),
            vpcSecurityGroupIds: [group.id],
            requireTls: true,
            idleClientTimeout: pooling.idleTimeoutSeconds,
            // Debug logging writes statements, and so data, to the logs.
            debugLogging: false,
            tags: tagsFor(ctx, "pool"),
        },
        childOpts(ctx, { dependsOn: [policy] }),
    );
    const target = new aws.rds.ProxyDefaultTargetGroup(
        childName(ctx, "pool-targets"),
        {
            dbProxyName: proxy.name,
            connectionPoolConfig: {
                ...proxyPoolPercents(pooling, inputs.maxConnections),
                connectionBorrowTimeout: BORROW_TIMEOUT_SECONDS,
            },
        },
        childOpts(ctx),
    );
    new aws.rds.ProxyTarget(
        childName(ctx, "pool-primary"),
        { dbProxyName: proxy.name, targetGroupName: target.name, dbInstanceIdentifier: inputs.instance.identifier },
        childOpts(ctx),
    );
    return { proxy, securityGroup: group, host: proxy.endpoint, port: PROXY_PORT };
}
