// PostgreSQL on RDS: a private, encrypted primary (Multi-AZ in production), optional read
// replicas, TLS-only connections, slow-query and connection logs exported to KMS-encrypted log
// groups, Performance Insights and enhanced monitoring. The master password is managed by RDS in
// Secrets Manager (generated, encrypted with the component's key, rotated every 7 days) and is
// never in the program or its state. Applications never use it: they get their own role, whose
// credentials live in the `db/app` secret created here and written by the platform's
// credentials function (providers/aws/credentials.ts) once the database exists. With pooling on,
// the application connects through RDS Proxy (pooler.ts), which logs in with that same secret.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DatabaseOutputs, DataDeps } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";
import {
    createServiceRole,
    childName,
    childOpts,
    createKmsKey,
    createSecret,
    createLogGroup,
    dataOpts,
    tagsFor,
    withOverrides,
} from "./common";
import { AwsDatabaseNative, AwsNetworkNative, nativeOf } from "./native";
import { rdsIdentifierFor } from "./names";
import { createPooler } from "./pooler";
import { dbInstanceClassFor } from "./sizes";

/** The CloudWatch exports RDS for PostgreSQL offers; each gets a pre-created log group. */
const LOG_EXPORTS = ["postgresql", "upgrade"];

/** The current RSA CA; the provider default may be an expiring one. */
const CA_CERT = "rds-ca-rsa2048-g1";

const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

/** "15" or "15.7" -> "postgres15": parameter group families are per major version. */
function parameterFamily(engineVersion: string): string {
    return `postgres${engineVersion.split(".")[0]}`;
}

function createParameterGroup(ctx: AdapterContext, spec: DatabaseSpec): aws.rds.ParameterGroup {
    const parameters: aws.types.input.rds.ParameterGroupParameter[] = [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: String(spec.slowQueryMs) },
        { name: "log_connections", value: "1" },
        { name: "log_disconnections", value: "1" },
        { name: "log_lock_waits", value: "1" },
        { name: "log_statement", value: "ddl" },
        // Static parameters: RDS refuses "immediate" for them.
        { name: "max_connections", value: String(spec.maxConnections), applyMethod: "pending-reboot" },
        { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
    ];
    return new aws.rds.ParameterGroup(
        childName(ctx, "params"),
        {
            family: parameterFamily(spec.engineVersion),
            description: `${ctx.platform.name} PostgreSQL: TLS only, slow-query and connection logging`,
            parameters,
            tags: tagsFor(ctx, "params"),
        },
        childOpts(ctx),
    );
}

function createMonitoringRole(ctx: AdapterContext): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
    const role = createServiceRole(ctx, "monitoring-role", {
        service: "monitoring.rds.amazonaws.com",
        description: "RDS enhanced monitoring publishes OS metrics",
        sourceAccount: true,
    });
    const attachment = new aws.iam.RolePolicyAttachment(
        childName(ctx, "monitoring-policy"),
        { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
        childOpts(ctx),
    );
    return { role, attachment };
}

/**
 * RDS would create its export log groups itself, unencrypted and kept forever; creating them
 * first with the key and the tier's retention is the only way to control both.
 */
function createExportLogGroups(ctx: AdapterContext, spec: DatabaseSpec, key: aws.kms.Key, identifier: string, role: string): aws.cloudwatch.LogGroup[] {
    return LOG_EXPORTS.map((logType) =>
        createLogGroup(ctx, `${role}-${logType}-logs`, { name: `/aws/rds/instance/${identifier}/${logType}`, retentionDays: spec.logRetentionDays, key }),
    );
}

export function createDatabase(ctx: AdapterContext, spec: DatabaseSpec, deps: DataDeps): AdapterResult<DatabaseOutputs> {
    const network = nativeOf<AwsNetworkNative>(deps.network);
    // Checked before any resource is registered (names.ts validates every derived name).
    const identifier = rdsIdentifierFor(ctx.platform.name);

    const key = createKmsKey(ctx, "db", { description: `${ctx.platform.name} PostgreSQL storage, Performance Insights, secrets and logs`, logs: true });
    const appSecret = createSecret(ctx, "app-credentials", {
        path: "db/app",
        description: `The application's own login to ${identifier}: JSON {username, password, host, port, dbname}; rotated`,
        kmsKeyId: key.arn,
    });
    const subnetGroup = new aws.rds.SubnetGroup(
        childName(ctx, "subnets"),
        {
            description: `${ctx.platform.name} data subnets`,
            subnetIds: network.dataSubnets.map((subnet) => subnet.id),
            tags: tagsFor(ctx, "subnets"),
        },
        childOpts(ctx),
    );
    const parameterGroup = createParameterGroup(ctx, spec);
    const monitoring = createMonitoringRole(ctx);
    const monitoringEnabled = spec.monitoringIntervalSeconds > 0;

    // What the primary and its replicas share: encryption, monitoring, TLS parameters, no public IP.
    const common = {
        storageType: "gp3",
        maxAllocatedStorage: spec.maxStorageGb,
        parameterGroupName: parameterGroup.name,
        vpcSecurityGroupIds: [network.securityGroups.database.id],
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        iamDatabaseAuthenticationEnabled: true,
        caCertIdentifier: CA_CERT,
        copyTagsToSnapshot: true,
        deletionProtection: spec.deletionProtection,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: key.arn,
        performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
        monitoringInterval: spec.monitoringIntervalSeconds,
        monitoringRoleArn: monitoringEnabled ? monitoring.role.arn : undefined,
        enabledCloudwatchLogsExports: LOG_EXPORTS,
    } satisfies Partial<aws.rds.InstanceArgs>;

    const primaryLogs = createExportLogGroups(ctx, spec, key, identifier, "primary");
    const takeFinalSnapshot = spec.deletionProtection;
    const primaryArgs: aws.rds.InstanceArgs = {
        ...common,
        identifier,
        engine: spec.engine,
        // A major version only: RDS picks its current minor and upgrades it in the maintenance window.
        engineVersion: spec.engineVersion,
        instanceClass: dbInstanceClassFor(spec.shape),
        allocatedStorage: spec.storageGb,
        // Same-region replicas inherit encryption and the key from the source; RDS refuses a key on them.
        storageEncrypted: true,
        kmsKeyId: key.arn,
        dbName: spec.databaseName,
        username: spec.username,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: key.arn,
        port: spec.port,
        multiAz: spec.highAvailability,
        dbSubnetGroupName: subnetGroup.name,
        backupRetentionPeriod: spec.backupRetentionDays,
        backupWindow: spec.backupWindow,
        maintenanceWindow: spec.maintenanceWindow,
        skipFinalSnapshot: !takeFinalSnapshot,
        finalSnapshotIdentifier: takeFinalSnapshot ? `${identifier}-final` : undefined,
        tags: tagsFor(ctx, "primary"),
    };
    const instance = new aws.rds.Instance(
        childName(ctx, "primary"),
        withOverrides(ctx, "database", primaryArgs),
        dataOpts(ctx, { dependsOn: [...primaryLogs, monitoring.attachment] }),
    );

    // Replicas depend only on the primary, so they are created in parallel.
    const replicaLogs: aws.cloudwatch.LogGroup[] = [];
    const replicaIdentifiers = Array.from({ length: spec.readReplicas }, (_, index) => `${identifier}-replica-${index + 1}`);
    const replicas = replicaIdentifiers.map((replicaIdentifier, index) => {
        const role = `replica-${index + 1}`;
        const logs = createExportLogGroups(ctx, spec, key, replicaIdentifier, role);
        replicaLogs.push(...logs);
        return new aws.rds.Instance(
            childName(ctx, role),
            {
                ...common,
                identifier: replicaIdentifier,
                // Same region: the subnet group, port, engine and credentials come from the source.
                replicateSourceDb: instance.identifier,
                instanceClass: dbInstanceClassFor(spec.replicaShape),
                // A replica is rebuilt from the primary; a final snapshot of it would be a stale copy.
                skipFinalSnapshot: true,
                tags: tagsFor(ctx, role),
            },
            dataOpts(ctx, { dependsOn: [...logs, monitoring.attachment] }),
        );
    });

    // Replica endpoints for DATABASE_READ_URLS: instances pick them up when they appear, so the
    // fleet does not wait for the replicas to serve.
    const replicasSecret =
        replicas.length > 0
            ? createSecret(ctx, "replica-hosts", {
                  path: "db/replica-hosts",
                  description: `Read replica endpoints of ${identifier}: JSON list`,
                  kmsKeyId: key.arn,
                  value: pulumi.jsonStringify(replicas.map((replica) => replica.address)),
              })
            : undefined;
    const masterSecretArn = instance.masterUserSecrets.apply((secrets) => {
        const arn = secrets?.[0]?.secretArn;
        if (!arn) {
            throw new pulumi.RunError(`RDS returned no managed master secret for ${identifier}.`);
        }
        return arn;
    });

    // The proxy checks clients against the application's login, so it is built beside it.
    const pooler = spec.pooling.enabled
        ? createPooler(ctx, spec.pooling, { network, instance, identifier, key, appSecret, maxConnections: spec.maxConnections })
        : undefined;

    const native: AwsDatabaseNative = {
        instance,
        replicas,
        key,
        appSecret,
        replicasSecret,
        masterSecretArn,
        maxConnections: spec.maxConnections,
        identifier,
        replicaIdentifiers,
        pool: pooler ? { host: pooler.host, port: pooler.port, securityGroup: pooler.securityGroup } : undefined,
    };
    return {
        outputs: {
            host: instance.address,
            port: instance.port,
            database: instance.dbName,
            username: instance.username,
            passwordSecretRef: masterSecretArn,
            readReplicaHosts: pulumi.all(replicas.map((replica) => replica.address)),
            poolHost: pooler ? pooler.host : instance.address,
            poolPort: pooler ? pulumi.output(pooler.port) : instance.port,
        },
        native,
        logGroups: [...primaryLogs, ...replicaLogs].map((group) => group.name),
    };
}
