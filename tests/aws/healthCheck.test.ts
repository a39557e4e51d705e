// The public health check of a stack with a domain must not page the on-call on the first
// deploy: it is created only after what it probes exists and serves, and its alarm treats the
// silence before Route 53's first report as no verdict, while a failing check still alarms.
import { expect } from "chai";
import { SynthResult } from "../../tools/synth";
import { buildStackFile, inputs, ofType, one } from "../helpers/stacks";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const GROUP = "aws:autoscaling/group:Group";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Every URN `urn` waits for, directly or through what it waits for. */
function waitsFor(result: SynthResult, urn: string, seen = new Set<string>()): Set<string> {
    for (const dependency of result.resources.find((r) => r.urn === urn)?.dependsOn ?? []) {
        if (!seen.has(dependency)) {
            seen.add(dependency);
            waitsFor(result, dependency, seen);
        }
    }
    return seen;
}

describe("AWS health check: created after the site serves (Pulumi.prod.yaml, domain heypeter-academy.com)", () => {
    let prod: SynthResult;
    before(async () => {
        prod = await buildStackFile("prod");
    });

    it("waits for the apex and api. alias records, the HTTPS listener and the web Auto Scaling group", () => {
        const check = one(prod, HEALTH_CHECK);
        const dependencies = new Set(check.dependsOn);
        const apex = ofType(prod, "aws:route53/record:Record").find((r) => inputs(r).name === "heypeter-academy.com");
        const api = ofType(prod, "aws:route53/record:Record").find((r) => inputs(r).name === "api.heypeter-academy.com");
        expect(dependencies.has(apex!.urn), "apex record").to.equal(true);
        expect(dependencies.has(api!.urn), "api. record").to.equal(true);
        expect(dependencies.has(one(prod, "aws:lb/listener:Listener", "-app-https").urn), "HTTPS listener").to.equal(true);
        expect(dependencies.has(one(prod, GROUP, "-app-web-group").urn), "web group").to.equal(true);
        // The listener itself waits for the validated certificate, so the check never meets a TLS error.
        expect(waitsFor(prod, check.urn).has(one(prod, "aws:acm/certificateValidation:CertificateValidation").urn)).to.equal(true);
    });

    it("and nothing it waits for waits for it", () => {
        const check = one(prod, HEALTH_CHECK);
        for (const urn of check.dependsOn) {
            expect(waitsFor(prod, urn).has(check.urn), urn).to.equal(false);
        }
    });

    it("the web group's creation lasts until the load balancer finds an instance healthy", () => {
        const web = inputs(one(prod, GROUP, "-app-web-group"));
        expect(web.minElbCapacity).to.equal(1);
        expect(web.targetGroupArns).to.have.length(1);
    });

    it("the document's check: HTTPS on the domain, /api/health, every 30 s, 3 failures", () => {
        const check = inputs(one(prod, HEALTH_CHECK));
        expect([check.type, check.fqdn, check.port, check.resourcePath, check.requestInterval, check.failureThreshold]).to.deep.equal([
            "HTTPS",
            "heypeter-academy.com",
            443,
            "/api/health",
            30,
            3,
        ]);
    });

    it("the alarm fires when the check reports failure (status below 1 for one minute)", () => {
        const alarm = inputs(one(prod, ALARM, "-obs-health-check"));
        expect(alarm.dimensions).to.deep.equal({ HealthCheckId: `${one(prod, HEALTH_CHECK).name}-id` });
        expect([alarm.namespace, alarm.metricName, alarm.statistic]).to.deep.equal(["AWS/Route53", "HealthCheckStatus", "Minimum"]);
        expect([alarm.comparisonOperator, alarm.threshold, alarm.period, alarm.evaluationPeriods, alarm.datapointsToAlarm]).to.deep.equal([
            "LessThanThreshold",
            1,
            60,
            1,
            1,
        ]);
        expect(alarm.actionsEnabled).to.equal(true);
        expect(alarm.alarmActions).to.have.length(1);
        expect(alarm.alarmActions[0]).to.match(/^arn:aws:sns:us-east-1:/);
    });

    it("and stays quiet before the first report: missing data is no verdict, not a breach", () => {
        const alarm = inputs(one(prod, ALARM, "-obs-health-check"));
        // "breaching" pages as soon as the alarm exists; "notBreaching" and "ignore" would hide a
        // check that stopped reporting.
        expect(alarm.treatMissingData).to.equal("missing");
        // A new alarm starts in INSUFFICIENT_DATA, which is no transition; a check that goes
        // silent after reporting moves OK -> INSUFFICIENT_DATA, which notifies the same topic.
        expect(alarm.insufficientDataActions).to.deep.equal(alarm.alarmActions);
    });
});

describe("AWS health check: none without a domain", () => {
    it("the ideation and dev stacks have no domain, so no health check, no alarm on it and no public records", async () => {
        for (const stack of ["ideation", "dev"]) {
            const result = await buildStackFile(stack);
            expect(ofType(result, HEALTH_CHECK), stack).to.have.length(0);
            expect(ofType(result, ALARM).filter((r) => r.name.endsWith("-obs-health-check")), stack).to.have.length(0);
            expect(ofType(result, "aws:route53/record:Record"), stack).to.have.length(0);
            expect(inputs(one(result, "aws:lb/listener:Listener", "-app-https")).certificateArn).to.match(/^arn:aws:acm:/);
        }
    });
});
