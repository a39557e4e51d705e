// PostgreSQL on Azure Database for PostgreSQL flexible server: VNet-integrated in the delegated
// database subnet (no public endpoint), zone-redundant HA where the tier asks for it, geo-
// redundant backups in production, data encrypted with the platform's HSM key, TLS 1.2 only,
// the built-in PgBouncer in transaction mode (the idea-management document's pool), and read
// replicas for the largest tier. The administrator's generated password goes to Key Vault and
// only the credentials job reads it; the application logs in as its own role, whose login the
// job writes to the `appSecretName` secret once the server exists.
//
// Azure schedules the daily backups itself: the document's 03:00-04:00 backup window has no
// setting here (the Sunday 04:00 maintenance window does).

import * as pulumi from "@pulumi/pulumi";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DatabaseOutputs, DataDeps } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";
import { createIdentity, deleteLock, grant } from "./access";
import { childName, childOpts, dataOpts, globalName, locationOf, ROLES, tagsFor, vaultObjectName, withOverrides } from "./common";
import { createGeoKey } from "./geoKey";
import { createVaultKey, createVaultSecret } from "./keyVault";
import { AzureDatabaseNative, AzureNetworkNative, nativeOf } from "./native";
import { postgresMaxConnectionsFor, postgresSkuFor, postgresStorageGbFor } from "./sizes";

/** PgBouncer listens beside PostgreSQL on the same host. */
export const PGBOUNCER_PORT = 6432;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Server names are global DNS labels (`<name>.postgres.database.azure.com`): 3-63 lowercase letters, digits and hyphens. */
export function postgresServerNameFor(ctx: AdapterContext): string {
    return globalName(ctx, "-pg-", { max: 63 });
}

/** "sun:04:00-sun:05:00" -> Azure's custom window (day 0 = Sunday; Azure takes an hour-long slot). */
export function maintenanceWindowFor(window: string): { customWindow: string; dayOfWeek: number; startHour: number; startMinute: number } {
    const match = /^([a-z]{3}):(\d{2}):(\d{2})-/.exec(window);
    const day = match ? DAYS.indexOf(match[1]) : -1;
    if (!match || day < 0) {
        throw new Error(`maintenance window ${window} is not "ddd:hh:mm-ddd:hh:mm"`);
    }
    return { customWindow: "Enabled", dayOfWeek: day, startHour: Number(match[2]), startMinute: Number(match[3]) };
}

/** Whether the server takes the built-in PgBouncer: pooling on, and a tier that has it (Burstable has none). */
export function pgBouncerFor(spec: Pick<DatabaseSpec, "pooling" | "shape" | "highAvailability" | "readReplicas">): boolean {
    return spec.pooling.enabled && postgresSkuFor(spec.shape, burstableAllowed(spec)).tier !== "Burstable";
}

/** Burstable supports neither zone-redundant HA nor replicas. */
export function burstableAllowed(spec: Pick<DatabaseSpec, "highAvailability" | "readReplicas">): boolean {
    return !spec.highAvailability && spec.readReplicas === 0;
}

/** `platform:pooling` on a server whose tier has no PgBouncer, said in the stack's terms. */
export function poolingProblems(spec: Pick<DatabaseSpec, "pooling" | "shape" | "highAvailability" | "readReplicas">): string[] {
    if (!spec.pooling.enabled) {
        return [];
    }
    const sku = postgresSkuFor(spec.shape, burstableAllowed(spec));
    return sku.tier === "Burstable"
        ? [`platform:pooling: true needs the flexible server's built-in PgBouncer, which the Burstable tier (${sku.name}, this stack's database) does not have; set platform:pooling to false, or size the database for General Purpose`]
        : [];
}

/**
 * Server parameters. Azure's PgBouncer has no reserve pool (no pgbouncer.reserve_pool_size
 * parameter): the document's 20 connections per pool and transaction pooling carry over, and its
 * 600-second timeout is the server idle timeout.
 */
export function serverParameters(spec: DatabaseSpec, withPgBouncer: boolean): Record<string, string> {
    return {
        require_secure_transport: "on",
        ssl_min_protocol_version: "TLSv1.2",
        max_connections: String(postgresMaxConnectionsFor(spec.maxConnections)),
        log_min_duration_statement: String(spec.slowQueryMs),
        log_connections: "on",
        log_disconnections: "on",
        log_checkpoints: "on",
        "connection_throttle.enable": "on",
        ...(withPgBouncer
            ? {
                  "pgbouncer.enabled": "true",
                  "pgbouncer.default_pool_size": String(spec.pooling.poolSize),
                  "pgbouncer.pool_mode": spec.pooling.mode,
                  "pgbouncer.server_idle_timeout": String(spec.pooling.idleTimeoutSeconds),
              }
            : {}),
    };
}

/** Parameters are applied one at a time: the server refuses a second change while one is in progress. */
function configure(ctx: AdapterContext, net: AzureNetworkNative, server: dbforpostgresql.Server, role: string, parameters: Record<string, string>): pulumi.Resource[] {
    const created: pulumi.Resource[] = [];
    for (const [name, value] of Object.entries(parameters)) {
        created.push(
            new dbforpostgresql.Configuration(
                childName(ctx, `${role}-${name.replace(/[._]/g, "-")}`),
                { resourceGroupName: net.resourceGroup.name, serverName: server.name, configurationName: name, value, source: "user-override" },
                childOpts(ctx, { dependsOn: created.slice(-1) }),
            ),
        );
    }
    return created;
}

export function createDatabase(ctx: AdapterContext, spec: DatabaseSpec, deps: DataDeps): AdapterResult<DatabaseOutputs> {
    const net = nativeOf<AzureNetworkNative>(deps.network);
    const location = locationOf(ctx);
    const serverName = postgresServerNameFor(ctx);
    const host = `${serverName}.postgres.database.azure.com`;
    // Production, and every stack with a DR region (validated to be the pair, where geo-backups go).
    const geoRedundant = spec.deletionProtection || ctx.platform.disasterRecovery !== undefined;
    // Burstable has neither zone-redundant HA, nor replicas, nor PgBouncer (validate refuses pooling there).
    const sku = postgresSkuFor(spec.shape, burstableAllowed(spec));
    const withPgBouncer = pgBouncerFor(spec);

    const identity = createIdentity(ctx, net, "identity");
    const key = createVaultKey(ctx, net, "key");
    const keyAccess = grant(ctx, net, "key-access", {
        principalId: identity.principalId,
        role: ROLES.keyVaultCryptoServiceEncryptionUser,
        scope: key.id,
        servicePrincipal: true,
        description: `PostgreSQL ${serverName} wraps its data key with the platform key`,
    });
    // Geo-redundant backups of a server with a customer key are encrypted with a key in the paired region.
    const geo = geoRedundant ? createGeoKey(ctx, net, location) : undefined;

    // Letters and digits only: the value goes into connection URLs unescaped.
    const password = new random.RandomPassword(childName(ctx, "admin-password"), { length: 40, special: false, minLower: 2, minUpper: 2, minNumeric: 2 }, childOpts(ctx));
    const adminSecret = createVaultSecret(ctx, net, "admin-secret", {
        name: vaultObjectName(ctx.name, "admin"),
        value: pulumi.jsonStringify({ username: spec.username, password: password.result, host, port: spec.port, dbname: spec.databaseName }),
        contentType: "application/json",
    });

    const identities = pulumi.all([identity.id, geo?.identity.id]).apply(([primary, geoIdentity]) =>
        Object.fromEntries([primary, geoIdentity].filter((id): id is string => Boolean(id)).map((id) => [id, {}])),
    );
    const encryption: dbforpostgresql.ServerArgs["dataEncryption"] = {
        type: "AzureKeyVault",
        // Versionless: the server follows the key's yearly rotation.
        primaryKeyURI: key.keyUri,
        primaryUserAssignedIdentityId: identity.id,
        ...(geo ? { geoBackupKeyURI: geo.key.keyUri, geoBackupUserAssignedIdentityId: geo.identity.id } : {}),
    };
    const networkArgs = { delegatedSubnetResourceId: net.databaseSubnet.id, privateDnsZoneArmResourceId: net.postgresDnsZone.id, publicNetworkAccess: "Disabled" };
    const storageArgs = { storageSizeGB: postgresStorageGbFor(spec.storageGb), autoGrow: "Enabled", type: "Premium_LRS" };
    const serverArgs: dbforpostgresql.ServerArgs = {
        resourceGroupName: net.resourceGroup.name,
        location,
        serverName,
        createMode: "Create",
        version: spec.engineVersion.split(".")[0],
        administratorLogin: spec.username,
        administratorLoginPassword: password.result,
        authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Disabled" },
        sku,
        // Storage only grows (the flexible server cannot shrink a disk); the tier's ceiling is an alert, not a limit.
        storage: storageArgs,
        network: networkArgs,
        availabilityZone: net.zones[0],
        highAvailability: spec.highAvailability ? { mode: "ZoneRedundant", standbyAvailabilityZone: net.zones[1] } : { mode: "Disabled" },
        backup: { backupRetentionDays: spec.backupRetentionDays, geoRedundantBackup: geoRedundant ? "Enabled" : "Disabled" },
        maintenanceWindow: maintenanceWindowFor(spec.maintenanceWindow),
        identity: { type: "UserAssigned", userAssignedIdentities: identities },
        dataEncryption: encryption,
        tags: tagsFor(ctx),
    };
    const server = new dbforpostgresql.Server(
        childName(ctx, "primary"),
        withOverrides(ctx, "database", serverArgs),
        dataOpts(ctx, { dependsOn: [keyAccess, ...(geo ? [geo.access] : []), ...net.privateDnsLinks], ignoreChanges: ["administratorLoginPassword"] }),
    );
    const parameters = configure(ctx, net, server, "primary", serverParameters(spec, withPgBouncer));
    new dbforpostgresql.Database(
        childName(ctx, "database"),
        { resourceGroupName: net.resourceGroup.name, serverName: server.name, databaseName: spec.databaseName, charset: "UTF8", collation: "en_US.utf8" },
        dataOpts(ctx, { dependsOn: parameters.slice(-1) }),
    );
    deleteLock(ctx, "lock", server.id, `PostgreSQL server ${serverName}`);

    // Replicas copy the primary's encryption and network; each sits in another zone.
    const replicaNames = Array.from({ length: spec.readReplicas }, (_, index) => `${serverName.slice(0, 63 - 10)}-replica-${index + 1}`);
    const replicaSku = postgresSkuFor(spec.replicaShape);
    const replicas = replicaNames.map((replicaName, index) => {
        const role = `replica-${index + 1}`;
        const replica = new dbforpostgresql.Server(
            childName(ctx, role),
            {
                resourceGroupName: net.resourceGroup.name,
                location,
                serverName: replicaName,
                createMode: "Replica",
                sourceServerResourceId: server.id,
                sku: replicaSku,
                storage: storageArgs,
                network: networkArgs,
                availabilityZone: net.zones[(index + 1) % net.zones.length],
                identity: { type: "UserAssigned", userAssignedIdentities: identities },
                dataEncryption: { type: "AzureKeyVault", primaryKeyURI: key.keyUri, primaryUserAssignedIdentityId: identity.id },
                tags: tagsFor(ctx),
            },
            dataOpts(ctx, { dependsOn: parameters }),
        );
        // A standby refuses to start with fewer connections than its primary allows.
        configure(ctx, net, replica, role, { max_connections: serverParameters(spec, false).max_connections });
        deleteLock(ctx, `${role}-lock`, replica.id, `PostgreSQL read replica ${replicaName}`);
        return replica;
    });
    const replicaHosts = replicaNames.map((name) => `${name}.postgres.database.azure.com`);
    const replicasSecretName = replicas.length > 0 ? vaultObjectName(ctx.name, "replica-hosts") : undefined;
    if (replicasSecretName) {
        createVaultSecret(ctx, net, "replica-hosts", { name: replicasSecretName, value: JSON.stringify(replicaHosts), contentType: "application/json" });
    }

    const native: AzureDatabaseNative = {
        server,
        replicas,
        serverName,
        replicaNames,
        adminSecret,
        appSecretName: vaultObjectName(ctx.name, "app"),
        replicasSecretName,
        maxConnections: postgresMaxConnectionsFor(spec.maxConnections),
        identity,
        key,
        geoKey: geo?.key,
        host: pulumi.output(host),
        poolerPort: withPgBouncer ? PGBOUNCER_PORT : undefined,
    };
    return {
        outputs: {
            host: server.fullyQualifiedDomainName,
            port: pulumi.output(spec.port),
            database: pulumi.output(spec.databaseName),
            username: pulumi.output(spec.username),
            passwordSecretRef: pulumi.output(`${net.keyVaultUri}secrets/${vaultObjectName(ctx.name, "admin")}`),
            readReplicaHosts: pulumi.output(replicaHosts),
            // PgBouncer answers on the server's own name and certificate, on its own port.
            poolHost: server.fullyQualifiedDomainName,
            poolPort: pulumi.output(withPgBouncer ? PGBOUNCER_PORT : spec.port),
        },
        native,
        logGroups: [],
    };
}
