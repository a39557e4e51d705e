import { expect } from "chai";
import { CREATE_TIMES, CreateTimeTable, createMinutes, estimateDeploy, formatDeploy } from "../../tools/insights/deploy";
import { resource, result, urn } from "./fixtures";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const RDS = "aws:rds/instance:Instance";
const LOGS = "aws:cloudwatch/logGroup:LogGroup";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

// Minutes chosen for the fixture, so the arithmetic below is independent of the shipped table.
const TIMES: CreateTimeTable = {
    componentMinutes: 0,
    defaultCase: { range: [1, 1], minutes: 1, evidence: "?", source: "fixture default" },
    types: {
        [VPC]: [{ range: [0.5, 0.5], minutes: 0.5, evidence: "?", source: "fixture" }],
        [SUBNET]: [{ range: [0.5, 0.5], minutes: 0.5, evidence: "?", source: "fixture" }],
        [RDS]: [
            { when: { replicateSourceDb: "present" }, range: [15, 15], minutes: 15, evidence: "?", source: "fixture" },
            { when: { multiAz: true }, range: [18, 18], minutes: 18, evidence: "?", source: "fixture" },
            { range: [8, 8], minutes: 8, evidence: "?", source: "fixture" },
        ],
        [LOGS]: [{ range: [0.2, 0.2], minutes: 0.2, evidence: "?", source: "fixture" }],
        [TEMPLATE]: [{ range: [0.1, 0.1], minutes: 0.1, evidence: "?", source: "fixture" }],
        [ALARM]: [{ range: [0.1, 0.1], minutes: 0.1, evidence: "?", source: "fixture" }],
    },
};

/**
 * vpc -> subnet -> primary (Multi-AZ) -> replica; logs -> alarm; the template depends on the
 * Database component (so on everything in it); a child of a component does not wait for it.
 */
function graph() {
    const database = resource("platform:index:Database", "db");
    return result([
        resource(VPC, "vpc"),
        resource(SUBNET, "subnet", {}, [urn(VPC, "vpc")]),
        database,
        resource(RDS, "primary", { multiAz: true }, [urn(SUBNET, "subnet")], { parent: database.urn }),
        resource(RDS, "replica", { replicateSourceDb: "primary-id" }, [urn(RDS, "primary")], { parent: database.urn }),
        resource(LOGS, "logs", {}, [], { parent: database.urn }),
        resource(ALARM, "alarm", {}, [urn(LOGS, "logs")]),
        resource(TEMPLATE, "template", {}, [database.urn]),
        resource("aws:sns/topic:Topic", "untimed-topic", {}, [urn(ALARM, "alarm")]),
    ]);
}

describe("insights: deploy time", () => {
    it("follows the longest chain of create times (worked out by hand)", () => {
        // vpc 0-0.5, subnet 0.5-1, primary 1-19, replica 19-34, template waits for the whole
        // Database component (primary, replica, logs): 34-34.1. logs 0-0.2, alarm 0.2-0.3, topic 0.3-1.3.
        const estimate = estimateDeploy(graph(), { times: TIMES });
        expect(estimate.estimatedMinutes).to.be.closeTo(34.1, 1e-9);
        expect(estimate.criticalPath).to.deep.equal([urn(VPC, "vpc"), urn(SUBNET, "subnet"), urn(RDS, "primary"), urn(RDS, "replica"), urn(TEMPLATE, "template")]);
        expect(estimate.slowestResource).to.equal(urn(RDS, "primary"));
        expect(estimate.slowestMinutes).to.equal(18);
        expect(estimate.steps.map((s) => s.finishesAt)).to.deep.equal([0.5, 1, 19, 34, 34.1]);
        expect(estimate.untimedTypes).to.deep.equal(["aws:sns/topic:Topic"]);
    });

    it("never makes a child wait for its parent component", () => {
        // The primary's parent is the Database component; if parents counted as dependencies the
        // primary would wait for its own replica (a cycle) or for the template.
        const estimate = estimateDeploy(graph(), { times: TIMES });
        const primary = estimate.steps.find((s) => s.urn === urn(RDS, "primary"))!;
        expect(primary.startsAt).to.equal(1);
    });

    it("answers what-if questions by ignoring chosen dependencies", () => {
        const estimate = estimateDeploy(graph(), { times: TIMES, ignoreDependency: (from) => from.type === TEMPLATE });
        // Without the template's wait the replica ends last: 34 minutes.
        expect(estimate.estimatedMinutes).to.equal(34);
        expect(estimate.criticalPath[estimate.criticalPath.length - 1]).to.equal(urn(RDS, "replica"));
    });

    it("picks the attribute-dependent case of the shipped table (Multi-AZ, single-AZ, replica)", () => {
        const rds = (inputs: Record<string, unknown>) => createMinutes(resource(RDS, "db", inputs)).minutes;
        expect(rds({ multiAz: true })).to.be.within(15, 20);
        expect(rds({ multiAz: false })).to.be.within(5, 10);
        expect(rds({ replicateSourceDb: "x", multiAz: false })).to.be.within(10, 20);
        const cache = (multiAzEnabled: boolean) => createMinutes(resource("aws:elasticache/replicationGroup:ReplicationGroup", "c", { multiAzEnabled })).minutes;
        expect(cache(true)).to.be.greaterThan(cache(false));
        expect(createMinutes(resource("platform:index:Network", "n")).minutes).to.equal(0);
    });

    it("gives every case of the shipped table a range that holds its minutes, and a source", () => {
        for (const [type, cases] of Object.entries(CREATE_TIMES.types)) {
            for (const entry of cases) {
                expect(entry.minutes, type).to.be.within(entry.range[0], entry.range[1]);
                expect(entry.source, type).to.be.a("string").and.not.equal("");
                expect(["src", "mem", "?"], type).to.include(entry.evidence);
            }
        }
    });

    it("prints the estimate, the slowest resource and the critical path", () => {
        const text = formatDeploy(estimateDeploy(graph(), { times: TIMES }));
        expect(text).to.include("34.1 min");
        expect(text).to.include("slowest single resource: primary (18 min)");
        expect(text).to.match(/primary\s+aws:rds\/instance:Instance/);
        expect(text).to.include("No create time for: aws:sns/topic:Topic");
    });
});
