// The keys of the documents' remaining capabilities: each accepted form resolves to the spec the
// adapters build from, and each bad form is refused naming the key, the value and what is allowed.

import { expect } from "chai";
import { ConfigError, parseConfig } from "../config/load";
import { resolvePlatformSpec } from "../tiers";

function baseline(changes: Record<string, unknown> = {}): Record<string, unknown> {
    const raw: Record<string, unknown> = {
        cloud: "aws",
        tier: "staging",
        region: "us-east-1",
        services: [
            { name: "api", image: "ghcr.io/acme/api:1.0", port: 8000 },
            { name: "worker", kind: "worker", image: "ghcr.io/acme/api:1.0", minReplicas: 2 },
        ],
        ...changes,
    };
    return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
}

function problems(raw: Record<string, unknown>): string[] {
    try {
        parseConfig(raw);
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        return (error as ConfigError).problems;
    }
    return expect.fail("the config was accepted");
}

/** The one problem on `key` that contains every fragment. */
function problemOn(raw: Record<string, unknown>, key: string, ...fragments: string[]): string {
    const found = problems(raw).filter((problem) => problem.startsWith(`platform:${key}: `) && fragments.every((fragment) => problem.includes(fragment)));
    expect(found, `no problem on ${key} with ${JSON.stringify(fragments)}; got ${JSON.stringify(problems(raw))}`).to.have.length(1);
    return found[0];
}

function spec(raw: Record<string, unknown>) {
    return resolvePlatformSpec(parseConfig(raw), "platform", "test");
}

describe("config: capability keys", () => {
    describe("defaults by tier", () => {
        it("pools connections from staging on, with the idea-management document's PgBouncer numbers", () => {
            expect(spec(baseline({ tier: "development" })).database.pooling.enabled).to.equal(false);
            const pooling = spec(baseline()).database.pooling;
            expect(pooling).to.deep.equal({ enabled: true, mode: "transaction", poolSize: 20, reservePoolSize: 5, idleTimeoutSeconds: 600 });
        });

        it("keeps metrics 15 s / 15 days / 50 GB with two instances in production, and traces everything before production", () => {
            const staging = spec(baseline()).telemetry;
            expect(staging.metrics).to.include({ enabled: true, scrapeIntervalSeconds: 15, evaluationIntervalSeconds: 15, retentionDays: 15, storageGb: 50, replicas: 1, nodeExporterPort: 9100 });
            expect(staging.metrics.dashboards).to.deep.equal(["system-health", "api-performance", "database-performance"]);
            expect(staging.tracing).to.include({ enabled: true, sampleRatio: 1 });
            const production = spec(baseline({ tier: "production-small", alertEmail: "ops@example.com" })).telemetry;
            expect(production.metrics.replicas).to.equal(2);
            expect(production.tracing.sampleRatio).to.equal(0.1);
        });

        it("builds the LMS search cluster at production-large only: 3 nodes of 8 vCPU / 32 GB and 3 dedicated masters", () => {
            expect(spec(baseline({ tier: "production-medium", alertEmail: "ops@example.com" })).search.enabled).to.equal(false);
            const search = spec(baseline({ tier: "production-large", alertEmail: "ops@example.com" })).search;
            expect(search).to.include({ enabled: true, dataNodes: 3, dedicatedMasters: 3, zones: 3 });
            expect(search.shape).to.deep.equal({ vcpus: 8, memoryGb: 32 });
        });

        it("dumps the database daily in production and keeps the dumps 30 days (BACKUP_RETENTION_DAYS=30)", () => {
            expect(spec(baseline()).backups.enabled).to.equal(false);
            expect(spec(baseline({ tier: "production-small", alertEmail: "ops@example.com" })).backups).to.deep.equal({ enabled: true, timeUtc: "02:00", retentionDays: 30 });
        });

        it("has no DR copies, VPN, schedule or spot unless the stack asks", () => {
            const platform = spec(baseline());
            expect(platform.disasterRecovery).to.equal(undefined);
            expect(platform.vpn).to.equal(undefined);
            expect(platform.appFleet.schedule).to.equal(undefined);
            expect(platform.appFleet.services.map((service) => service.capacity)).to.deep.equal([
                { spot: false, onDemandBase: 0, architecture: "x86_64" },
                { spot: false, onDemandBase: 0, architecture: "x86_64" },
            ]);
        });
    });

    describe("accepted forms", () => {
        it("turns each switch on or off, from YAML values or the strings `pulumi config set` writes", () => {
            const platform = spec(baseline({ pooling: "false", metrics: false, tracing: '{"enabled": true, "sampleRatio": "0.25"}', search: { enabled: true, shipLogs: true }, logicalBackups: "true" }));
            expect(platform.database.pooling.enabled).to.equal(false);
            expect(platform.telemetry.metrics.enabled).to.equal(false);
            expect(platform.telemetry.tracing).to.include({ enabled: true, sampleRatio: 0.25 });
            expect(platform.search).to.include({ enabled: true, shipLogs: true, dataNodes: 3 });
            expect(platform.backups.enabled).to.equal(true);
        });

        it("states the documents' recovery targets for a drRegion: database RPO 1 h / RTO 2 h, files RPO 1 h / RTO 1 h, platform RTO 4 h", () => {
            const recovery = spec(baseline({ drRegion: "us-west-2" })).disasterRecovery;
            expect(recovery).to.deep.equal({
                region: "us-west-2",
                targets: { database: { rpoMinutes: 60, rtoMinutes: 120 }, files: { rpoMinutes: 60, rtoMinutes: 60 }, platform: { rpoMinutes: 60, rtoMinutes: 240 } },
            });
        });

        it("builds the VPN gateway alone, or with two tunnels to a peer (ASN 65000 unless given)", () => {
            expect(spec(baseline({ vpn: { enabled: true } })).vpn).to.deep.equal({ peerCidrs: [], peerAsn: 65000, tunnels: 2 });
            expect(spec(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.7", peerCidrs: ["192.168.0.0/16"], peerAsn: 64600 } })).vpn).to.deep.equal({
                peerAddress: "198.51.100.7",
                peerCidrs: ["192.168.0.0/16"],
                peerAsn: 64600,
                tunnels: 2,
            });
            expect(spec(baseline({ vpn: { enabled: false } })).vpn).to.equal(undefined);
        });

        it("runs a worker on spot above an on-demand base of 1 unless given, and ARM where asked", () => {
            const services = spec(
                baseline({
                    services: [
                        { name: "api", image: "ghcr.io/acme/api:1.0", port: 8000, architecture: "arm64" },
                        { name: "worker", kind: "worker", image: "ghcr.io/acme/api:1.0", spot: true },
                        { name: "batch", kind: "worker", image: "ghcr.io/acme/api:1.0", spot: true, onDemandBase: 0 },
                    ],
                }),
            ).appFleet.services;
            expect(services.map((service) => service.capacity)).to.deep.equal([
                { spot: false, onDemandBase: 0, architecture: "arm64" },
                { spot: true, onDemandBase: 1, architecture: "x86_64" },
                { spot: true, onDemandBase: 0, architecture: "x86_64" },
            ]);
        });

        it("keeps the schedule as written for the fleet", () => {
            const schedule = { days: ["Mon", "Tue", "Wed", "Thu", "Fri"], start: "07:00", stop: "19:00", timezone: "Europe/Berlin" };
            expect(spec(baseline({ schedule })).appFleet.schedule).to.deep.equal(schedule);
        });
    });

    describe("refused forms", () => {
        it("refuses unknown fields and wrong types inside the objects", () => {
            problemOn(baseline({ tracing: { enable: true } }), "tracing.enable", '"enable"', 'did you mean "enabled"');
            problemOn(baseline({ tracing: { sampleRatio: 2 } }), "tracing.sampleRatio", "2", "from 0 to 1");
            problemOn(baseline({ search: { enabled: "yes" } }), "search.enabled", '"yes"', "true or false");
            problemOn(baseline({ pooling: "on" }), "pooling", '"on"', "true or false");
            problemOn(baseline({ search: { enabled: false, shipLogs: true } }), "search.shipLogs", "search.enabled is false");
        });

        it("refuses a drRegion of another cloud, unknown, or the platform's own", () => {
            problemOn(baseline({ drRegion: "us-central1" }), "drRegion", '"us-central1"', "is not a aws region");
            problemOn(baseline({ drRegion: "us-west-9" }), "drRegion", '"us-west-9"', "allowed:");
            problemOn(baseline({ drRegion: "us-east-1" }), "drRegion", '"us-east-1"', "the platform's own region");
            problemOn(baseline({ cloud: "kubernetes", region: undefined, drRegion: "us-west-2" }), "drRegion", "cloud kubernetes has no regions");
        });

        it("refuses a VPN peer that is private, malformed, overlapping the network or half given", () => {
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "10.1.2.3", peerCidrs: ["192.168.0.0/16"] } }), "vpn.peerAddress", '"10.1.2.3"', "private", "public IPv4");
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.700", peerCidrs: ["192.168.0.0/16"] } }), "vpn.peerAddress", "not an IPv4 address");
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.7", peerCidrs: ["10.0.5.0/24"] } }), "vpn.peerCidrs[0]", '"10.0.5.0/24"', "overlaps the platform's network");
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.7", peerCidrs: ["192.168.1.0/16"] } }), "vpn.peerCidrs[0]", "host bits");
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.7" } }), "vpn.peerCidrs", "missing");
            problemOn(baseline({ vpn: { enabled: true, peerCidrs: ["192.168.0.0/16"] } }), "vpn.peerAddress", "missing");
            problemOn(baseline({ vpn: { peerAddress: "198.51.100.7", peerCidrs: ["192.168.0.0/16"] } }), "vpn.enabled", "missing");
            problemOn(baseline({ vpn: { enabled: true, peerAddress: "198.51.100.7", peerCidrs: ["192.168.0.0/16", "192.168.4.0/24"] } }), "vpn.peerCidrs[1]", "overlaps platform:vpn.peerCidrs[0]");
        });

        it("refuses a schedule in production, with bad times, days or zones", () => {
            const schedule = { days: ["Mon"], start: "07:00", stop: "19:00", timezone: "Europe/Berlin" };
            problemOn(baseline({ tier: "production-small", alertEmail: "ops@example.com", schedule }), "schedule", "around the clock", "development and staging only");
            problemOn(baseline({ schedule: { ...schedule, start: "7am" } }), "schedule.start", '"7am"', '"HH:MM"');
            problemOn(baseline({ schedule: { ...schedule, stop: "06:00" } }), "schedule.stop", '"06:00"', "is not after");
            problemOn(baseline({ schedule: { ...schedule, days: ["Monday"] } }), "schedule.days[0]", '"Monday"', "allowed: Mon, Tue");
            problemOn(baseline({ schedule: { ...schedule, days: ["Mon", "Mon"] } }), "schedule.days", "twice");
            problemOn(baseline({ schedule: { ...schedule, timezone: "Europe/Berln" } }), "schedule.timezone", '"Europe/Berln"', 'did you mean "Europe/Berlin"');
            problemOn(baseline({ schedule: { days: ["Mon"] } }), "schedule.start", "missing");
        });

        it("refuses spot on web services, a base above the minimum, and a base without spot", () => {
            const services = (changes: Record<string, unknown>[]) => baseline({ services: changes });
            problemOn(services([{ name: "api", image: "ghcr.io/acme/api:1.0", port: 8000, spot: true }]), "services[0].spot", "web services answer users", "workers");
            problemOn(services([{ name: "w", kind: "worker", image: "ghcr.io/acme/api:1.0", spot: true, minReplicas: 2, onDemandBase: 3 }]), "services[0].onDemandBase", "3", "at most minReplicas");
            problemOn(services([{ name: "w", kind: "worker", image: "ghcr.io/acme/api:1.0", onDemandBase: 1 }]), "services[0].onDemandBase", "only applies with spot: true");
            problemOn(services([{ name: "w", kind: "worker", image: "ghcr.io/acme/api:1.0", architecture: "arm" }]), "services[0].architecture", '"arm"', "allowed: x86_64, arm64");
        });
    });
});
