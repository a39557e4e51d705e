// PostgreSQL on Cloud SQL: a private-IP-only primary (regional HA in production), optional read
// replicas, TLS-only connections, backups with point-in-time recovery, slow-query, connection
// and audit logging to Cloud Logging, Query Insights, and storage encrypted with the component's
// key. Cloud SQL has no managed master password, so the built-in administrator's password is
// generated here and kept in Secret Manager (`db/master`), encrypted with the same key; only the
// credentials job reads it. Applications never use it: they get their own role, whose login
// lives in the `db/app` secret created here and written by the credentials job
// (providers/gcp/credentials.ts) once the database exists. With pooling on, the instance is
// Enterprise Plus with managed connection pooling, and the application connects on its port.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DatabaseOutputs, DataDeps } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";
import { childName, childOpts, createCryptoKey, createSecret, dataOpts, labelsFor, regionOf, withOverrides } from "./common";
import { GcpDatabaseNative, GcpNetworkNative, nativeOf } from "./native";
import { sqlInstanceNameFor } from "./names";
import { databaseEditionFor, databaseTierFor, pooledDatabaseTierFor } from "./sizes";

/** Cloud SQL keeps at most 7 days of write-ahead log for point-in-time recovery (Enterprise edition). */
export const MAX_TRANSACTION_LOG_DAYS = 7;
const QUERY_STRING_LENGTH = 1024;
/** A regional failover keeps the instance's IP, so the record never has to change quickly. */
const DNS_TTL_SECONDS = 300;
const DAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** Cloud SQL's managed pooling answers on the instance's own address and certificate, on this port. */
export const MANAGED_POOL_PORT = 6432;

/** The machine tier: with pooling on, an Enterprise Plus tier, the only edition with managed pooling. */
export function sqlTierFor(spec: Pick<DatabaseSpec, "pooling">, shape: DatabaseSpec["shape"]): string {
    return spec.pooling.enabled ? pooledDatabaseTierFor(shape) : databaseTierFor(shape);
}

/**
 * The idea-management document's PgBouncer as Cloud SQL's managed pooling: transaction mode, 20
 * server connections per database and user, idle ones closed after 600 s. It has no reserve pool:
 * the pool grows to max_pool_size and clients queue beyond it.
 */
export function connectionPoolConfigsFor(spec: Pick<DatabaseSpec, "pooling">): gcp.types.input.sql.DatabaseInstanceSettingsConnectionPoolConfig[] | undefined {
    const { pooling } = spec;
    if (!pooling.enabled) {
        return undefined;
    }
    return [
        {
            connectionPoolingEnabled: true,
            flags: [
                { name: "pool_mode", value: pooling.mode },
                { name: "max_pool_size", value: String(pooling.poolSize) },
                { name: "server_connection_idle_timeout", value: String(pooling.idleTimeoutSeconds) },
            ],
        },
    ];
}

/** "15" or "15.7" -> "POSTGRES_15": Cloud SQL takes a major version and manages the minor. */
export function databaseVersionFor(engineVersion: string): string {
    return `POSTGRES_${engineVersion.split(".")[0]}`;
}

/** "03:00-04:00" -> "03:00": Cloud SQL takes the start of a 4-hour backup window. */
export function backupStartFor(window: string): string {
    return window.split("-")[0];
}

/** "sun:04:00-sun:05:00" -> day 7 (Cloud SQL counts Monday as 1), hour 4: the window's start. */
export function maintenanceWindowFor(window: string): { day: number; hour: number } {
    const [day, hour] = window.split("-")[0].split(":");
    const dayNumber = DAYS[day.toLowerCase()];
    if (!dayNumber) {
        throw new Error(`not a maintenance window: ${window}; expected e.g. sun:04:00-sun:05:00`);
    }
    return { day: dayNumber, hour: Number(hour) };
}

/**
 * The flags the AWS parameter group sets, in Cloud SQL's names, plus the CIS GCP 6.2 logging
 * flags. `log_min_duration_statement` is the documents' slow-query threshold, not CIS's -1:
 * the documents ask for slow-query logging.
 */
export function databaseFlagsFor(spec: DatabaseSpec): gcp.types.input.sql.DatabaseInstanceSettingsDatabaseFlag[] {
    return [
        { name: "max_connections", value: String(spec.maxConnections) },
        { name: "log_min_duration_statement", value: String(spec.slowQueryMs) },
        { name: "log_connections", value: "on" },
        { name: "log_disconnections", value: "on" },
        { name: "log_checkpoints", value: "on" },
        { name: "log_lock_waits", value: "on" },
        { name: "log_statement", value: "ddl" },
        { name: "log_min_messages", value: "warning" },
        { name: "log_min_error_statement", value: "error" },
        { name: "log_temp_files", value: "0" },
        { name: "cloudsql.enable_pgaudit", value: "on" },
        { name: "pgaudit.log", value: "role,ddl" },
    ];
}

/** PEM bundle of every CA the server certificate may chain to (current and next, during rotation). */
function caBundle(instance: gcp.sql.DatabaseInstance): pulumi.Output<string> {
    return instance.serverCaCerts.apply((certs) => {
        if (!certs?.length) {
            throw new pulumi.RunError("Cloud SQL returned no server CA certificate.");
        }
        return certs.map((cert) => cert.cert.trim()).join("\n");
    });
}

/** The instance's own DNS name under private services access, the name its shared-CA certificate carries. */
function privateDnsName(instance: gcp.sql.DatabaseInstance, name: string): pulumi.Output<string> {
    return instance.dnsNames.apply((names) => {
        const found = (names ?? []).find((entry) => entry.connectionType === "PRIVATE_SERVICES_ACCESS" && entry.dnsScope === "INSTANCE");
        if (!found) {
            throw new pulumi.RunError(`Cloud SQL returned no private services access DNS name for ${name}.`);
        }
        return found.name.endsWith(".") ? found.name : `${found.name}.`;
    });
}

/**
 * Cloud SQL creates no DNS record for a private-services-access instance: a private zone in
 * the VPC resolves its certificate's name to its private IP, so clients connect by that name
 * and verify it (sslmode=verify-full). The host returned waits for the record.
 */
function privateHost(ctx: AdapterContext, network: GcpNetworkNative, role: string, instance: gcp.sql.DatabaseInstance, name: string): pulumi.Output<string> {
    const fqdn = privateDnsName(instance, name);
    const zone = new gcp.dns.ManagedZone(
        childName(ctx, `${role}-zone`),
        {
            project: network.project,
            dnsName: fqdn,
            description: `${name}: its certificate's name to its private IP`,
            visibility: "private",
            privateVisibilityConfig: { networks: [{ networkUrl: network.network.id }] },
            labels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [network.apis["dns.googleapis.com"]] }),
    );
    const record = new gcp.dns.RecordSet(
        childName(ctx, `${role}-record`),
        { project: network.project, managedZone: zone.name, name: fqdn, type: "A", ttl: DNS_TTL_SECONDS, rrdatas: [instance.privateIpAddress] },
        childOpts(ctx),
    );
    return record.name.apply((recorded) => recorded.replace(/\.$/, ""));
}

export function createDatabase(ctx: AdapterContext, spec: DatabaseSpec, deps: DataDeps): AdapterResult<DatabaseOutputs> {
    const network = nativeOf<GcpNetworkNative>(deps.network);
    const project = network.project;
    const region = regionOf(ctx);
    // Fixed, so alerts and dashboards name it before deployment. Cloud SQL keeps a deleted
    // instance's name for up to a week: a stack destroyed and brought up again within it fails.
    const instanceName = sqlInstanceNameFor(ctx.platform.name);

    const { key, grants } = createCryptoKey(ctx, network.keyRing, "db", [
        network.serviceAgents["sqladmin.googleapis.com"],
        network.serviceAgents["secretmanager.googleapis.com"],
    ]);
    const secretsReady = [...grants, network.apis["secretmanager.googleapis.com"]];
    const appSecret = createSecret(ctx, "app-credentials", { path: "db/app", key, dependsOn: secretsReady });

    // What the primary and its replicas share: private IP only, TLS only, the component's key.
    const ipConfiguration: gcp.types.input.sql.DatabaseInstanceSettingsIpConfiguration = {
        ipv4Enabled: false,
        privateNetwork: network.network.id,
        // TLS with the server verified against its CA (verify-full); the app authenticates by
        // password, so client certificates (TRUSTED_CLIENT_CERTIFICATE_REQUIRED) are not required.
        sslMode: "ENCRYPTED_ONLY",
        // The regional shared CA signs server certificates carrying the instance's DNS name,
        // which hostname verification needs; per-instance CA certificates name no host.
        serverCaMode: "GOOGLE_MANAGED_CAS_CA",
    };
    const common = {
        diskType: "PD_SSD",
        diskAutoresize: true,
        diskAutoresizeLimit: spec.maxStorageGb,
        ipConfiguration,
        databaseFlags: databaseFlagsFor(spec),
        insightsConfig: { queryInsightsEnabled: true, queryStringLength: QUERY_STRING_LENGTH, recordApplicationTags: true, recordClientAddress: true },
        deletionProtectionEnabled: spec.deletionProtection,
        userLabels: labelsFor(ctx),
    };
    const ready = [...grants, network.privateServices, network.apis["sqladmin.googleapis.com"]];

    const window = maintenanceWindowFor(spec.maintenanceWindow);
    const primaryArgs: gcp.sql.DatabaseInstanceArgs = {
        project,
        region,
        name: instanceName,
        databaseVersion: databaseVersionFor(spec.engineVersion),
        encryptionKeyName: key.id,
        deletionProtection: spec.deletionProtection,
        settings: {
            ...common,
            tier: sqlTierFor(spec, spec.shape),
            edition: databaseEditionFor(sqlTierFor(spec, spec.shape)),
            connectionPoolConfigs: connectionPoolConfigsFor(spec),
            availabilityType: spec.highAvailability ? "REGIONAL" : "ZONAL",
            diskSize: spec.storageGb,
            backupConfiguration: {
                enabled: true,
                startTime: backupStartFor(spec.backupWindow),
                pointInTimeRecoveryEnabled: true,
                transactionLogRetentionDays: Math.min(MAX_TRANSACTION_LOG_DAYS, spec.backupRetentionDays),
                // One automated backup a day: keeping N backups keeps N days.
                backupRetentionSettings: { retainedBackups: spec.backupRetentionDays, retentionUnit: "COUNT" },
            },
            maintenanceWindow: { ...window, updateTrack: "stable" },
            // Production keeps a last backup if the instance is ever deleted on purpose.
            finalBackupConfig: spec.deletionProtection ? { enabled: true, retentionDays: spec.backupRetentionDays } : undefined,
        },
    };
    const instance = new gcp.sql.DatabaseInstance(childName(ctx, "primary"), withOverrides(ctx, "database", primaryArgs), dataOpts(ctx, { dependsOn: ready }));

    const host = privateHost(ctx, network, "primary", instance, instanceName);

    const database = new gcp.sql.Database(
        childName(ctx, "database"),
        { project, instance: instance.name, name: spec.databaseName, charset: "UTF8", collation: "en_US.UTF8" },
        dataOpts(ctx),
    );
    // Alphanumeric: the password goes into connection strings without escaping; 40 characters keep ~238 bits.
    const masterPassword = new random.RandomPassword(
        childName(ctx, "master-password"),
        { length: 40, special: false, minLower: 1, minUpper: 1, minNumeric: 1 },
        childOpts(ctx),
    );
    const master = new gcp.sql.User(
        childName(ctx, "master"),
        { project, instance: instance.name, name: spec.username, type: "BUILT_IN", password: masterPassword.result },
        // The credentials job may rotate it; the secret is then the source of truth.
        childOpts(ctx, { ignoreChanges: ["password"] }),
    );
    const masterSecret = createSecret(ctx, "master-credentials", {
        path: "db/master",
        key,
        value: pulumi.jsonStringify({ username: master.name, password: masterPassword.result, host, port: spec.port, dbname: database.name }),
        dependsOn: secretsReady,
    });

    // Replicas depend only on the primary, so they are created in parallel.
    const replicaNames = Array.from({ length: spec.readReplicas }, (_, index) => `${instanceName}-replica-${index + 1}`);
    const replicas = replicaNames.map(
        (name, index) =>
            new gcp.sql.DatabaseInstance(
                childName(ctx, `replica-${index + 1}`),
                {
                    project,
                    region,
                    name,
                    databaseVersion: databaseVersionFor(spec.engineVersion),
                    masterInstanceName: instance.name,
                    instanceType: "READ_REPLICA_INSTANCE",
                    encryptionKeyName: key.id,
                    deletionProtection: spec.deletionProtection,
                    // A replica is rebuilt from the primary: no backups of its own, one zone.
                    settings: { ...common, tier: sqlTierFor(spec, spec.replicaShape), edition: databaseEditionFor(sqlTierFor(spec, spec.replicaShape)), availabilityType: "ZONAL" },
                },
                dataOpts(ctx, { dependsOn: ready }),
            ),
    );
    const replicaHosts = pulumi.all(replicas.map((replica, index) => privateHost(ctx, network, `replica-${index + 1}`, replica, replicaNames[index])));
    // Replica addresses for DATABASE_READ_URLS: instances pick them up when they appear.
    const replicasSecret =
        replicas.length > 0 ? createSecret(ctx, "replica-hosts", { path: "db/replica-hosts", key, value: pulumi.jsonStringify(replicaHosts), dependsOn: secretsReady }) : undefined;

    const native: GcpDatabaseNative = {
        instance,
        replicas,
        key,
        appSecret,
        replicasSecret,
        masterSecret,
        serverCaPem: caBundle(instance),
        maxConnections: spec.maxConnections,
        instanceName,
        replicaNames,
        poolPort: spec.pooling.enabled ? MANAGED_POOL_PORT : undefined,
    };
    return {
        outputs: {
            host,
            port: pulumi.output(spec.port),
            database: database.name,
            username: master.name,
            passwordSecretRef: masterSecret.id,
            readReplicaHosts: replicaHosts,
            // Managed pooling answers on the primary's own name and certificate, on its own port.
            poolHost: host,
            poolPort: pulumi.output(spec.pooling.enabled ? MANAGED_POOL_PORT : spec.port),
        },
        native,
        logGroups: [],
    };
}
