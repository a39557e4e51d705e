// The LMS document's data tier on GCP for every tier, checked on what the offline engine
// recorded: Cloud SQL sizes, HA, backups and windows, Memorystore topology, the bucket's
// lifecycle, keys and secrets. Every expected number is written here from the documents.

import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const GCP = { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" };
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const REDIS = "gcp:redis/instance:Instance";
const CLUSTER = "gcp:redis/cluster:Cluster";
const BUCKET = "gcp:storage/bucket:Bucket";
const SECRET = "gcp:secretmanager/secret:Secret";

const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];
const stacks: Record<string, SynthResult> = {};

/** Resources of the network and data components only: the fleet and operations add their own. */
function mine(result: SynthResult, type: string) {
    return ofType(result, type).filter((r) => ["network", "storage", "db", "cache"].some((component) => r.name.startsWith(`platform-prod-${component}-`)));
}

function primary(result: SynthResult): Inputs {
    return inputs(one(result, SQL, "-db-primary"));
}

function flag(settings: Inputs, name: string): string | undefined {
    return (settings.databaseFlags as { name: string; value: string }[]).find((f) => f.name === name)?.value;
}

describe("GCP data tier per LMS tier (providers/gcp/database.ts, cache.ts, objectStore.ts)", function () {
    this.timeout(900000);
    before(async () => {
        // The tiers' own machines: pooling moves the instance to Enterprise Plus (tests/gcp/pooling.test.ts).
        for (const tier of TIERS) {
            stacks[tier] = await build("prod", tierConfig(tier, { ...GCP, pooling: false }));
        }
    });

    it("development: zonal Cloud SQL with 7-day backups, Basic 1 GB Redis, nothing protected", () => {
        const dev = stacks.development;
        const db = primary(dev);
        expect(db.settings.availabilityType).to.equal("ZONAL");
        expect(db.settings.backupConfiguration.backupRetentionSettings).to.deep.equal({ retainedBackups: 7, retentionUnit: "COUNT" });
        expect(db.settings.tier).to.equal("db-custom-2-4096");
        expect([db.deletionProtection, db.settings.deletionProtectionEnabled]).to.deep.equal([false, false]);
        const redis = inputs(one(dev, REDIS));
        expect([redis.tier, redis.memorySizeGb, redis.replicaCount, redis.readReplicasMode]).to.deep.equal(["BASIC", 1, undefined, undefined]);
        expect(redis.deletionProtection).to.equal(false);
        expect(dev.resources.filter((r) => r.protect).map((r) => r.name)).to.deep.equal([]);
        expect(mine(dev, BUCKET).every((bucket) => inputs(bucket).forceDestroy === true)).to.equal(true);
    });

    it("staging: regional Cloud SQL with 14-day backups; Standard Redis with 2 read replicas (5 GB, Memorystore's floor for them)", () => {
        const db = primary(stacks.staging);
        expect(db.settings.availabilityType).to.equal("REGIONAL");
        expect(db.settings.backupConfiguration.backupRetentionSettings.retainedBackups).to.equal(14);
        const redis = inputs(one(stacks.staging, REDIS));
        expect([redis.tier, redis.replicaCount, redis.readReplicasMode, redis.memorySizeGb]).to.deep.equal(["STANDARD_HA", 2, "READ_REPLICAS_ENABLED", 5]);
        expect([redis.locationId, redis.alternativeLocationId]).to.deep.equal(["us-central1-a", "us-central1-b"]);
    });

    for (const tier of ["production-small", "production-medium", "production-large"]) {
        it(`${tier}: 30-day backups, deletion protection in the provider and the API, protected data`, () => {
            const result = stacks[tier];
            const db = primary(result);
            expect(db.settings.backupConfiguration.backupRetentionSettings.retainedBackups).to.equal(30);
            expect(db.settings.availabilityType).to.equal("REGIONAL");
            expect([db.deletionProtection, db.settings.deletionProtectionEnabled]).to.deep.equal([true, true]);
            expect(db.settings.finalBackupConfig).to.deep.equal({ enabled: true, retentionDays: 30 });
            for (const type of [SQL, BUCKET, SECRET, "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/keyRing:KeyRing"]) {
                expect(mine(result, type).every((r) => r.protect), type).to.equal(true);
            }
            expect([...ofType(result, REDIS), ...ofType(result, CLUSTER)].every((r) => r.protect)).to.equal(true);
            expect(mine(result, BUCKET).every((bucket) => inputs(bucket).forceDestroy === false)).to.equal(true);
            expect(mine(result, SECRET).every((secret) => inputs(secret).deletionProtection === true)).to.equal(true);
        });
    }

    it("production-medium: 4 vCPU / 32 GB on 6 vCPUs (Cloud SQL's 6.5 GB per vCPU cap), 500 GB SSD growing to 1000 GB, 3000 connections", () => {
        const db = primary(stacks["production-medium"]);
        expect(db.settings.tier).to.equal("db-perf-optimized-N-4"); // 4 vCPU / 32 GB
        expect(db.settings.edition).to.equal("ENTERPRISE_PLUS");
        expect([db.settings.diskType, db.settings.diskSize, db.settings.diskAutoresize, db.settings.diskAutoresizeLimit]).to.deep.equal(["PD_SSD", 500, true, 1000]);
        expect(flag(db.settings, "max_connections")).to.equal("3000");
        expect(ofType(stacks["production-medium"], SQL)).to.have.length(1);
        const redis = inputs(one(stacks["production-medium"], REDIS));
        expect([redis.tier, redis.replicaCount, redis.memorySizeGb]).to.deep.equal(["STANDARD_HA", 2, 13]);
    });

    it("production-large: 16 vCPU / 64 GB primary, two 8 vCPU / 32 GB read replicas, and a Redis cluster of 3 shards x 1 replica", () => {
        const large = stacks["production-large"];
        expect(primary(large).settings.tier).to.equal("db-custom-16-65536");
        const replicas = ofType(large, SQL).filter((r) => r.name.includes("replica")).map(inputs);
        expect(replicas.map((replica) => [replica.name, replica.masterInstanceName, replica.settings.tier])).to.deep.equal([
            ["platform-prod-db-replica-1", "platform-prod-db", "db-custom-8-32768"],
            ["platform-prod-db-replica-2", "platform-prod-db", "db-custom-8-32768"],
        ]);
        expect(replicas.every((replica) => replica.settings.backupConfiguration === undefined && replica.encryptionKeyName === "platform-prod-db-db-key-id")).to.equal(true);
        expect(ofType(large, REDIS)).to.deep.equal([]);
        const cluster = inputs(one(large, CLUSTER));
        expect([cluster.shardCount, cluster.replicaCount]).to.deep.equal([3, 1]);
        expect([cluster.authorizationMode, cluster.transitEncryptionMode]).to.deep.equal(["AUTH_MODE_IAM_AUTH", "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION"]);
        expect(cluster.automatedBackupConfig.retention).to.equal(`${5 * 24 * 3600}s`);
        const policy = inputs(one(large, "gcp:networkconnectivity/serviceConnectionPolicy:ServiceConnectionPolicy"));
        expect([policy.serviceClass, policy.pscConfig.subnetworks]).to.deep.equal(["gcp-memorystore-redis", ["platform-prod-network-data-id"]]);
        expect(one(large, SECRET, "-db-replica-hosts")).to.not.equal(undefined);
    });

    it("Cloud SQL: PostgreSQL 15, private IP only with TLS, backups at 03:00 with PITR, Sunday 04:00 maintenance, slow queries over 500 ms logged", () => {
        for (const tier of TIERS) {
            const db = primary(stacks[tier]);
            expect(db.databaseVersion).to.equal("POSTGRES_15");
            // Production-medium's 4 vCPU / 32 GB is an Enterprise Plus machine; the others are Enterprise custom ones.
            expect(db.settings.edition).to.equal(tier === "production-medium" ? "ENTERPRISE_PLUS" : "ENTERPRISE");
            expect(db.settings.ipConfiguration).to.deep.include({ ipv4Enabled: false, privateNetwork: "platform-prod-network-vpc-id", sslMode: "ENCRYPTED_ONLY" });
            expect(db.settings.ipConfiguration.authorizedNetworks).to.equal(undefined);
            expect(db.settings.backupConfiguration).to.deep.include({ enabled: true, startTime: "03:00", pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7 });
            expect(db.settings.maintenanceWindow).to.deep.include({ day: 7, hour: 4 });
            expect(flag(db.settings, "log_min_duration_statement")).to.equal("500");
            for (const name of ["log_connections", "log_disconnections", "log_checkpoints", "log_lock_waits", "cloudsql.enable_pgaudit"]) {
                expect(flag(db.settings, name), name).to.equal("on");
            }
            expect(db.settings.insightsConfig.queryInsightsEnabled).to.equal(true);
            expect(db.encryptionKeyName).to.equal("platform-prod-db-db-key-id");
        }
    });

    it("Cloud SQL waits for private services access and its service agent's grant on the key", () => {
        const db = one(stacks["production-medium"], SQL);
        expect(db.dependsOn.some((urn) => urn.endsWith("::platform-prod-network-services"))).to.equal(true);
        const grants = mine(stacks["production-medium"], "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").filter((g) => inputs(g).cryptoKeyId === "platform-prod-db-db-key-id");
        expect(grants.map((g) => inputs(g).member).sort()).to.deep.equal([
            "serviceAccount:service-123456789012@gcp-sa-cloud-sql.iam.gserviceaccount.com",
            "serviceAccount:service-123456789012@gcp-sa-secretmanager.iam.gserviceaccount.com",
        ]);
        expect(grants.every((grant) => db.dependsOn.includes(grant.urn))).to.equal(true);
    });

    it("clients reach Cloud SQL by the name its shared-CA certificate carries, resolved to the private IP in the VPC only", () => {
        const large = stacks["production-large"];
        const db = primary(large);
        expect(db.settings.ipConfiguration.serverCaMode).to.equal("GOOGLE_MANAGED_CAS_CA");
        const zones = mine(large, "gcp:dns/managedZone:ManagedZone").map(inputs);
        expect(zones).to.have.length(3);
        expect(zones.every((zone) => zone.visibility === "private" && zone.privateVisibilityConfig.networks[0].networkUrl === "platform-prod-network-vpc-id")).to.equal(true);
        const record = inputs(one(large, "gcp:dns/recordSet:RecordSet", "-db-primary-record"));
        expect([record.type, record.name]).to.deep.equal(["A", zones[0].dnsName]);
        expect(record.rrdatas[0]).to.match(/^10\.0\.2(4\d|5[0-5])\.\d+$/);
        const outputs = large.outputs.database as { host: string; readReplicaHosts: string[] };
        expect(outputs.host).to.equal(zones[0].dnsName.replace(/\.$/, ""));
        expect(outputs.host).to.match(/\.us-central1\.sql-psa\.goog$/);
        expect(outputs.readReplicaHosts).to.have.length(2);
    });

    it("the database, its administrator and their secrets: the app login written later, the master's generated and stored", () => {
        const prod = stacks["production-medium"];
        expect(inputs(one(prod, "gcp:sql/database:Database")).name).to.equal("app");
        expect(inputs(one(prod, "gcp:sql/user:User")).name).to.equal("app_admin");
        expect(inputs(one(prod, SECRET, "-db-app-credentials")).secretId).to.equal("platform-prod-db-app");
        expect(mine(prod, "gcp:secretmanager/secretVersion:SecretVersion").map((v) => v.name)).to.not.include("platform-prod-db-app-credentials-version");
        const master = inputs(one(prod, "gcp:secretmanager/secretVersion:SecretVersion", "-db-master-credentials-version"));
        expect(master.secretData).to.equal("[secret]");
        for (const secret of mine(prod, SECRET).map(inputs)) {
            expect(secret.replication.userManaged.replicas[0].location).to.equal("us-central1");
            expect(secret.replication.userManaged.replicas[0].customerManagedEncryption.kmsKeyName).to.match(/-key-id$/);
        }
    });

    it("Redis: AUTH, TLS, private services access, CMEK, daily RDB snapshots at 03:00, Sunday 05:00 maintenance", () => {
        const redis = inputs(one(stacks["production-medium"], REDIS));
        expect(redis).to.deep.include({
            authEnabled: true,
            transitEncryptionMode: "SERVER_AUTHENTICATION",
            connectMode: "PRIVATE_SERVICE_ACCESS",
            authorizedNetwork: "platform-prod-network-vpc-id",
            customerManagedKey: "platform-prod-cache-cache-key-id",
            redisVersion: "REDIS_7_2",
            name: "platform-prod-redis",
        });
        expect(redis.persistenceConfig).to.deep.equal({ persistenceMode: "RDB", rdbSnapshotPeriod: "TWENTY_FOUR_HOURS", rdbSnapshotStartTime: "2026-01-01T03:00:00Z" });
        expect(redis.maintenancePolicy.weeklyMaintenanceWindows).to.deep.equal([{ day: "SUNDAY", startTime: { hours: 5, minutes: 0 } }]);
        expect(inputs(one(stacks["production-medium"], SECRET, "-cache-auth-token")).secretId).to.equal("platform-prod-cache-auth-token");
    });

    it("documents bucket: private, versioned, CMEK, soft delete 7 days, lifecycle 30 / 90 / 365 days, CORS for the domain, logs elsewhere", () => {
        const buckets = mine(stacks["production-medium"], BUCKET);
        const bucket = inputs(buckets.find((b) => b.name.endsWith("-bucket"))!);
        expect(bucket).to.deep.include({ uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", location: "us-central1" });
        expect(bucket.versioning).to.deep.equal({ enabled: true });
        expect(bucket.encryption).to.deep.equal({ defaultKmsKeyName: "platform-prod-storage-storage-key-id" });
        expect(bucket.softDeletePolicy).to.deep.equal({ retentionDurationSeconds: 7 * 24 * 3600 });
        expect(bucket.lifecycleRules).to.deep.include({ action: { type: "Delete" }, condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: 30 } });
        expect(bucket.lifecycleRules).to.deep.include({ action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { withState: "LIVE", age: 90, matchesStorageClasses: ["STANDARD"] } });
        expect(bucket.lifecycleRules).to.deep.include({ action: { type: "Delete" }, condition: { withState: "LIVE", age: 365 } });
        expect(bucket.cors[0].origins).to.deep.equal(["https://acme-lms.com", "https://*.acme-lms.com"]);
        expect(bucket.logging).to.deep.equal({ logBucket: "platform-prod-storage-logs", logObjectPrefix: "storage/" });
        const logs = inputs(buckets.find((b) => b.name.endsWith("-logs"))!);
        expect(logs).to.deep.include({ uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" });
        expect(logs.lifecycleRules[0]).to.deep.equal({ action: { type: "Delete" }, condition: { withState: "LIVE", age: 365 } });
        const writer = inputs(one(stacks["production-medium"], "gcp:storage/bucketIAMMember:BucketIAMMember", "-storage-logs-writer"));
        expect([writer.role, writer.member]).to.deep.equal(["roles/storage.objectCreator", "group:cloud-storage-analytics@google.com"]);
    });

    it("every labelled data resource carries the platform's labels", () => {
        const labelled = [SQL, REDIS, BUCKET, SECRET, "gcp:kms/cryptoKey:CryptoKey"].flatMap((type) => mine(stacks["production-medium"], type)).map(inputs);
        for (const resource of labelled) {
            const labels = resource.labels ?? resource.settings?.userLabels;
            expect(labels).to.deep.equal({ project: "platform", environment: "prod", tier: "production-medium", "managed-by": "pulumi" });
        }
    });
});
