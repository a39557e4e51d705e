// The in-cluster data tier's sizes from the resolved spec, without Pulumi: the documents'
// numbers are stated here, never read from the tier table.
import { expect } from "chai";
import { parseConfig } from "../../config/load";
import { backupSchedule, cacheSizing, databaseSizing, dnsLabel, lifecycleRules, objectStoreSizing, serviceDnsNames } from "../../providers/kubernetes/sizes";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { WEB_SERVICE, WORKER_SERVICE } from "../helpers/stacks";

function specOf(tier: string): PlatformSpec {
    return resolvePlatformSpec(parseConfig({ cloud: "kubernetes", tier, alertEmail: "ops@example.com", services: [WEB_SERVICE, WORKER_SERVICE] }), "platform", "t");
}

describe("kubernetes data sizes", () => {
    describe("PostgreSQL", () => {
        it("keeps backups 7 days in development, 14 in staging and 30 in every production tier", () => {
            expect(databaseSizing(specOf("development").database).retentionPolicy).to.equal("7d");
            expect(databaseSizing(specOf("staging").database).retentionPolicy).to.equal("14d");
            for (const tier of ["production-small", "production-medium", "production-large"]) {
                expect(databaseSizing(specOf(tier).database).retentionPolicy, tier).to.equal("30d");
            }
        });

        it("starts the daily base backup at 03:00 UTC, when the documents' 03:00-04:00 window opens", () => {
            expect(databaseSizing(specOf("production-medium").database).backupSchedule).to.equal("0 0 3 * * *");
            expect(backupSchedule("03:00-04:00")).to.equal("0 0 3 * * *");
            expect(backupSchedule("22:30-23:30")).to.equal("0 30 22 * * *");
            expect(() => backupSchedule("3am")).to.throw(/hh:mm-hh:mm/);
        });

        it("logs statements slower than 500 ms and allows each tier's connections", () => {
            const expected: Record<string, string> = { development: "100", staging: "300", "production-small": "1500", "production-medium": "3000", "production-large": "5000" };
            for (const [tier, connections] of Object.entries(expected)) {
                const parameters = databaseSizing(specOf(tier).database).parameters;
                expect(parameters.max_connections, tier).to.equal(connections);
                expect(parameters.log_min_duration_statement, tier).to.equal("500");
            }
        });

        it("runs one instance without high availability, a standby with it, and the read replicas beside them", () => {
            expect(databaseSizing(specOf("development").database).instances).to.equal(1);
            expect(databaseSizing(specOf("staging").database).instances).to.equal(2);
            expect(databaseSizing(specOf("production-medium").database).instances).to.equal(2);
            // The LMS document's production-large: a primary (and its standby) with two read replicas.
            expect(databaseSizing(specOf("production-large").database).instances).to.equal(4);
        });

        it("gives each instance the tier's storage and machine: 500 GB and 4 vCPU / 32 GB for production-medium", () => {
            const sizing = databaseSizing(specOf("production-medium").database);
            expect(sizing.storage).to.equal("500Gi");
            expect(sizing.resources.limits).to.deep.equal({ cpu: "4", memory: "32Gi" });
            expect(sizing.resources.requests).to.deep.equal({ cpu: "2", memory: "32Gi" });
            expect(sizing.parameters.shared_buffers).to.equal("8192MB");
            expect(databaseSizing(specOf("development").database).storage).to.equal("20Gi");
        });
    });

    describe("Redis", () => {
        it("is a single node in development, a primary and two replicas with three sentinels in staging", () => {
            const development = cacheSizing(specOf("development").cache);
            expect([development.clusterMode, development.nodesPerShard, development.sentinels]).to.deep.equal([false, 1, 0]);
            const staging = cacheSizing(specOf("staging").cache);
            expect([staging.clusterMode, staging.nodesPerShard, staging.sentinels]).to.deep.equal([false, 3, 3]);
        });

        it("runs production-large in cluster mode: 3 shards of a primary and 1 replica, 16 GB nodes", () => {
            const sizing = cacheSizing(specOf("production-large").cache);
            expect(sizing.clusterMode).to.equal(true);
            expect(sizing.shards).to.equal(3);
            expect(sizing.nodesPerShard).to.equal(2);
            expect(sizing.sentinels).to.equal(0);
            expect(sizing.resources.limits.memory).to.equal("16384Mi");
        });

        it("keeps a quarter of the node's memory outside maxmemory and evicts only keys with a TTL", () => {
            const sizing = cacheSizing(specOf("production-medium").cache);
            // 13 GB nodes (3 x 13 GB in the LMS document's production-medium).
            expect(sizing.resources.limits.memory).to.equal("13312Mi");
            expect(sizing.maxmemoryMb).to.equal(9984);
            expect(sizing.maxmemoryPolicy).to.equal("volatile-lru");
            expect(sizing.storage).to.equal("39Gi");
        });
    });

    describe("object storage", () => {
        it("expires noncurrent versions after 30 days and objects after 365", () => {
            const rules = lifecycleRules(specOf("production-small").objectStore);
            expect(rules.find((rule) => rule.NoncurrentVersionExpiration)?.NoncurrentVersionExpiration).to.deep.equal({ NoncurrentDays: 30 });
            expect(rules.find((rule) => rule.Expiration)?.Expiration).to.deep.equal({ Days: 365 });
            expect(rules.every((rule) => rule.Status === "Enabled" && rule.Filter.Prefix === "")).to.equal(true);
        });

        it("holds a day's compressed base backup for each day of retention plus the uploads", () => {
            // development: 20 GB x 7 days x 0.3 = 42, plus 20 GB of uploads.
            expect(objectStoreSizing(specOf("development").objectStore, specOf("development").database).volumeGb).to.equal(62);
            // production-medium: 500 GB x 30 days x 0.3 = 4,500, plus 500.
            expect(objectStoreSizing(specOf("production-medium").objectStore, specOf("production-medium").database).volumeGb).to.equal(5000);
            expect(objectStoreSizing(specOf("development").objectStore, { storageGb: 1, backupRetentionDays: 1 }).volumeGb).to.equal(20);
        });
    });

    describe("names", () => {
        it("turns any stack name into a DNS label and lists every name a Service answers to", () => {
            expect(dnsLabel("Platform_Prod--db.")).to.equal("platform-prod-db");
            expect(dnsLabel("a".repeat(70))).to.have.length(63);
            expect(serviceDnsNames("db-rw", "data")).to.deep.equal(["db-rw", "db-rw.data", "db-rw.data.svc", "db-rw.data.svc.cluster.local"]);
        });
    });
});
