// Stack config validation: one valid baseline, then one mutation per rule. Every rejection must
// name the key path and the offending value, and all problems come out in one ConfigError.

import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ConfigError, parseConfig, readRawConfig } from "../config/load";
import { AWS_REGIONS, AZURE_REGIONS, GCP_REGIONS } from "../config/regions";

function baseline(): Record<string, unknown> {
    return {
        cloud: "aws",
        tier: "production-medium",
        region: "us-east-1",
        alertEmail: "ops@example.com",
        services: [{ name: "web", image: "ghcr.io/acme/lms:1.0", port: 3000, healthPath: "/api/health", readyPath: "/api/ready" }],
    };
}

/** The baseline with top-level keys replaced; an undefined value removes the key. */
function withKeys(changes: Record<string, unknown>): Record<string, unknown> {
    const raw = { ...baseline(), ...changes };
    return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
}

/** The idea-management document's API rule: out above 70 % for 5 minutes, in below 30 % for 10. */
const CPU_RULE = { scaleOutPercent: 70, scaleOutMinutes: 5, scaleInPercent: 30, scaleInMinutes: 10 };

/** The baseline with its web service changed; an undefined value removes the field. */
function withService(changes: Record<string, unknown>): Record<string, unknown> {
    const [web] = baseline().services as Record<string, unknown>[];
    const service = Object.fromEntries(Object.entries({ ...web, ...changes }).filter(([, value]) => value !== undefined));
    return withKeys({ services: [service] });
}

function rejection(raw: Record<string, unknown>): ConfigError {
    try {
        parseConfig(raw);
    } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        return error as ConfigError;
    }
    return expect.fail("parseConfig accepted an invalid config");
}

/**
 * Asserts a ConfigError with a problem on `path` that shows `value` (as JSON) and every `fragment`,
 * and that the error message carries that problem line. Returns the problem.
 */
function expectProblem(raw: Record<string, unknown>, path: string, value: unknown, ...fragments: string[]): string {
    const error = rejection(raw);
    const onPath = error.problems.filter((problem) => problem.startsWith(`${path}: `));
    expect(onPath, `no problem on ${path}; got:\n${error.problems.join("\n")}`).to.have.length.above(0);
    // Long values are shown shortened to 77 characters and "...".
    const shown = value === undefined ? "missing" : JSON.stringify(value).slice(0, 77);
    const problem = onPath.find((candidate) => candidate.includes(shown) && fragments.every((fragment) => candidate.includes(fragment)));
    expect(problem, `no problem on ${path} showing ${shown} and ${JSON.stringify(fragments)}; got:\n${onPath.join("\n")}`).to.be.a("string");
    expect(error.message).to.include(problem as string);
    return problem as string;
}

describe("config: stack config validation", () => {
    describe("accepted configs", () => {
        it("parses the baseline with the documented defaults", () => {
            const config = parseConfig(baseline());
            expect(config).to.deep.equal({
                cloud: "aws",
                tier: "production-medium",
                region: "us-east-1",
                services: [
                    {
                        name: "web",
                        image: "ghcr.io/acme/lms:1.0",
                        kind: "web",
                        port: 3000,
                        healthPath: "/api/health",
                        readyPath: "/api/ready",
                        public: true,
                    },
                ],
                network: { cidr: "10.0.0.0/16" },
                adminCidrs: [],
                alertEmail: "ops@example.com",
                budget: { monthlyUsd: 5000, alertPercent: 80 },
                runtime: "vm",
                overrides: {},
                usage: {},
                alarms: {},
                // Every capability switch left to the tier's default.
                features: { tracing: {}, search: {} },
            });
        });

        it("gives web services the idea-management paths and workers no public exposure by default", () => {
            const config = parseConfig(
                withKeys({
                    services: [
                        { name: "api", image: "ghcr.io/acme/ideas:2.1", port: 8000 },
                        { name: "worker", image: "ghcr.io/acme/ideas:2.1", kind: "worker", command: ["celery", "worker"] },
                    ],
                }),
            );
            expect(config.services[0]).to.include({ kind: "web", healthPath: "/health", readyPath: "/ready", public: true, port: 8000 });
            expect(config.services[1]).to.deep.equal({
                name: "worker",
                image: "ghcr.io/acme/ideas:2.1",
                kind: "worker",
                healthPath: "/health",
                readyPath: "/ready",
                public: false,
                command: ["celery", "worker"],
            });
        });

        it("accepts string-encoded JSON values as Pulumi config gives them", () => {
            const config = parseConfig({
                cloud: "aws",
                tier: "production-medium",
                region: "us-east-1",
                alertEmail: "ops@example.com",
                services: '[{"name":"web","image":"ghcr.io/acme/lms:1.0","port":"3000","public":"false","minReplicas":"3","maxReplicas":"10"}]',
                budget: '{"monthlyUsd": "1200.50", "alertPercent": 90}',
                network: '{"cidr": "10.20.0.0/16", "zones": "3"}',
                adminCidrs: '["203.0.113.0/24", "198.51.100.0/24"]',
                concurrentUsers: "5000",
                overrides: '{"database": {"aws": {"performanceInsightsEnabled": true}}}',
            });
            expect(config.services[0]).to.include({ port: 3000, public: false, minReplicas: 3, maxReplicas: 10 });
            expect(config.budget).to.deep.equal({ monthlyUsd: 1200.5, alertPercent: 90 });
            expect(config.network).to.deep.equal({ cidr: "10.20.0.0/16", zones: 3 });
            expect(config.adminCidrs).to.deep.equal(["203.0.113.0/24", "198.51.100.0/24"]);
            expect(config.concurrentUsers).to.equal(5000);
            expect(config.overrides).to.deep.equal({ database: { aws: { performanceInsightsEnabled: true } } });
        });

        it("keeps the alarm thresholds a stack sets, as numbers or as the text Pulumi config gives", () => {
            const alarms = parseConfig(withKeys({ alarms: { errorRatePercent: 5, responseTimeP95Ms: "750", cpuMinutes: 10, dbConnectionsPercent: 99 } })).alarms;
            expect(alarms).to.deep.equal({ errorRatePercent: 5, responseTimeP95Ms: 750, cpuMinutes: 10, dbConnectionsPercent: 99 });
            expect(parseConfig(withKeys({ alarms: '{"errorRatePercent": 0.5, "cacheMemoryMinutes": "1440"}' })).alarms).to.deep.equal({ errorRatePercent: 0.5, cacheMemoryMinutes: 1440 });
        });

        it("keeps a web service's CPU scaling rule, and gives none to a service without one", () => {
            expect(parseConfig(withService({ cpuScaling: CPU_RULE })).services[0].cpuScaling).to.deep.equal(CPU_RULE);
            const fromText = parseConfig(withService({ cpuScaling: '{"scaleOutPercent": "80", "scaleOutMinutes": 3, "scaleInPercent": 20.5, "scaleInMinutes": "15"}' }));
            expect(fromText.services[0].cpuScaling).to.deep.equal({ scaleOutPercent: 80, scaleOutMinutes: 3, scaleInPercent: 20.5, scaleInMinutes: 15 });
            expect(parseConfig(baseline()).services[0]).to.not.have.property("cpuScaling");
        });

        it("fills a partial budget from the defaults", () => {
            expect(parseConfig(withKeys({ budget: { monthlyUsd: 800 } })).budget).to.deep.equal({ monthlyUsd: 800, alertPercent: 80 });
        });

        it("accepts a gcp stack with its project and one zone outside production", () => {
            const config = parseConfig(withKeys({ cloud: "gcp", tier: "development", region: "europe-west1", gcpProject: "acme-platform-dev", network: { zones: 1 } }));
            expect(config).to.include({ cloud: "gcp", region: "europe-west1", gcpProject: "acme-platform-dev", runtime: "vm" });
            expect(config).not.to.have.property("gcpBillingAccount");
            const billed = parseConfig(withKeys({ cloud: "gcp", tier: "development", region: "europe-west1", gcpProject: "acme-platform-dev", gcpBillingAccount: "0123AB-4567CD-89EF01" }));
            expect(billed.gcpBillingAccount).to.equal("0123AB-4567CD-89EF01");
            expect(config.network.zones).to.equal(1);
        });

        it("accepts an azure stack with a domain", () => {
            const config = parseConfig(withKeys({ cloud: "azure", region: "westeurope", domain: "lms.acme-corp.com" }));
            expect(config).to.include({ cloud: "azure", region: "westeurope", domain: "lms.acme-corp.com" });
        });

        it("accepts names that only look reserved: a label ending in a reserved word, a longer TLD", () => {
            for (const domain of ["myexample.com", "example.co", "lms.testing.io", "internal.acme-corp.com", "local.acme-corp.com"]) {
                expect(parseConfig(withKeys({ domain })).domain, domain).to.equal(domain);
            }
        });

        it("keeps the services' declared calls, and none when absent", () => {
            const config = parseConfig(
                withKeys({
                    services: [
                        { name: "web", image: "ghcr.io/acme/lms:1.0", port: 3000, calls: ["api"] },
                        { name: "api", image: "ghcr.io/acme/lms:1.0", port: 8000, public: false },
                        { name: "jobs", image: "ghcr.io/acme/lms:1.0", kind: "worker", calls: '["api", "web"]' },
                    ],
                }),
            );
            expect(config.services.map((service) => service.calls)).to.deep.equal([["api"], undefined, ["api", "web"]]);
        });

        it("runs cloud kubernetes without region and with the kubernetes runtime implied", () => {
            const config = parseConfig(withKeys({ cloud: "kubernetes", region: undefined }));
            expect(config.runtime).to.equal("kubernetes");
            expect(config).to.not.have.property("region");
        });

        it("accepts disjoint IPv4 and IPv6 admin ranges on a cloud whose network may carry IPv6", () => {
            const adminCidrs = ["203.0.113.0/24", "198.51.100.7/32", "2001:db8:1::/48"];
            expect(parseConfig(withKeys({ cloud: "azure", region: "eastus", adminCidrs })).adminCidrs).to.deep.equal(adminCidrs);
        });

        it("keeps region lists free of duplicates and in each cloud's naming form", () => {
            for (const regions of [AWS_REGIONS, GCP_REGIONS, AZURE_REGIONS]) {
                expect(new Set(regions).size).to.equal(regions.length);
            }
            expect(AWS_REGIONS.every((region) => /^[a-z]{2}-[a-z]+-\d$/.test(region))).to.equal(true);
            expect(GCP_REGIONS.every((region) => /^[a-z]+-[a-z]+\d+$/.test(region))).to.equal(true);
            expect(AZURE_REGIONS.every((region) => /^[a-z]+\d?$/.test(region))).to.equal(true);
        });
    });

    describe("the error", () => {
        it("is a Pulumi RunError (printed without a stack trace) listing its problems", () => {
            const error = rejection(withKeys({ tier: "prod" }));
            expect(pulumi.RunError.isInstance(error)).to.equal(true);
            expect(error.problems).to.have.length(1);
            expect(error.message.startsWith("Invalid stack configuration (1 problem):\n")).to.equal(true);
        });

        it("reports several problems together: bad tier, bad region, duplicate service", () => {
            const error = rejection(
                withKeys({
                    tier: "prod",
                    region: "us-east-9",
                    services: [
                        { name: "web", image: "ghcr.io/acme/lms:1.0", port: 3000 },
                        { name: "web", image: "ghcr.io/acme/lms:1.0", port: 3001 },
                    ],
                }),
            );
            expect(error.problems).to.have.length(3);
            expect(error.message.split("\n")[0]).to.equal("Invalid stack configuration (3 problems):");
            expect(error.message.split("\n")).to.have.length(4);
            expect(error.problems[0]).to.match(/^platform:tier: "prod"/);
            expect(error.problems[1]).to.match(/^platform:region: "us-east-9"/);
            expect(error.problems[2]).to.match(/^platform:services\[1\]\.name: "web" .*platform:services\[0\]/);
        });

        it("reports problems of every kind in one run", () => {
            const error = rejection({
                cloud: "gcp",
                tier: "production-large",
                regoin: "us-central1",
                services: [{ name: "API", image: "", port: 0 }, "worker"],
                network: { cidr: "8.8.8.0/24", zones: 5 },
                adminCidrs: ["0.0.0.0/0"],
                budget: { monthlyUsd: -1 },
                concurrentUsers: 0,
            });
            const keys = error.problems.map((problem) => problem.split(": ")[0]);
            expect(keys).to.include.members([
                "platform:regoin",
                "platform:region",
                "platform:gcpProject",
                "platform:services[0].name",
                "platform:services[0].image",
                "platform:services[0].port",
                "platform:services[1]",
                "platform:network.cidr",
                "platform:network.zones",
                "platform:adminCidrs[0]",
                "platform:alertEmail",
                "platform:budget.monthlyUsd",
                "platform:concurrentUsers",
            ]);
        });
    });

    describe("rejected: required keys and allowed values", () => {
        it("an unknown tier, with the exact documented message", () => {
            const problem = expectProblem(withKeys({ tier: "prod" }), "platform:tier", "prod");
            expect(problem).to.equal('platform:tier: "prod" is not a tier; allowed: development, staging, production-small, production-medium, production-large');
        });
        it("an unknown cloud", () => {
            expectProblem(withKeys({ cloud: "ibm" }), "platform:cloud", "ibm", "allowed: aws, gcp, azure, kubernetes");
        });
        it("a missing cloud", () => {
            expectProblem(withKeys({ cloud: undefined }), "platform:cloud", undefined, "aws, gcp, azure, kubernetes");
        });
        it("a missing tier", () => {
            expectProblem(withKeys({ tier: undefined }), "platform:tier", undefined, "development");
        });
        it("missing services", () => {
            expectProblem(withKeys({ services: undefined }), "platform:services", undefined, "list of services");
        });
        it("an empty service list", () => {
            expectProblem(withKeys({ services: [] }), "platform:services", [], "at least one service");
        });
        it("services that are not a list", () => {
            expectProblem(withKeys({ services: "web" }), "platform:services", "web", "not a list");
        });
        it("services given as malformed JSON text", () => {
            expectProblem(withKeys({ services: '[{"name": "web"' }), "platform:services", '[{"name": "web"', "not valid JSON");
        });
        it("an unknown runtime", () => {
            expectProblem(withKeys({ runtime: "serverless" }), "platform:runtime", "serverless", "allowed: vm, kubernetes");
        });
        it("the kubernetes block on a cloud where the program creates the cluster", () => {
            expectProblem(withKeys({ runtime: "kubernetes", kubernetes: { context: "kind-dev" } }), "platform:kubernetes", "kind-dev", "only used with cloud kubernetes");
        });
        it("a storage or ingress class the Kubernetes API would refuse, and an unknown kubernetes key", () => {
            const cluster = { cloud: "kubernetes", region: undefined };
            expectProblem(withKeys({ ...cluster, kubernetes: { storageClass: "Fast_SSD" } }), "platform:kubernetes.storageClass", "Fast_SSD", "not a Kubernetes object name");
            expectProblem(withKeys({ ...cluster, kubernetes: { ingressClass: "" } }), "platform:kubernetes.ingressClass", "", "not a Kubernetes object name");
            expectProblem(withKeys({ ...cluster, kubernetes: { contxt: "kind-dev" } }), "platform:kubernetes.contxt", "contxt", 'did you mean "context"?');
        });
        it("runtime vm on cloud kubernetes", () => {
            expectProblem(withKeys({ cloud: "kubernetes", region: undefined, runtime: "vm" }), "platform:runtime", "vm", "not available");
        });
    });

    describe("rejected: unknown keys", () => {
        it("a misspelt top-level key, with the closest known key", () => {
            expectProblem(withKeys({ regoin: "us-east-1" }), "platform:regoin", "regoin", 'did you mean "region"?');
        });
        it("a nested key put at the top level", () => {
            expectProblem(withKeys({ zones: 3 }), "platform:zones", "zones", "platform:network.zones");
        });
        it("an unknown key in a service", () => {
            expectProblem(withService({ prot: 3000 }), "platform:services[0].prot", "prot", 'did you mean "port"?', "allowed: name, image");
        });
        it("an unknown key in network", () => {
            expectProblem(withKeys({ network: { cidr: "10.0.0.0/16", subnets: 6 } }), "platform:network.subnets", "subnets", "allowed: cidr, zones");
        });
        it("an unknown key in budget", () => {
            expectProblem(withKeys({ budget: { monthly: 100 } }), "platform:budget.monthly", "monthly", "allowed: monthlyUsd, alertPercent");
        });
        it("an unknown component in overrides", () => {
            expectProblem(withKeys({ overrides: { databse: { aws: {} } } }), "platform:overrides.databse", "databse", 'did you mean "database"?');
        });
        it("an unknown cloud in overrides", () => {
            expectProblem(withKeys({ overrides: { cache: { ibm: {} } } }), "platform:overrides.cache.ibm", "ibm", "allowed: aws, gcp, azure, kubernetes");
        });
        it("override arguments that are not an object", () => {
            expectProblem(withKeys({ overrides: { cache: { aws: "big" } } }), "platform:overrides.cache.aws", "big", "not an object");
        });
        it("overrides that are not an object", () => {
            expectProblem(withKeys({ overrides: ["database"] }), "platform:overrides", ["database"], "not an object");
        });
    });

    describe("rejected: region and project", () => {
        it("a missing region for aws", () => {
            expectProblem(withKeys({ region: undefined }), "platform:region", undefined, "cloud aws needs a region");
        });
        it("a region with cloud kubernetes", () => {
            expectProblem(withKeys({ cloud: "kubernetes" }), "platform:region", "us-east-1", "region is not used with cloud kubernetes");
        });
        it("an unknown aws region", () => {
            expectProblem(withKeys({ region: "us-east-9" }), "platform:region", "us-east-9", "is not an aws region", "us-east-1");
        });
        it("an aws region given for gcp, with a hint", () => {
            expectProblem(
                withKeys({ cloud: "gcp", gcpProject: "acme-platform", region: "us-east-1" }),
                "platform:region",
                "us-east-1",
                "not a gcp region",
                "it is an aws region",
                'did you mean "us-east1"?',
            );
        });
        it("a gcp region given for azure", () => {
            expectProblem(withKeys({ cloud: "azure", region: "europe-west1" }), "platform:region", "europe-west1", "not an azure region", "westeurope");
        });
        it("gcp without gcpProject", () => {
            expectProblem(withKeys({ cloud: "gcp", region: "us-central1" }), "platform:gcpProject", undefined, "cloud gcp needs");
        });
        it("a malformed gcp project id", () => {
            expectProblem(withKeys({ cloud: "gcp", region: "us-central1", gcpProject: "Acme_Prod" }), "platform:gcpProject", "Acme_Prod", "6 to 30 characters");
        });
        it("a gcp project id ending with a hyphen", () => {
            expectProblem(withKeys({ cloud: "gcp", region: "us-central1", gcpProject: "acme-prod-" }), "platform:gcpProject", "acme-prod-", "not ending with a hyphen");
        });
        it("gcpProject with another cloud", () => {
            expectProblem(withKeys({ gcpProject: "acme-platform" }), "platform:gcpProject", "acme-platform", "only used with cloud gcp");
        });
        it("a malformed gcp billing account", () => {
            expectProblem(withKeys({ cloud: "gcp", region: "us-central1", gcpProject: "acme-platform", gcpBillingAccount: "0123ab-4567cd" }), "platform:gcpBillingAccount", "0123ab-4567cd", "not a Cloud Billing account id");
        });
        it("gcpBillingAccount with another cloud", () => {
            expectProblem(withKeys({ gcpBillingAccount: "0123AB-4567CD-89EF01" }), "platform:gcpBillingAccount", "0123AB-4567CD-89EF01", "only used with cloud gcp");
        });
    });

    describe("rejected: network", () => {
        it("a malformed CIDR", () => {
            expectProblem(withKeys({ network: { cidr: "10.0.0/16" } }), "platform:network.cidr", "10.0.0/16", "not an IPv4 CIDR");
        });
        it("a CIDR with host bits set, suggesting the network address", () => {
            expectProblem(withKeys({ network: { cidr: "10.0.0.1/16" } }), "platform:network.cidr", "10.0.0.1/16", 'use the network address "10.0.0.0/16"');
        });
        it("a public range", () => {
            expectProblem(withKeys({ network: { cidr: "8.8.0.0/16" } }), "platform:network.cidr", "8.8.0.0/16", "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16");
        });
        it("a range overlapping Docker's default bridge", () => {
            expectProblem(withKeys({ network: { cidr: "172.16.0.0/12" } }), "platform:network.cidr", "172.16.0.0/12", "172.17.0.0/16", "Docker");
        });
        it("a link-local range", () => {
            expectProblem(withKeys({ network: { cidr: "169.254.0.0/16" } }), "platform:network.cidr", "169.254.0.0/16", "link-local");
        });
        it("the carrier-grade NAT range", () => {
            expectProblem(withKeys({ network: { cidr: "100.64.0.0/16" } }), "platform:network.cidr", "100.64.0.0/16", "100.64.0.0/10");
        });
        it("an AWS VPC wider than /16", () => {
            expectProblem(withKeys({ network: { cidr: "10.0.0.0/8" } }), "platform:network.cidr", "10.0.0.0/8", "/16 to /28");
        });
        it("a range too small for the tier's three zones", () => {
            expectProblem(withKeys({ network: { cidr: "10.0.0.0/20" } }), "platform:network.cidr", "10.0.0.0/20", "needs at least a /19 for 3 zones");
        });
        it("a range too small for the zones asked for", () => {
            expectProblem(withKeys({ tier: "development", network: { cidr: "192.168.0.0/24", zones: 2 } }), "platform:network.cidr", "192.168.0.0/24", "/19 for 2 zones");
        });
        it("network that is not an object", () => {
            expectProblem(withKeys({ network: "10.0.0.0/16" }), "platform:network", "10.0.0.0/16", "not an object");
        });
        it("one zone on aws", () => {
            expectProblem(withKeys({ tier: "development", network: { zones: 1 } }), "platform:network.zones", 1, "allowed: 2 to 3", "two zones");
        });
        it("four zones on gcp", () => {
            expectProblem(withKeys({ cloud: "gcp", region: "us-central1", gcpProject: "acme-platform", network: { zones: 4 } }), "platform:network.zones", 4, "allowed: 1 to 3");
        });
        it("one zone for a production tier", () => {
            expectProblem(
                withKeys({ cloud: "azure", region: "westeurope", tier: "production-small", network: { zones: 1 } }),
                "platform:network.zones",
                1,
                "production tiers need at least 2 zones",
            );
        });
        it("zones with cloud kubernetes", () => {
            expectProblem(withKeys({ cloud: "kubernetes", region: undefined, network: { zones: 2 } }), "platform:network.zones", 2, "not used with cloud kubernetes");
        });
        it("a fractional zone count", () => {
            expectProblem(withKeys({ network: { zones: 2.5 } }), "platform:network.zones", 2.5, "whole number");
        });
        it("a zone count that is not a number", () => {
            expectProblem(withKeys({ network: { zones: "three" } }), "platform:network.zones", "three", "not a number");
        });
    });

    describe("rejected: adminCidrs", () => {
        it("a malformed entry", () => {
            expectProblem(withKeys({ adminCidrs: ["203.0.113.0/24", "300.1.1.0/24"] }), "platform:adminCidrs[1]", "300.1.1.0/24", "not a CIDR");
        });
        it("a bare address, suggesting /32", () => {
            expectProblem(withKeys({ adminCidrs: ["198.51.100.7"] }), "platform:adminCidrs[0]", "198.51.100.7", "198.51.100.7/32");
        });
        it("0.0.0.0/0", () => {
            expectProblem(withKeys({ adminCidrs: ["0.0.0.0/0"] }), "platform:adminCidrs[0]", "0.0.0.0/0", "opens SSH to the whole internet");
        });
        it("an IPv4 range wider than /8", () => {
            expectProblem(withKeys({ adminCidrs: ["0.0.0.0/1"] }), "platform:adminCidrs[0]", "0.0.0.0/1", "whole internet");
        });
        it("::/0", () => {
            expectProblem(withKeys({ adminCidrs: ["::/0"] }), "platform:adminCidrs[0]", "::/0", "whole internet");
        });
        it("an IPv6 range wider than /16", () => {
            expectProblem(withKeys({ adminCidrs: ["2000::/3"] }), "platform:adminCidrs[0]", "2000::/3", "/16 or narrower");
        });
        it("an IPv6 range on aws, whose network and bastion are IPv4 only", () => {
            expectProblem(withKeys({ adminCidrs: ["203.0.113.0/24", "2001:db8:1::/48"] }), "platform:adminCidrs[1]", "2001:db8:1::/48", "IPv4 only", "allowed: IPv4 ranges");
        });
        it("an entry with host bits set", () => {
            expectProblem(withKeys({ adminCidrs: ["203.0.113.9/24"] }), "platform:adminCidrs[0]", "203.0.113.9/24", '"203.0.113.0/24"');
        });
        it("duplicate entries, naming both", () => {
            expectProblem(withKeys({ adminCidrs: ["203.0.113.0/24", "198.51.100.0/24", "203.0.113.0/24"] }), "platform:adminCidrs[2]", "203.0.113.0/24", "duplicates platform:adminCidrs[0]");
        });
        it("overlapping entries, naming both", () => {
            expectProblem(withKeys({ adminCidrs: ["10.8.0.0/16", "10.8.4.0/24"] }), "platform:adminCidrs[1]", "10.8.4.0/24", 'overlaps platform:adminCidrs[0] "10.8.0.0/16"');
        });
        it("a single string instead of a list", () => {
            expectProblem(withKeys({ adminCidrs: "203.0.113.0/24" }), "platform:adminCidrs", "203.0.113.0/24", "not a list");
        });
    });

    describe("rejected: services", () => {
        it("a name that is not a DNS label", () => {
            expectProblem(withService({ name: "Web_1" }), "platform:services[0].name", "Web_1", "DNS label");
        });
        it("a name longer than 20 characters", () => {
            expectProblem(withService({ name: "a-very-long-service-name" }), "platform:services[0].name", "a-very-long-service-name", "at most 20 characters");
        });
        it("a missing name", () => {
            expectProblem(withService({ name: undefined }), "platform:services[0].name", undefined, "service name");
        });
        it("duplicate names, naming both indexes", () => {
            const services = [
                { name: "api", image: "ghcr.io/acme/a:1", port: 8000 },
                { name: "jobs", image: "ghcr.io/acme/a:1", kind: "worker" },
                { name: "api", image: "ghcr.io/acme/a:1", port: 8001 },
            ];
            expectProblem(withKeys({ services }), "platform:services[2].name", "api", "platform:services[0]", "unique");
        });
        it("an empty image", () => {
            expectProblem(withService({ image: "" }), "platform:services[0].image", "", "container image reference");
        });
        it("an image with whitespace", () => {
            expectProblem(withService({ image: "ghcr.io/acme/lms 1.0" }), "platform:services[0].image", "ghcr.io/acme/lms 1.0", "no spaces");
        });
        it("an unknown kind", () => {
            expectProblem(withService({ kind: "cron" }), "platform:services[0].kind", "cron", "allowed: web, worker");
        });
        it("port 0", () => {
            expectProblem(withService({ port: 0 }), "platform:services[0].port", 0, "1 to 65535");
        });
        it("port 70000", () => {
            expectProblem(withService({ port: 70000 }), "platform:services[0].port", 70000, "1 to 65535");
        });
        it("a port that is not a number", () => {
            expectProblem(withService({ port: "abc" }), "platform:services[0].port", "abc", "not a number");
        });
        it("a web service without port", () => {
            expectProblem(withService({ port: undefined }), "platform:services[0].port", undefined, "web services need a port");
        });
        it("a worker with a port", () => {
            expectProblem(withService({ kind: "worker" }), "platform:services[0].port", 3000, "not allowed for a worker");
        });
        it("a public worker", () => {
            expectProblem(withService({ kind: "worker", port: undefined, public: true }), "platform:services[0].public", true, "worker cannot be public");
        });
        it("public that is not a boolean", () => {
            expectProblem(withService({ public: "yes" }), "platform:services[0].public", "yes", "true or false");
        });
        it("a health path without a leading slash", () => {
            expectProblem(withService({ healthPath: "api/health" }), "platform:services[0].healthPath", "api/health", 'starting with "/"');
        });
        it("a ready path without a leading slash", () => {
            expectProblem(withService({ readyPath: "ready" }), "platform:services[0].readyPath", "ready", 'starting with "/"');
        });
        it("a command given as one string", () => {
            expectProblem(withService({ command: "npm start" }), "platform:services[0].command", "npm start", 'as a list, e.g. ["npm","start"]');
        });
        it("a command list with a non-string", () => {
            expectProblem(withService({ command: ["node", 3] }), "platform:services[0].command[1]", 3, "not a string");
        });
        it("minReplicas 0", () => {
            expectProblem(withService({ minReplicas: 0 }), "platform:services[0].minReplicas", 0, "1 to 100");
        });
        it("maxReplicas above 100", () => {
            expectProblem(withService({ maxReplicas: 101 }), "platform:services[0].maxReplicas", 101, "1 to 100");
        });
        it("fractional replicas", () => {
            expectProblem(withService({ minReplicas: 1.5 }), "platform:services[0].minReplicas", 1.5, "integer");
        });
        it("minReplicas above maxReplicas", () => {
            expectProblem(withService({ minReplicas: 6, maxReplicas: 4 }), "platform:services[0].minReplicas", 6, "platform:services[0].maxReplicas 4");
        });
        it("an unknown size", () => {
            expectProblem(withService({ size: "16x64" }), "platform:services[0].size", "16x64", "allowed: 2x4, 2x8, 4x16, 8x32");
        });
        it("a service that is not an object", () => {
            expectProblem(withKeys({ services: ["web"] }), "platform:services[0]", "web", "not a service");
        });
    });

    describe("rejected: what AWS would refuse or ignore", () => {
        it("health and ready paths AWS and the probes can carry: no query strings or shell characters, at most 255 characters", () => {
            expectProblem(withService({ healthPath: "/health?a=1&b=$(id)" }), "platform:services[0].healthPath", "/health?a=1&b=$(id)", "no query string");
            expectProblem(withService({ readyPath: `/${"r".repeat(255)}` }), "platform:services[0].readyPath", `/${"r".repeat(255)}`, "at most 255 characters");
            expect(parseConfig(withService({ healthPath: "/api/v1/health-check_ok.~" })).services[0].healthPath).to.equal("/api/v1/health-check_ok.~");
        });

        it("a domain longer than the 64 characters of a certificate's domain name", () => {
            const domain = `${"a".repeat(40)}.${"b".repeat(20)}.com`;
            expectProblem(withKeys({ domain }), "platform:domain", domain, "at most 64 (ACM)");
        });

        it("service names whose host would take the db. or cache. record of the domain", () => {
            const services = [
                { name: "web", image: "x:1", port: 3000 },
                { name: "db", image: "x:1", port: 8000 },
                { name: "cache", image: "x:1", port: 8080 },
            ];
            expectProblem(withKeys({ domain: "heypeter-academy.com", services }), "platform:services[1].name", "db", "db.heypeter-academy.com", "database");
            expectProblem(withKeys({ domain: "heypeter-academy.com", services }), "platform:services[2].name", "cache", "cache.heypeter-academy.com");
            expect(parseConfig(withKeys({ domain: undefined, services })).services).to.have.length(3);
        });

        it("a budget that overflows to Infinity is shown as written, not as null", () => {
            expect(rejection(withKeys({ budget: { monthlyUsd: "1e400" } })).problems).to.deep.equal([
                "platform:budget.monthlyUsd: Infinity is not a number; expected a positive amount of US dollars",
            ]);
        });

        it("overrides for observability, which has no primary resource to merge them into", () => {
            expectProblem(withKeys({ overrides: { observability: { aws: { foo: 1 } } } }), "platform:overrides.observability", "observability", "allowed: network, database, cache, objectStore, appFleet");
        });
    });

    describe("rejected: calls", () => {
        const api = { name: "api", image: "ghcr.io/acme/a:1", port: 8000, public: false };
        const jobs = { name: "jobs", image: "ghcr.io/acme/a:1", kind: "worker" };
        const web = (calls: unknown) => ({ name: "web", image: "ghcr.io/acme/a:1", port: 3000, calls });

        it("a name that is no service of the stack, with the closest one", () => {
            const problem = expectProblem(withKeys({ services: [web(["apii"]), api, jobs] }), "platform:services[0].calls[0]", "apii", "not a service of this stack", 'did you mean "api"');
            expect(problem).to.include("allowed: another web service of this stack: api");
        });
        it("a worker, which takes no traffic", () => {
            expectProblem(withKeys({ services: [web(["jobs"]), api, jobs] }), "platform:services[0].calls[0]", "jobs", "is a worker", "allowed: another web service of this stack: api");
        });
        it("the service itself", () => {
            expectProblem(withKeys({ services: [web(["web"]), api] }), "platform:services[0].calls[0]", "web", "this service itself");
        });
        it("the same service twice, naming the first entry", () => {
            expectProblem(withKeys({ services: [api, web(["api", "api"])] }), "platform:services[1].calls[1]", "api", "already listed at platform:services[1].calls[0]");
        });
        it("a worker's call to a worker, with every problem of the list reported at once", () => {
            const error = rejection(withKeys({ services: [api, { ...jobs, calls: ["jobs", "ap", "api"] }] }));
            expect(error.problems).to.have.length(2);
            expect(error.problems[0]).to.match(/^platform:services\[1\]\.calls\[0\]: "jobs" is this service itself/);
            expect(error.problems[1]).to.match(/^platform:services\[1\]\.calls\[1\]: "ap" is not a service of this stack \(did you mean "api"\?\)/);
        });
        it("a name that is not a string", () => {
            expectProblem(withKeys({ services: [web([42]), api] }), "platform:services[0].calls[0]", 42, "not a string");
        });
        it("a value that is not a list", () => {
            expectProblem(withKeys({ services: [web("api"), api] }), "platform:services[0].calls", "api", "not a list");
        });
        it("a call in a stack with no other web service", () => {
            expectProblem(withKeys({ services: [web(["api"]), jobs] }), "platform:services[0].calls[0]", "api", "this stack has no other web service to call");
        });
    });

    describe("rejected: domain and alertEmail", () => {
        const badDomains: [string, string][] = [
            ["https://lms.example.com", "remove the scheme"],
            ["lms.example.com.", "trailing dot"],
            ["*.example.com", "wildcards"],
            ["LMS.example.com", "lowercase"],
            ["localhost", "at least two labels"],
            ["-lms.example.com", 'label "-lms"'],
            ["lms.example.123", "alphabetic"],
            [`${"a".repeat(64)}.example.com`, "1 to 63 characters"],
            [`${Array.from({ length: 51 }, () => "abcd").join(".")}.com`, "253"],
        ];
        for (const [domain, reason] of badDomains) {
            it(`domain ${domain.length > 30 ? `${domain.slice(0, 27)}...` : domain}`, () => {
                expectProblem(withKeys({ domain }), "platform:domain", domain, reason);
            });
        }
        // RFC 2606 / RFC 6761 reserve these, .local is mDNS, .internal is for private networks:
        // no public zone can hold them, so no certificate authority can validate them.
        const reserved: [string, string][] = [
            ["example.com", "example.com"],
            ["ideation.example.com", "example.com"],
            ["lms.example.net", "example.net"],
            ["a.b.example.org", "example.org"],
            ["lms.test", "test"],
            ["lms.example", "example"],
            ["lms.invalid", "invalid"],
            ["lms.localhost", "localhost"],
            ["printer.local", "local"],
            ["platform-prod.internal", "internal"],
        ];
        for (const [domain, suffix] of reserved) {
            it(`reserved domain ${domain}`, () => {
                const problem = expectProblem(withKeys({ domain }), "platform:domain", domain, `under ${suffix},`, "no certificate can be validated");
                expect(problem).to.include("allowed: a domain you own whose public Route 53 hosted zone is in this account, or no domain");
            });
        }
        it("an invalid email", () => {
            expectProblem(withKeys({ alertEmail: "ops@@example.com" }), "platform:alertEmail", "ops@@example.com", "not an email address");
        });
        it("an email with an invalid domain", () => {
            expectProblem(withKeys({ alertEmail: "ops@example" }), "platform:alertEmail", "ops@example", "not an email address");
        });
        it("a production tier without alertEmail", () => {
            expectProblem(withKeys({ alertEmail: undefined }), "platform:alertEmail", undefined, "production tiers need alertEmail: alarms and budget alerts would reach no one");
        });
    });

    describe("rejected: budget and concurrentUsers", () => {
        it("a zero monthly budget", () => {
            expectProblem(withKeys({ budget: { monthlyUsd: 0 } }), "platform:budget.monthlyUsd", 0, "positive");
        });
        it("a negative monthly budget given as JSON text", () => {
            expectProblem(withKeys({ budget: '{"monthlyUsd": -100}' }), "platform:budget.monthlyUsd", -100, "positive");
        });
        it("a monthly budget that is not a number", () => {
            expectProblem(withKeys({ budget: { monthlyUsd: "abc" } }), "platform:budget.monthlyUsd", "abc", "not a number");
        });
        it("an alert percentage above 100", () => {
            expectProblem(withKeys({ budget: { alertPercent: 150 } }), "platform:budget.alertPercent", 150, "1 to 100");
        });
        it("a budget that is a bare number", () => {
            expectProblem(withKeys({ budget: "5000" }), "platform:budget", "5000", "not an object");
        });
        it("zero concurrent users", () => {
            expectProblem(withKeys({ concurrentUsers: 0 }), "platform:concurrentUsers", 0, "from 1 to 170000");
        });
        it("fractional concurrent users given as text", () => {
            expectProblem(withKeys({ concurrentUsers: "2.5" }), "platform:concurrentUsers", 2.5, "whole number");
        });
        it("more than a million concurrent users", () => {
            expectProblem(withKeys({ concurrentUsers: 2_000_000 }), "platform:concurrentUsers", 2000000, "170000");
            // 175,000 users would need 262,500 connections, over PostgreSQL's ceiling of 262,143.
            expectProblem(withKeys({ concurrentUsers: 175_000 }), "platform:concurrentUsers", 175000, "PostgreSQL's and RDS's limits");
        });
        it("concurrent users that are not a number", () => {
            expectProblem(withKeys({ concurrentUsers: "abc" }), "platform:concurrentUsers", "abc", "not a number");
        });
    });

    describe("rejected: alarms", () => {
        it("a misspelt threshold, with the closest known one and the full list", () => {
            expectProblem(
                withKeys({ alarms: { errorRatePercnet: 5 } }),
                "platform:alarms.errorRatePercnet",
                "errorRatePercnet",
                'did you mean "errorRatePercent"?',
                "allowed: cpuPercent, cpuMinutes, memoryPercent, memoryMinutes, errorRatePercent, errorRateMinutes, responseTimeP95Ms, dbConnectionsPercent",
            );
        });
        it("a threshold put at the top level", () => {
            expectProblem(withKeys({ errorRatePercent: 5 }), "platform:errorRatePercent", "errorRatePercent", "platform:alarms.errorRatePercent");
        });
        it("a percentage of 0", () => {
            expectProblem(withKeys({ alarms: { cpuPercent: 0 } }), "platform:alarms.cpuPercent", 0, "is not a percentage above 0 and below 100");
        });
        it("a percentage above 100", () => {
            expectProblem(withKeys({ alarms: { memoryPercent: 150 } }), "platform:alarms.memoryPercent", 150, "a percentage above 0 and below 100");
        });
        it("a negative error rate given as text", () => {
            expectProblem(withKeys({ alarms: { errorRatePercent: "-1" } }), "platform:alarms.errorRatePercent", -1, "a percentage above 0 and below 100");
        });
        it("a percentage that is not a number", () => {
            expectProblem(withKeys({ alarms: { cacheMemoryPercent: "85%" } }), "platform:alarms.cacheMemoryPercent", "85%", "not a number");
        });
        it("a fractional window", () => {
            expectProblem(withKeys({ alarms: { cpuMinutes: 2.5 } }), "platform:alarms.cpuMinutes", 2.5, "a whole number of minutes from 1 to 1440");
        });
        it("a window of 0 minutes", () => {
            expectProblem(withKeys({ alarms: { dbConnectionsMinutes: 0 } }), "platform:alarms.dbConnectionsMinutes", 0, "from 1 to 1440");
        });
        it("a window longer than the day CloudWatch evaluates", () => {
            expectProblem(withKeys({ alarms: { errorRateMinutes: 1441 } }), "platform:alarms.errorRateMinutes", 1441, "from 1 to 1440", "one day of one-minute datapoints");
        });
        it("a p95 latency of 0 ms", () => {
            expectProblem(withKeys({ alarms: { responseTimeP95Ms: 0 } }), "platform:alarms.responseTimeP95Ms", 0, "a positive number of milliseconds");
        });
        it("alarms that are not an object", () => {
            expectProblem(withKeys({ alarms: 5 }), "platform:alarms", 5, "not an object", "errorRatePercent");
        });
        it("every bad threshold in one run", () => {
            const error = rejection(withKeys({ alarms: { cpuPercent: 0, memoryMinutes: 0.5, responseTimeP95Ms: -1, errorRatePercent: 1 } }));
            expect(error.problems.map((problem) => problem.split(": ")[0])).to.deep.equal([
                "platform:alarms.cpuPercent",
                "platform:alarms.memoryMinutes",
                "platform:alarms.responseTimeP95Ms",
            ]);
        });
    });

    describe("rejected: services[].cpuScaling", () => {
        const withRule = (changes: Record<string, unknown>) => withService({ cpuScaling: { ...CPU_RULE, ...changes } });
        it("on a worker, which scales on its queue depth", () => {
            const services = [
                { name: "api", image: "ghcr.io/acme/a:1", port: 8000, cpuScaling: CPU_RULE },
                { name: "jobs", image: "ghcr.io/acme/a:1", kind: "worker", cpuScaling: CPU_RULE },
            ];
            expectProblem(withKeys({ services }), "platform:services[1].cpuScaling", CPU_RULE, "not allowed for a worker", "queue depth", "use kind web");
        });
        it("a scale-in threshold above the scale-out threshold, naming both", () => {
            expectProblem(
                withRule({ scaleOutPercent: 50, scaleInPercent: 60 }),
                "platform:services[0].cpuScaling.scaleInPercent",
                60,
                "is not below platform:services[0].cpuScaling.scaleOutPercent 50",
                "allowed: scaleInPercent < scaleOutPercent",
            );
        });
        it("equal scale-in and scale-out thresholds", () => {
            expectProblem(withRule({ scaleOutPercent: 70, scaleInPercent: 70 }), "platform:services[0].cpuScaling.scaleInPercent", 70, "scaleInPercent < scaleOutPercent");
        });
        it("a scale-out threshold of 100 %, which average CPU never exceeds", () => {
            expectProblem(withRule({ scaleOutPercent: 100 }), "platform:services[0].cpuScaling.scaleOutPercent", 100, "a CPU percentage above 0 and below 100");
        });
        it("a scale-in threshold of 0 %", () => {
            expectProblem(withRule({ scaleInPercent: 0 }), "platform:services[0].cpuScaling.scaleInPercent", 0, "above 0 and below 100");
        });
        it("a window of 0 minutes", () => {
            expectProblem(withRule({ scaleOutMinutes: 0 }), "platform:services[0].cpuScaling.scaleOutMinutes", 0, "a whole number of minutes from 1 to 1440");
        });
        it("a fractional window given as text", () => {
            expectProblem(withRule({ scaleInMinutes: "7.5" }), "platform:services[0].cpuScaling.scaleInMinutes", 7.5, "whole number of minutes");
        });
        it("a missing field: the rule is stated whole", () => {
            expectProblem(withRule({ scaleInMinutes: undefined }), "platform:services[0].cpuScaling.scaleInMinutes", undefined, "required: a whole number of minutes from 1 to 1440");
        });
        it("a misspelt field, with the closest known one", () => {
            expectProblem(withRule({ scaleOutPercnt: 70 }), "platform:services[0].cpuScaling.scaleOutPercnt", "scaleOutPercnt", 'did you mean "scaleOutPercent"?');
        });
        it("a rule that is not an object", () => {
            expectProblem(withService({ cpuScaling: "70%" }), "platform:services[0].cpuScaling", "70%", "not an object", "scaleOutPercent, scaleOutMinutes, scaleInPercent, scaleInMinutes");
        });
    });

    describe("readRawConfig", () => {
        let saved: Record<string, string>;
        beforeEach(() => {
            saved = pulumi.runtime.allConfig();
        });
        afterEach(() => {
            pulumi.runtime.setAllConfig(saved);
        });

        it("keeps the platform namespace, strips its prefix and ignores other namespaces", () => {
            pulumi.runtime.setAllConfig({
                "platform:cloud": "aws",
                "platform:services": '[{"name":"web"}]',
                "aws:region": "eu-west-1",
                "gcp:project": "other",
            });
            expect(readRawConfig()).to.deep.equal({ cloud: "aws", services: '[{"name":"web"}]' });
        });
    });
});
