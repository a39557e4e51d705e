// The connection pool's rules on each cloud: RDS Proxy, the flexible server's PgBouncer, Cloud
// SQL's managed pooling and CloudNativePG's Pooler.

import { policy as proxyTls } from "../../../policies/rules/aws/rds-proxy/require-tls";
import { policy as proxySecrets } from "../../../policies/rules/aws/rds-proxy/secrets-auth";
import { policy as pgbouncerPool } from "../../../policies/rules/azure/postgresql-configuration/pgbouncer-pool";
import { policy as managedPool } from "../../../policies/rules/gcp/sql-database-instance/managed-pool";
import { policy as poolerTransactionTls } from "../../../policies/rules/kubernetes/cnpg-pooler/transaction-tls";
import { database as azureDatabase } from "../fixtures/azure";
import { sqlPrimary } from "../fixtures/gcp";
import { PolicyCase, resource, set } from "../harness";

const proxy = () => [
    resource("aws:rds/proxy:Proxy", "db-pool", {
        name: "platform-prod-db-proxy",
        engineFamily: "POSTGRESQL",
        auths: [{ authScheme: "SECRETS", secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:platform-prod/db/app", iamAuth: "DISABLED", clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256" }],
        roleArn: "arn:aws:iam::1:role/platform-prod-db-pool-role",
        vpcSubnetIds: ["subnet-a", "subnet-b"],
        vpcSecurityGroupIds: ["sg-pool"],
        requireTls: true,
        idleClientTimeout: 600,
        debugLogging: false,
    }),
];

const azurePooled = () => [
    ...azureDatabase(),
    resource("azure-native:dbforpostgresql:Configuration", "db-pool-idle", { serverName: "platform-db", configurationName: "pgbouncer.server_idle_timeout", value: "600", source: "user-override" }),
];

const pooledSql = () => {
    const primary = sqlPrimary();
    const settings = primary.inputs!.settings as Record<string, unknown>;
    settings.edition = "ENTERPRISE_PLUS";
    settings.connectionPoolConfigs = [
        {
            connectionPoolingEnabled: true,
            flags: [
                { name: "pool_mode", value: "transaction" },
                { name: "max_pool_size", value: "20" },
                { name: "server_connection_idle_timeout", value: "600" },
            ],
        },
    ];
    return [primary];
};

const pooler = () => [
    resource("kubernetes:postgresql.cnpg.io/v1:Pooler", "db-pool", {
        apiVersion: "postgresql.cnpg.io/v1",
        kind: "Pooler",
        metadata: { name: "platform-db-pool-rw", namespace: "platform-data" },
        spec: {
            cluster: { name: "platform-db" },
            instances: 2,
            type: "rw",
            pgbouncer: { poolMode: "transaction", parameters: { default_pool_size: "20" }, clientTLSSecret: { name: "pool-tls" }, clientCASecret: { name: "pool-ca" } },
        },
    }),
];

export const cases: PolicyCase[] = [
    {
        policy: proxyTls,
        baseline: proxy,
        mutations: [{ title: "TLS optional", apply: set("db-pool", "requireTls", false), message: /requireTls is not true/ }],
    },
    {
        policy: proxySecrets,
        baseline: proxy,
        mutations: [
            { title: "no credentials", apply: set("db-pool", "auths", []), message: /auths is empty/ },
            { title: "not from Secrets Manager", apply: set("db-pool", "auths.0.secretArn", undefined), message: /does not read a Secrets Manager secret/ },
            { title: "MD5 from clients", apply: set("db-pool", "auths.0.clientPasswordAuthType", "POSTGRES_MD5"), message: /weaker scheme than SCRAM/ },
            { title: "no role", apply: set("db-pool", "roleArn", undefined), message: /roleArn is not set/ },
            { title: "debug logging", apply: set("db-pool", "debugLogging", true), message: /debugLogging is true/ },
        ],
    },
    {
        policy: pgbouncerPool,
        baseline: azurePooled,
        mutations: [
            { title: "session pooling", apply: set("db-pool-mode", "value", "session"), message: /pool_mode is "session"/ },
            { title: "idle connections kept", apply: set("db-pool-idle", "value", "0"), message: /server_idle_timeout is "0"/ },
        ],
    },
    {
        policy: managedPool,
        baseline: pooledSql,
        mutations: [
            { title: "Enterprise edition", apply: set("db-primary", "settings.edition", "ENTERPRISE"), message: /needs ENTERPRISE_PLUS/ },
            { title: "session pooling", apply: set("db-primary", "settings.connectionPoolConfigs.0.flags.0.value", "session"), message: /pool_mode is "session"/ },
            { title: "idle connections kept", apply: set("db-primary", "settings.connectionPoolConfigs.0.flags.2.value", "0"), message: /server_connection_idle_timeout is "0"/ },
            { title: "pooling off needs nothing", apply: set("db-primary", "settings.connectionPoolConfigs.0.connectionPoolingEnabled", false), expectNone: true },
        ],
    },
    {
        policy: poolerTransactionTls,
        baseline: pooler,
        mutations: [
            { title: "session pooling", apply: set("db-pool", "spec.pgbouncer.poolMode", "session"), message: /poolMode is "session"/ },
            { title: "CloudNativePG's default mode", apply: set("db-pool", "spec.pgbouncer.poolMode", undefined), message: /unset \(session\)/ },
            { title: "the cluster's certificate", apply: set("db-pool", "spec.pgbouncer.clientTLSSecret", undefined), message: /clientTLSSecret is not set/ },
        ],
    },
];
