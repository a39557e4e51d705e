import { expect } from "chai";
import { budgetCheck, budgetFromResult, estimateCost, formatCost } from "../../tools/insights/cost";
import { parseConfig } from "../../config";
import { UsageAssumptions } from "../../tools/insights/usage";
import { provider, resource, result, urn } from "./fixtures";

// Every usage figure stated, so the arithmetic below does not depend on the tier defaults.
const USAGE: UsageAssumptions = {
    natDataGb: 100,
    loadBalancerLcu: 1,
    internetEgressGb: 50,
    logIngestGb: 10,
    objectStorageGb: 0,
    objectWriteThousands: 0,
    accessLogStorageGb: 0,
    wafRequestsMillions: 0,
    queueRequestsMillions: 0,
};

const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

function fixture(region = "us-east-1") {
    return result([
        provider(region),
        resource("platform:index:Database", "db", {}),
        resource(TEMPLATE, "web-template", {
            instanceType: "t3.large",
            monitoring: { enabled: true },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } }],
        }),
        resource("aws:autoscaling/group:Group", "web-group", { minSize: 2, maxSize: 4 }, [urn(TEMPLATE, "web-template")]),
        resource("aws:rds/instance:Instance", "primary", { engine: "postgres", instanceClass: "db.t4g.medium", multiAz: true, allocatedStorage: 100, storageType: "gp3" }),
        resource("aws:elasticache/replicationGroup:ReplicationGroup", "redis", { engine: "redis", nodeType: "cache.t4g.small", clusterMode: "disabled", numCacheClusters: 2 }),
        resource("aws:ec2/natGateway:NatGateway", "nat", {}),
        resource("aws:ec2/eip:Eip", "nat-eip", { domain: "vpc" }),
        resource("aws:lb/loadBalancer:LoadBalancer", "lb", { loadBalancerType: "application", internal: false, subnets: ["a", "b"] }),
        resource("aws:kms/key:Key", "key", {}),
        resource("aws:secretsmanager/secret:Secret", "secret", {}),
        resource("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 365 }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", { period: 60 }),
        resource("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }),
        resource("random:index/randomPassword:RandomPassword", "password", {}),
        resource("aws:example/madeUp:MadeUp", "mystery", {}),
    ]);
}

describe("insights: cost", () => {
    const estimate = estimateCost(fixture(), { assumptions: USAGE });
    const item = (name: string) => estimate.items.find((i) => i.urn.endsWith(`::${name}`));

    it("adds up to the sum worked out by hand from the price file's published numbers", () => {
        // Unit prices as published in tools/prices/aws.json (us-east-1, 730 h).
        const fleet = 2 * 730 * 0.0832 + 2 * 20 * 0.08 + 2 * 7 * 0.3; // 2 x t3.large, 20 GB gp3 each, detailed monitoring
        const database = 2 * 730 * 0.065 + 100 * 2 * 0.115; // db.t4g.medium Multi-AZ: instance and storage doubled
        const cache = 2 * 730 * 0.032; // primary + 1 replica of cache.t4g.small
        const nat = 730 * 0.045 + 100 * 0.045;
        const eip = 730 * 0.005;
        const alb = 730 * 0.0225 + 1 * 730 * 0.008 + 2 * 730 * 0.005 + 50 * 0.09; // hours, 1 LCU, 2 public IPv4, egress
        const logs = 10 * 0.5 + 10 * 12 * 0.03; // 10 GB ingested, a year of it kept
        const fixed = 1 + 0.4 + 0.1; // KMS key, secret, one alarm metric
        const hand = fleet + database + cache + nat + eip + alb + logs + fixed;
        expect(hand).to.be.closeTo(378.66, 0.01);
        expect(estimate.monthlyTotal).to.be.closeTo(hand, 0.02);
        expect(item("web-group")!.monthly).to.be.closeTo(fleet, 0.006);
        expect(item("primary")!.monthly).to.be.closeTo(database, 0.006);
        expect(item("redis")!.monthly).to.be.closeTo(cache, 0.006);
        expect(item("lb")!.monthly).to.be.closeTo(alb, 0.006);
        expect(item("logs")!.monthly).to.be.closeTo(logs, 0.006);
        expect(estimate.items.reduce((sum, i) => sum + i.monthly, 0)).to.be.closeTo(estimate.monthlyTotal, 0.001);
    });

    it("explains each item with its formula: count x size x hours x price, Multi-AZ doubling, min and max", () => {
        expect(item("web-group")!.basis).to.include("2 x t3.large x 730 h x $0.0832/h").and.include("minReplicas 2").and.include("maxReplicas 4");
        expect(item("primary")!.basis).to.include("2 x db.t4g.medium (Multi-AZ").and.include("100 GB x 2, Multi-AZ");
        expect(item("nat")!.basis).to.include("100 GB processed");
    });

    it("lists free types with a reason, unknown types as not priced, and skips components", () => {
        expect(estimate.free.map((f) => f.type)).to.include.members(["aws:ec2/vpc:Vpc", "aws:ec2/launchTemplate:LaunchTemplate", "random:index/randomPassword:RandomPassword"]);
        estimate.free.forEach((f) => expect(f.reason, f.type).to.not.equal(""));
        expect(estimate.unpriced).to.deep.equal([{ urn: urn("aws:example/madeUp:MadeUp", "mystery"), type: "aws:example/madeUp:MadeUp", reason: "no pricing rule for this resource type" }]);
        const all = [...estimate.items.map((i) => i.type), ...estimate.unpriced.map((u) => u.type), ...estimate.free.map((f) => f.type)];
        expect(all).to.not.include("platform:index:Database");
        expect(all).to.not.include("pulumi:providers:aws");
    });

    it("reports a size missing from the price book as not priced, never as zero", () => {
        const r = fixture();
        r.resources.find((x) => x.name === "primary")!.inputs.instanceClass = "db.x2iedn.32xlarge";
        const e = estimateCost(r, { assumptions: USAGE });
        expect(e.unpriced.map((u) => u.urn)).to.include(urn("aws:rds/instance:Instance", "primary"));
        expect(e.items.map((i) => i.urn)).to.not.include(urn("aws:rds/instance:Instance", "primary"));
    });

    it("uses the usage overrides for usage-based charges", () => {
        const more = estimateCost(fixture(), { assumptions: { ...USAGE, natDataGb: 300 } });
        const nat = more.items.find((i) => i.urn.endsWith("::nat"))!;
        expect(nat.monthly).to.be.closeTo(730 * 0.045 + 300 * 0.045, 0.006);
        expect(more.assumptions.natDataGb).to.equal(300);
    });

    it("says when a region is priced at the us-east-1 list", () => {
        expect(estimate.notes).to.deep.equal([]);
        const elsewhere = estimateCost(fixture("eu-west-1"), { assumptions: USAGE });
        expect(elsewhere.region).to.equal("eu-west-1");
        expect(elsewhere.notes.join(" ")).to.include("eu-west-1 is priced at the us-east-1 list");
    });

    it("lists everything as not priced for a cloud without a price book", () => {
        const e = estimateCost(result([resource("openstack:compute/instance:Instance", "db", {})], "production-medium", "openstack"));
        expect(e.monthlyTotal).to.equal(0);
        expect(e.unpriced).to.have.length(1);
        expect(e.unpriced[0].reason).to.include("no price book for cloud openstack");
    });

    it("prints an itemised table with the total and the price date", () => {
        const text = formatCost(estimate);
        expect(text).to.include(`Total: $${estimate.monthlyTotal.toFixed(2)}`);
        expect(text).to.include(estimate.priceDate);
        expect(text).to.include("web-group");
        expect(text).to.include("Not priced (1): mystery");
        expect(text).to.include("natDataGb=100");
    });

    it("warns when the estimate exceeds the budget, and reads the stack's own budget", () => {
        expect(budgetCheck(estimate, 100)).to.match(/exceeds the budget of \$100\.00/);
        expect(budgetCheck(estimate, 10000)).to.equal(undefined);
        const withBudget = result([resource("aws:budgets/budget:Budget", "budget", { limitAmount: "5000", limitUnit: "USD" })]);
        expect(budgetFromResult(withBudget)).to.equal(5000);
        expect(budgetFromResult(fixture())).to.equal(undefined);
    });

    it("takes usage from the stack config, validated there: known names, numbers >= 0", () => {
        const base = { cloud: "aws", tier: "development", region: "us-east-1", services: [{ name: "web", image: "web:1", port: 3000 }] };
        expect(parseConfig({ ...base, usage: { natDataGb: 250, loadBalancerLcu: "2" } }).usage).to.deep.equal({ natDataGb: 250, loadBalancerLcu: 2 });
        expect(parseConfig({ ...base, usage: '{"logIngestGb": 40}' }).usage).to.deep.equal({ logIngestGb: 40 });
        expect(parseConfig(base).usage).to.deep.equal({});
        expect(() => parseConfig({ ...base, usage: { natGb: 1 } })).to.throw(/platform:usage.natGb/);
        expect(() => parseConfig({ ...base, usage: { natDataGb: -1 } })).to.throw(/platform:usage.natDataGb: -1 is not a non-negative amount/);
        expect(() => parseConfig({ ...base, usage: [1] })).to.throw(/platform:usage: \[1\] is not an object/);
    });
});
