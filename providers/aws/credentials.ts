// The application's credentials: its own PostgreSQL role, the Redis token and its own secrets,
// generated where nobody sees them and rotated without downtime.
//
// One small function in the app subnets (it must reach the private database) does the work:
// - once the database and cache exist, a Pulumi invocation bootstraps: as the RDS-managed master
//   it creates the application's owner role and two login roles (see functions/postgresRoles.ts),
//   writes the application's login to `db/app`, seeds `cache/auth-token` with the endpoint and
//   the group's first token, and generates the JWT secret and API key;
// - Secrets Manager calls it every 30 days to rotate `db/app` (the other login role gets a new
//   password, so the previous one keeps working until instances re-read) and the Redis token
//   (ElastiCache's ROTATE keeps the current token valid beside the new one).
// Instances read the secrets at boot and every few minutes (userData.ts), never at plan time.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { join } from "path";
import type { BootstrapEvent } from "../../functions/aws/bootstrap";
import type { FunctionEnvironment } from "../../functions/aws/dependencies";
import { bundleFunction } from "../../functions/bundle";
import { AppFleetDeps } from "../adapter";
import { childName, childOpts, createLogGroup, createSecret, createServiceRole, tagsFor } from "./common";
import { AwsCacheNative, AwsDatabaseNative, nativeOf } from "./native";
import { FleetScope } from "./loadBalancer";
import { egress, ingress, securityGroup } from "./network";

const FUNCTION_ENTRY = join(__dirname, "..", "..", "functions", "aws", "credentials.ts");

/** The idea-management document's extensions, created by the master for the application. */
export const DATABASE_EXTENSIONS = ["uuid-ossp", "pg_trgm"];
export const ROTATION_DAYS = 30;
/** ElastiCache applies a token change in minutes; the function waits for the group meanwhile. */
const TIMEOUT_SECONDS = 900;

/** Application secrets the platform generates: contract variable, secret path, length. */
export const APPLICATION_SECRETS = [
    { variable: "JWT_SECRET", path: "jwt/secret", length: 64 },
    { variable: "API_KEY", path: "api/key", length: 40 },
] as const;

export interface ApplicationCredentials {
    /** Contract variable -> secret, for platform-env. */
    applicationSecrets: Record<string, aws.secretsmanager.Secret>;
}

function credentialsSecurityGroup(s: FleetScope): aws.ec2.SecurityGroup {
    const { ctx, net } = s;
    const { database, cache } = net.securityGroups;
    const group = securityGroup(ctx, net.vpc, "credentials", "Credentials function: PostgreSQL and Redis of this platform, HTTPS to AWS APIs");
    const dbPort = ctx.platform.database.port;
    const cachePort = ctx.platform.cache.port;
    egress(ctx, group, "credentials", { role: "db", port: dbPort, peer: { group: database }, description: "PostgreSQL" });
    egress(ctx, group, "credentials", { role: "cache", port: cachePort, peer: { group: cache }, description: "Redis (token test)" });
    egress(ctx, group, "credentials", { role: "https", port: 443, peer: { cidr: "0.0.0.0/0" }, description: "Secrets Manager and ElastiCache APIs" });
    ingress(ctx, database, "db", { role: "credentials", port: dbPort, peer: { group }, description: "PostgreSQL from the credentials function" });
    ingress(ctx, cache, "cache", { role: "credentials", port: cachePort, peer: { group }, description: "Redis from the credentials function" });
    return group;
}

export function createApplicationCredentials(s: FleetScope, deps: AppFleetDeps): ApplicationCredentials {
    const { ctx, net } = s;
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const dbSpec = ctx.platform.database;
    const functionName = childName(ctx, "credentials");

    const applicationSecrets = Object.fromEntries(
        APPLICATION_SECRETS.map(({ variable, path }) => [
            variable,
            createSecret(ctx, path.replace("/", "-"), { path, description: `${variable} of the application (generated; re-read by the instances on change)`, kmsKeyId: s.key.arn }),
        ]),
    );
    const rotated = [database.appSecret, cache.authSecret];
    const managed = [...rotated, ...Object.values(applicationSecrets)];

    const logGroup = createLogGroup(ctx, "credentials-logs", { name: `/aws/lambda/${functionName}`, retentionDays: s.spec.logRetentionDays, key: s.key });
    const role = createServiceRole(ctx, "credentials-role", { service: "lambda.amazonaws.com", description: `${ctx.platform.name} credentials function` });
    const vpcAccess = new aws.iam.RolePolicyAttachment(
        childName(ctx, "credentials-vpc-access"),
        { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" },
        childOpts(ctx),
    );
    const access = new aws.iam.RolePolicy(
        childName(ctx, "credentials-access"),
        {
            name: "credentials-access",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
                    {
                        Effect: "Allow",
                        Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
                        Resource: managed.map((secret) => secret.arn),
                    },
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [database.key.arn, cache.key.arn, s.key.arn] },
                    {
                        Effect: "Allow",
                        Action: ["elasticache:ModifyReplicationGroup", "elasticache:DescribeReplicationGroups"],
                        // Built from the fixed group id, so the function need not wait for the cache.
                        Resource: pulumi.interpolate`arn:aws:elasticache:${s.region}:${s.account}:replicationgroup:${cache.replicationGroupId}`,
                    },
                ],
            }),
        },
        childOpts(ctx),
    );
    // Apart, so the function need not wait for the database: only the bootstrap does.
    const masterAccess = new aws.iam.RolePolicy(
        childName(ctx, "credentials-master-access"),
        {
            name: "credentials-master-access",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                // DescribeSecret: the function reads the version staged AWSCURRENT.
                Statement: [{ Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: database.masterSecretArn }],
            }),
        },
        childOpts(ctx),
    );
    const securityGroup = credentialsSecurityGroup(s);
    const fn = new aws.lambda.Function(
        childName(ctx, "credentials-function"),
        {
            name: functionName,
            description: `${ctx.platform.name}: application database role, secrets and their rotation`,
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundleFunction(FUNCTION_ENTRY)) }),
            role: role.arn,
            timeout: TIMEOUT_SECONDS,
            memorySize: 256,
            // No reserved concurrency: a new account's quota of 10 leaves nothing to reserve, and
            // the function serialises its own work (an advisory lock; one rotation per secret).
            vpcConfig: { subnetIds: net.appSubnets.map((subnet) => subnet.id), securityGroupIds: [securityGroup.id] },
            kmsKeyArn: s.key.arn,
            environment: {
                variables: {
                    // Node.js 20+ runtimes load Amazon's CAs (RDS included) only when asked: TLS to the database is verified.
                    NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
                    ...({
                        APP_DB_SECRET_ARN: database.appSecret.arn,
                        CACHE_SECRET_ARN: cache.authSecret.arn,
                        CACHE_REPLICATION_GROUP_ID: cache.replicationGroupId,
                    } satisfies Record<keyof FunctionEnvironment, pulumi.Input<string>>),
                },
            },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
            tags: tagsFor(ctx, "credentials-function"),
        },
        childOpts(ctx, { dependsOn: [logGroup, vpcAccess, access] }),
    );

    const bootstrap = new aws.lambda.Invocation(
        childName(ctx, "credentials-bootstrap"),
        {
            functionName: fn.name,
            // Re-runs when an endpoint changes; never resets a credential that is already in use.
            // Typed as the function reads it (functions/aws/bootstrap.ts), so the two cannot drift apart.
            input: pulumi
                .output({
                    database: {
                        host: database.instance.address,
                        port: database.instance.port,
                        dbname: dbSpec.databaseName,
                        masterSecretArn: database.masterSecretArn,
                        appSecretArn: database.appSecret.arn,
                        owner: dbSpec.appRole,
                        extensions: DATABASE_EXTENSIONS,
                    },
                    cache: {
                        secretArn: cache.authSecret.arn,
                        host: deps.cache.outputs.host,
                        port: deps.cache.outputs.port,
                        cluster: cache.clusterMode,
                        token: cache.initialToken,
                    },
                    generated: APPLICATION_SECRETS.map(({ variable, length }) => ({ secretArn: applicationSecrets[variable].arn, length })),
                })
                .apply((parts) => JSON.stringify({ action: "bootstrap", ...parts } satisfies BootstrapEvent)),
        },
        childOpts(ctx, { dependsOn: [masterAccess] }),
    );

    const permission = new aws.lambda.Permission(
        childName(ctx, "credentials-rotation-permission"),
        { statementId: "secretsmanager-rotation", action: "lambda:InvokeFunction", function: fn.name, principal: "secretsmanager.amazonaws.com", sourceAccount: s.account },
        childOpts(ctx),
    );
    rotated.forEach((secret, index) => {
        new aws.secretsmanager.SecretRotation(
            childName(ctx, index === 0 ? "db-app-rotation" : "cache-token-rotation"),
            {
                secretId: secret.id,
                rotationLambdaArn: fn.arn,
                rotationRules: { automaticallyAfterDays: ROTATION_DAYS },
                // The bootstrap writes the first version; the first rotation follows the schedule.
                rotateImmediately: false,
            },
            childOpts(ctx, { dependsOn: [bootstrap, permission] }),
        );
    });
    return { applicationSecrets };
}
