// The Azure data layer per tier, checked on what the offline engine recorded: PostgreSQL sizes,
// storage step, backups, HA, replicas, parameters and PgBouncer; Redis SKU, replicas, zones,
// shards and TLS; the documents account's lockdown and lifecycle; locks and protection in
// production. Expected values are the documents' numbers written out.

import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const AZURE = { cloud: "azure", region: "eastus" };
const SERVER = "azure-native:dbforpostgresql:Server";
const REDIS = "azure-native:redis:Redis";
const ACCOUNT = "azure-native:storage:StorageAccount";
const LOCK = "azure-native:authorization:ManagementLockByScope";

function primary(result: SynthResult): Inputs {
    return inputs(one(result, SERVER, "-db-primary"));
}

function parameters(result: SynthResult, server = "primary"): Record<string, string> {
    return Object.fromEntries(
        ofType(result, "azure-native:dbforpostgresql:Configuration")
            .filter((resource) => resource.name.startsWith(`platform-${result.stack}-db-${server}-`))
            .map((resource) => [inputs(resource).configurationName, inputs(resource).value]),
    );
}

function documents(result: SynthResult): Inputs {
    return inputs(one(result, ACCOUNT, "-storage-documents"));
}

describe("Azure data layer", function () {
    let dev: SynthResult;
    let staging: SynthResult;
    let prod: SynthResult;
    let large: SynthResult;
    before(async () => {
        dev = await build("dev", tierConfig("development", AZURE));
        staging = await build("staging", tierConfig("staging", AZURE));
        prod = await build("prod", tierConfig("production-medium", AZURE));
        large = await build("large", tierConfig("production-large", AZURE));
    });

    describe("PostgreSQL flexible server", () => {
        it("runs PostgreSQL 15 on the tier's SKU: Burstable only where nothing needs HA", () => {
            expect(primary(dev).version).to.equal("15");
            expect(primary(dev).sku).to.deep.equal({ name: "Standard_B2s", tier: "Burstable" });
            expect(primary(staging).sku).to.deep.equal({ name: "Standard_D2ds_v5", tier: "GeneralPurpose" });
            // production-medium: the document's 4 vCPU / 32 GB.
            expect(primary(prod).sku).to.deep.equal({ name: "Standard_E4ds_v5", tier: "MemoryOptimized" });
            expect(primary(large).sku).to.deep.equal({ name: "Standard_D16ds_v5", tier: "GeneralPurpose" });
        });

        it("provisions the fixed storage step holding the tier's size (500 GB -> 512 GiB) and grows it automatically", () => {
            expect(primary(prod).storage).to.include({ storageSizeGB: 512, autoGrow: "Enabled" });
            expect(primary(dev).storage.storageSizeGB).to.equal(32);
            expect(primary(large).storage.storageSizeGB).to.equal(1024);
        });

        it("keeps backups 7, 14 and 30 days, geo-redundant in production", () => {
            expect(primary(dev).backup).to.deep.equal({ backupRetentionDays: 7, geoRedundantBackup: "Disabled" });
            expect(primary(staging).backup).to.deep.equal({ backupRetentionDays: 14, geoRedundantBackup: "Disabled" });
            expect(primary(prod).backup).to.deep.equal({ backupRetentionDays: 30, geoRedundantBackup: "Enabled" });
            expect(primary(large).backup).to.deep.equal({ backupRetentionDays: 30, geoRedundantBackup: "Enabled" });
        });

        it("is zone-redundant from staging up, and maintained Sundays at 04:00 UTC", () => {
            expect(primary(dev).highAvailability.mode).to.equal("Disabled");
            expect(primary(staging).highAvailability).to.deep.equal({ mode: "ZoneRedundant", standbyAvailabilityZone: "2" });
            expect(primary(prod).highAvailability.mode).to.equal("ZoneRedundant");
            expect(primary(prod).maintenanceWindow).to.deep.equal({ customWindow: "Enabled", dayOfWeek: 0, startHour: 4, startMinute: 0 });
        });

        it("lives only in the delegated database subnet, resolved through its private zone", () => {
            expect(primary(prod).network).to.deep.equal({
                delegatedSubnetResourceId: "platform-prod-network-db-subnet-id",
                privateDnsZoneArmResourceId: "platform-prod-network-postgres-zone-id",
                publicNetworkAccess: "Disabled",
            });
        });

        it("encrypts with the platform's key, and production's geo backups with a key in the paired region", () => {
            expect(primary(dev).dataEncryption).to.include({ type: "AzureKeyVault" });
            expect(primary(dev).dataEncryption.geoBackupKeyURI).to.equal(undefined);
            expect(primary(prod).dataEncryption.geoBackupKeyURI).to.be.a("string");
            const geoVault = inputs(one(prod, "azure-native:keyvault:Vault", "-db-geo-vault"));
            expect(geoVault.location).to.equal("westus");
            expect(geoVault.properties).to.include({ enablePurgeProtection: true, publicNetworkAccess: "Disabled" });
            expect(ofType(dev, "azure-native:keyvault:Vault")).to.have.length(1);
        });

        it("sets TLS 1.2, the tier's connections and the 500 ms slow-query log", () => {
            expect(parameters(prod)).to.include({
                require_secure_transport: "on",
                ssl_min_protocol_version: "TLSv1.2",
                max_connections: "3000",
                log_min_duration_statement: "500",
            });
            expect(parameters(dev).max_connections).to.equal("100");
            expect(parameters(large).max_connections).to.equal("5000");
        });

        it("runs the built-in PgBouncer with the document's pool: 20 connections, transaction mode (none on Burstable)", () => {
            expect(parameters(prod)).to.include({ "pgbouncer.enabled": "true", "pgbouncer.default_pool_size": "20", "pgbouncer.pool_mode": "transaction" });
            expect(parameters(dev)).to.not.have.property("pgbouncer.enabled");
        });

        it("gives production-large two read replicas of 8 vCPU / 32 GB in other zones", () => {
            const replicas = ofType(large, SERVER).map(inputs).filter((server) => server.createMode === "Replica");
            expect(replicas).to.have.length(2);
            for (const replica of replicas) {
                expect(replica.sourceServerResourceId).to.equal("platform-large-db-primary-id");
                expect(replica.sku).to.deep.equal({ name: "Standard_D8ds_v5", tier: "GeneralPurpose" });
            }
            expect(replicas.map((replica) => replica.availabilityZone)).to.deep.equal(["2", "3"]);
            expect(parameters(large, "replica-1").max_connections).to.equal("5000");
            expect(ofType(prod, SERVER)).to.have.length(1);
        });

        it("creates the database and keeps the administrator's generated password in Key Vault as JSON", () => {
            expect(inputs(one(prod, "azure-native:dbforpostgresql:Database")).databaseName).to.equal("app");
            expect(primary(prod).administratorLogin).to.equal("app_admin");
            const secret = inputs(one(prod, "azure-native:keyvault:Secret", "-db-admin-secret"));
            expect(secret.secretName).to.equal("platform-prod-db-admin");
            expect(secret.properties.contentType).to.equal("application/json");
            expect(ofType(prod, "random:index/randomPassword:RandomPassword").map((password) => inputs(password).length)).to.include(40);
        });
    });

    describe("Redis", () => {
        it("development: one Basic C1 node (1 GB), private and TLS-only", () => {
            const cache = inputs(one(dev, REDIS));
            expect(cache.sku).to.deep.equal({ name: "Basic", family: "C", capacity: 1 });
            expect(cache.zones).to.equal(undefined);
            expect(cache).to.include({ enableNonSslPort: false, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", redisVersion: "6" });
        });

        it("staging and production-medium: Premium with 2 replicas across the zones", () => {
            const stagingCache = inputs(one(staging, REDIS));
            expect(stagingCache.sku).to.deep.equal({ name: "Premium", family: "P", capacity: 1 });
            expect(stagingCache).to.include({ replicasPerPrimary: 2 });
            expect(stagingCache.zones).to.deep.equal(["1", "2"]);
            const prodCache = inputs(one(prod, REDIS));
            // The document's 13 GB nodes.
            expect(prodCache.sku).to.deep.equal({ name: "Premium", family: "P", capacity: 2 });
            expect(prodCache).to.include({ replicasPerPrimary: 2, enableNonSslPort: false, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled" });
            expect(prodCache.zones).to.deep.equal(["1", "2", "3"]);
            expect(prodCache.shardCount).to.equal(undefined);
        });

        it("production-large: a cluster of 3 shards", () => {
            const cache = inputs(one(large, REDIS));
            expect(cache.shardCount).to.equal(3);
            expect(cache.sku.name).to.equal("Premium");
        });

        it("snapshots daily (RDB) with its managed identity, patches Sundays at 05:00 UTC, and is reached through a private endpoint", () => {
            const config = inputs(one(prod, REDIS)).redisConfiguration;
            expect(config).to.include({ rdbBackupEnabled: "true", rdbBackupFrequency: "1440", preferredDataPersistenceAuthMethod: "ManagedIdentity" });
            const schedule = inputs(one(prod, "azure-native:redis:PatchSchedule"));
            expect(schedule.scheduleEntries).to.deep.equal([{ dayOfWeek: "Sunday", startHourUtc: 5, maintenanceWindow: "PT5H" }]);
            const endpoint = inputs(one(prod, "azure-native:network:PrivateEndpoint", "-cache-redis-endpoint"));
            expect(endpoint.privateLinkServiceConnections[0].groupIds).to.deep.equal(["redisCache"]);
            // The daily snapshot's versions are the document's 5 days of snapshots.
            const snapshots = inputs(one(prod, "azure-native:storage:ManagementPolicy", "-cache-snapshots-lifecycle"));
            expect(snapshots.policy.rules[0].definition.actions.version.delete.daysAfterCreationGreaterThan).to.equal(5);
        });

        it("writes the connection JSON to Key Vault", () => {
            const secret = inputs(one(prod, "azure-native:keyvault:Secret", "-cache-auth-secret"));
            expect(secret.secretName).to.equal("platform-prod-cache-auth");
            expect(secret.properties.contentType).to.equal("application/json");
        });
    });

    describe("documents storage", () => {
        it("is HTTPS and TLS 1.2 only, private, Entra ID only, and double-encrypted with the platform key", () => {
            const account = documents(prod);
            expect(account).to.include({
                kind: "StorageV2",
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                allowSharedKeyAccess: false,
                publicNetworkAccess: "Disabled",
            });
            expect(account.networkRuleSet).to.include({ defaultAction: "Deny", bypass: "AzureServices" });
            expect(account.encryption).to.include({ keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true });
            expect(account.sku).to.deep.equal({ name: "Standard_RAGRS" });
            expect(documents(dev).sku).to.deep.equal({ name: "Standard_LRS" });
            const endpoint = inputs(one(prod, "azure-native:network:PrivateEndpoint", "-storage-documents-blob-endpoint"));
            expect(endpoint.privateLinkServiceConnections[0].groupIds).to.deep.equal(["blob"]);
        });

        it("versions blobs, keeps deleted blobs and containers 30 days, and allows CORS from the domain", () => {
            const service = inputs(one(prod, "azure-native:storage:BlobServiceProperties", "-storage-blob-service"));
            expect(service.isVersioningEnabled).to.equal(true);
            expect(service.deleteRetentionPolicy).to.include({ enabled: true, days: 30 });
            expect(service.containerDeleteRetentionPolicy).to.include({ enabled: true, days: 30 });
            expect(service.cors.corsRules[0].allowedOrigins).to.deep.equal(["https://acme-lms.com"]);
            // The documents' container (production's logical backups have their own, in their own account).
            expect(inputs(one(prod, "azure-native:storage:BlobContainer", "-storage-container")).publicAccess).to.equal("None");
        });

        it("applies the document's lifecycle: non-current versions deleted after 30 days, Archive after 90, deleted after 365", () => {
            const rules = inputs(one(prod, "azure-native:storage:ManagementPolicy", "-storage-lifecycle")).policy.rules;
            const actions = Object.fromEntries(rules.map((rule: Inputs) => [rule.name, rule.definition.actions]));
            expect(actions["delete-noncurrent-versions"].version.delete.daysAfterCreationGreaterThan).to.equal(30);
            expect(actions.archive.baseBlob.tierToArchive.daysAfterModificationGreaterThan).to.equal(90);
            expect(actions["delete-archived"].baseBlob.delete.daysAfterModificationGreaterThan).to.equal(365);
        });
    });

    describe("production safety", () => {
        it("locks the server, cache and documents account, and protects them, in production, and nothing in development", () => {
            const locks = ofType(prod, LOCK).map(inputs);
            expect(locks.map((lock) => lock.level)).to.deep.equal(["CanNotDelete", "CanNotDelete", "CanNotDelete"]);
            expect(locks.map((lock) => lock.lockName).sort()).to.deep.equal(["platform-prod-cache-lock", "platform-prod-db-lock", "platform-prod-storage-lock"]);
            expect(ofType(dev, LOCK)).to.have.length(0);
            for (const type of [SERVER, REDIS, ACCOUNT]) {
                expect(ofType(prod, type).every((resource) => resource.protect), type).to.equal(true);
                expect(ofType(dev, type).some((resource) => resource.protect), type).to.equal(false);
            }
        });
    });
});
