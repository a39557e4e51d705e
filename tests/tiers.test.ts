// The tier table against the LMS requirements document. Expected values are the document's
// numbers written here by hand, not read from the table under test.
import { expect } from "chai";
import { ConfigError, parseConfig } from "../config";
import { PlatformConfig } from "../config/types";
import { resolvePlatformSpec, TIERS } from "../tiers";
import { appServersFor, dbConnectionsFor, redisMemoryGbFor, sizeTier, storageGbFor } from "../tiers/sizing";

function config(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
    return {
        cloud: "aws",
        tier: "production-medium",
        region: "us-east-1",
        services: [{ name: "web", image: "lms:1", kind: "web", port: 3000, healthPath: "/api/health", readyPath: "/api/ready", public: true }],
        network: { cidr: "10.0.0.0/16" },
        adminCidrs: [],
        budget: { monthlyUsd: 5000, alertPercent: 80 },
        runtime: "vm",
        overrides: {},
        usage: {},
        alarms: {},
        features: { tracing: {}, search: {} },
        alertEmail: "ops@example.com",
        ...overrides,
    };
}

describe("tier table", () => {
    it("has the five tiers of the LMS document", () => {
        expect(Object.keys(TIERS)).to.deep.equal(["development", "staging", "production-small", "production-medium", "production-large"]);
    });

    it("development: one small server, no HA, no deletion protection", () => {
        const t = TIERS.development;
        expect(t.fleet).to.deep.include({ minReplicas: 1 });
        expect(t.fleet.shape).to.deep.equal({ vcpus: 2, memoryGb: 4 });
        expect(t.database.storageGb).to.equal(20);
        expect(t.database.highAvailability).to.equal(false);
        expect(t.deletionProtection).to.equal(false);
        expect(t.protectData).to.equal(false);
    });

    it("production-small: 2 app servers of 2 vCPU / 4 GB, database 4 vCPU / 16 GB", () => {
        const t = TIERS["production-small"];
        expect(t.fleet.minReplicas).to.equal(2);
        expect(t.fleet.shape).to.deep.equal({ vcpus: 2, memoryGb: 4 });
        expect(t.database.shape).to.deep.equal({ vcpus: 4, memoryGb: 16 });
    });

    it("production-medium: 3-10 servers of 4 vCPU / 16 GB, 500 GB growing to 1000 GB, Multi-AZ", () => {
        const t = TIERS["production-medium"];
        expect([t.fleet.minReplicas, t.fleet.maxReplicas]).to.deep.equal([3, 10]);
        expect(t.fleet.shape).to.deep.equal({ vcpus: 4, memoryGb: 16 });
        expect(t.database.shape).to.deep.equal({ vcpus: 4, memoryGb: 32 });
        expect([t.database.storageGb, t.database.maxStorageGb]).to.deep.equal([500, 1000]);
        expect(t.database.highAvailability).to.equal(true);
        expect(t.cache.shards * (1 + t.cache.replicasPerShard)).to.equal(3);
    });

    it("production-large: 5-10 servers of 8 vCPU / 32 GB, 16/64 primary, replicas, 3+3 Redis cluster", () => {
        const t = TIERS["production-large"];
        expect([t.fleet.minReplicas, t.fleet.maxReplicas]).to.deep.equal([5, 10]);
        expect(t.fleet.shape).to.deep.equal({ vcpus: 8, memoryGb: 32 });
        expect(t.database.shape).to.deep.equal({ vcpus: 16, memoryGb: 64 });
        expect(t.database.replicaShape).to.deep.equal({ vcpus: 8, memoryGb: 32 });
        expect(t.database.readReplicas).to.be.within(2, 3);
        expect(t.cache.shards).to.equal(3);
        expect(t.cache.shards * (1 + t.cache.replicasPerShard)).to.equal(6);
    });

    it("every production tier keeps 30 days of backups, WAF, deletion protection and protected data", () => {
        for (const name of ["production-small", "production-medium", "production-large"] as const) {
            const t = TIERS[name];
            expect(t.database.backupRetentionDays, name).to.equal(30);
            expect(t.waf, name).to.equal(true);
            expect(t.deletionProtection, name).to.equal(true);
            expect(t.protectData, name).to.equal(true);
            expect(t.zones, name).to.be.at.least(2);
        }
    });
});

describe("sizing formulas (LMS scaling guidelines)", () => {
    it("computes the four formulas", () => {
        expect(appServersFor(1001)).to.equal(3);
        expect(appServersFor(500)).to.equal(1);
        expect(dbConnectionsFor(1000)).to.equal(1500);
        expect(redisMemoryGbFor(10000)).to.equal(1);
        expect(storageGbFor(10000)).to.equal(1000);
    });

    it("never sizes below the tier's floor", () => {
        const sized = sizeTier(TIERS["production-medium"], 100);
        expect(sized.minReplicas).to.equal(3);
        expect(sized.storageGb).to.equal(500);
        expect(sized.maxConnections).to.equal(3000); // production-medium's floor, above 100 x 1.5
    });

    it("grows above the floor for a large audience", () => {
        const sized = sizeTier(TIERS["production-medium"], 8000);
        expect(sized.minReplicas).to.equal(16);
        expect(sized.maxReplicas).to.equal(16);
        expect(sized.maxConnections).to.equal(12000);
        expect(sized.storageGb).to.equal(800);
        expect(sized.maxStorageGb).to.equal(1600);
    });

    it("spreads Redis memory over the cluster's shards", () => {
        const sized = sizeTier(TIERS["production-large"], 1_000_000);
        expect(sized.cacheMemoryGb).to.be.closeTo(100 / 3, 1e-9);
    });
});

describe("resolved platform spec", () => {
    it("uses the seed windows and retention", () => {
        const spec = resolvePlatformSpec(config(), "platform", "prod");
        expect(spec.database.backupWindow).to.equal("03:00-04:00");
        expect(spec.database.maintenanceWindow).to.equal("sun:04:00-sun:05:00");
        expect(spec.database.engineVersion).to.match(/^15/);
        expect(spec.cache.snapshotRetentionDays).to.equal(5);
        expect(spec.appFleet.waf.rateLimitPerIp).to.equal(2000);
        expect(spec.observability.budget).to.deep.equal({ monthlyUsd: 5000, alertPercent: 80 });
    });

    it("names resources after project and stack and tags them", () => {
        const spec = resolvePlatformSpec(config(), "platform", "prod");
        expect(spec.name).to.equal("platform-prod");
        expect(spec.tags).to.deep.equal({ project: "platform", environment: "prod", tier: "production-medium", "managed-by": "pulumi" });
    });

    it("lets a service set its own replicas and size", () => {
        const spec = resolvePlatformSpec(
            config({ services: [{ name: "worker", image: "w:1", kind: "worker", healthPath: "/health", readyPath: "/ready", public: false, minReplicas: 2, maxReplicas: 10, size: "2x8" }] }),
            "platform",
            "ideation",
        );
        const [worker] = spec.appFleet.services;
        expect([worker.minReplicas, worker.maxReplicas]).to.deep.equal([2, 10]);
        expect(worker.shape).to.deep.equal({ vcpus: 2, memoryGb: 8 });
        expect(worker.public).to.equal(false);
    });

    it("uses the stack's zone count and the document's layout", () => {
        const spec = resolvePlatformSpec(config({ network: { cidr: "10.0.0.0/16", zones: 2 } }), "platform", "prod");
        expect(spec.network.zones).to.equal(2);
        expect(spec.network.subnets[1].dataCidr).to.equal("10.0.21.0/24");
        expect(spec.network.servicePorts).to.deep.equal([3000]);
    });
});

describe("alarm thresholds and CPU scaling", () => {
    it("every tier alarms at the LMS triggers and the idea-management database and Redis limits", () => {
        // LMS "Vertical Scaling Triggers": CPU > 70 %, memory > 80 %, p95 > 500 ms, error rate
        // > 1 %. Idea-management "Alarms": the 5-minute windows, database connections > 90 % for
        // 2 minutes, Redis memory > 85 % for 5 minutes.
        for (const tier of Object.keys(TIERS) as (keyof typeof TIERS)[]) {
            expect(resolvePlatformSpec(config({ tier }), "platform", "prod").observability.alarms, tier).to.deep.equal({
                cpuPercent: 70,
                cpuMinutes: 5,
                memoryPercent: 80,
                memoryMinutes: 5,
                errorRatePercent: 1,
                errorRateMinutes: 5,
                responseTimeP95Ms: 500,
                dbConnectionsPercent: 90,
                dbConnectionsMinutes: 2,
                cacheMemoryPercent: 85,
                cacheMemoryMinutes: 5,
            });
        }
    });

    it("a stack's alarms replace only the thresholds they name", () => {
        const alarms = resolvePlatformSpec(config({ alarms: { errorRatePercent: 5, cacheMemoryMinutes: 15 } }), "platform", "ideation").observability.alarms;
        expect([alarms.errorRatePercent, alarms.cacheMemoryMinutes]).to.deep.equal([5, 15]);
        expect([alarms.cpuPercent, alarms.errorRateMinutes, alarms.responseTimeP95Ms, alarms.cacheMemoryPercent]).to.deep.equal([70, 5, 500, 85]);
    });

    it("web services track 70 % CPU unless they carry their own step-scaling rule", () => {
        const rule = { scaleOutPercent: 70, scaleOutMinutes: 5, scaleInPercent: 30, scaleInMinutes: 10 };
        const web = { name: "web", image: "lms:1", kind: "web" as const, port: 3000, healthPath: "/api/health", readyPath: "/api/ready", public: true };
        const spec = resolvePlatformSpec(config({ services: [web, { ...web, name: "api", port: 8000, cpuScaling: rule }] }), "platform", "ideation");
        expect(spec.appFleet.cpuTargetPercent).to.equal(70);
        expect(spec.appFleet.services[0]).to.not.have.property("cpuScaling");
        expect(spec.appFleet.services[1].cpuScaling).to.deep.equal(rule);
    });
});

describe("resolved spec: what the tier adds to a service must still deploy", () => {
    const stack = (services: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
        parseConfig({ cloud: "aws", tier: "production-medium", region: "us-east-1", alertEmail: "ops@heypeter-academy.com", services, ...extra });

    it("refuses a maxReplicas below the minimum the tier starts with (an Auto Scaling group with min > max)", () => {
        // production-medium starts with 3 app servers (the LMS document's count = 3).
        const config = stack([{ name: "web", image: "x:1", port: 3000, maxReplicas: 2 }]);
        expect(() => resolvePlatformSpec(config, "platform", "prod")).to.throw(ConfigError, /platform:services\[0\]\.maxReplicas: 2 is below the 3 replicas/);
        // 4,000 users need ceil(4000 / 500) = 8 servers.
        const sized = stack([{ name: "web", image: "x:1", port: 3000, maxReplicas: 6 }], { concurrentUsers: 4000 });
        expect(() => resolvePlatformSpec(sized, "platform", "prod")).to.throw(ConfigError, /6 is below the 8 replicas/);
        const explicit = stack([{ name: "web", image: "x:1", port: 3000, minReplicas: 1, maxReplicas: 2 }]);
        expect(resolvePlatformSpec(explicit, "platform", "prod").appFleet.services[0]).to.include({ minReplicas: 1, maxReplicas: 2 });
    });

    it("opens the public load balancer's path to public web services only", () => {
        const config = stack([
            { name: "web", image: "x:1", port: 3000, calls: ["pricing"] },
            { name: "pricing", image: "x:1", port: 8080, public: false },
        ]);
        expect(resolvePlatformSpec(config, "platform", "prod").network.servicePorts).to.deep.equal([3000]);
    });
});
