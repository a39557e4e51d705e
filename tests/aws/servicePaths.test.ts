// The app tier takes each service port from the public load balancer only; a service reaches
// another only along a path the stack declares with `calls`, through an internal HTTPS load
// balancer, and nothing else opens.
import { expect } from "chai";
import { PlannedResource } from "../../policies/lib/evaluate";
import { TierName } from "../../policies/lib/tiers";
import { calledServices, internalServiceUrl, internalZoneName, serviceCalls } from "../../providers/aws/internalLoadBalancer";
import { podResources } from "../../tiers/kubernetes";
import { ServiceSpec } from "../../tiers/types";
import { planJson } from "../../tools/plan";
import { evaluatePolicies } from "../../tools/policy";
import { SynthResult } from "../../tools/synth";
import { build, buildStackFile, inputs, Inputs, ofType, one, tierConfig } from "../helpers/stacks";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";

const WEB = { name: "web", image: "ghcr.io/acme/web:1.0.0", port: 3000, healthPath: "/api/health", readyPath: "/api/ready" };
const API = { name: "api", image: "ghcr.io/acme/api:1.0.0", port: 8000, public: false, readyPath: "/ready" };
const BILLING = { name: "billing", image: "ghcr.io/acme/billing:1.0.0", port: 9000 };
const WORKER = { name: "worker", kind: "worker", image: "ghcr.io/acme/web:1.0.0" };

/** web -> api, worker -> api, worker -> billing; billing is public, api is not. */
function callingServices(): unknown[] {
    return [
        { ...WEB, calls: ["api"] },
        API,
        BILLING,
        { ...WORKER, calls: ["api", "billing"] },
    ];
}

function groupId(result: SynthResult, role: string): string {
    return `${one(result, "aws:ec2/securityGroup:SecurityGroup", `-${role}-sg`).name}-id`;
}

type Rule = { direction: "in" | "out"; group: string; peer: string; port: number };

/** Group-to-group rules as "<group> in|out <port> <peer>", named by the groups' roles. */
function groupRules(result: SynthResult): string[] {
    const prefix = `${result.project}-${result.stack}-`;
    const roleOf = (id: string) => id.slice(prefix.length).replace(/^(network|app)-/, "").replace(/-sg-id$/, "");
    const rules: Rule[] = [
        ...ofType(result, INGRESS).map((r) => ({ direction: "in" as const, ...ruleOf(inputs(r)) })),
        ...ofType(result, EGRESS).map((r) => ({ direction: "out" as const, ...ruleOf(inputs(r)) })),
    ].filter((rule) => rule.peer !== undefined);
    return rules.map((rule) => `${roleOf(rule.group)} ${rule.direction} ${rule.port} ${roleOf(rule.peer)}`).sort();
}

function ruleOf(rule: Inputs): { group: string; peer: string; port: number } {
    expect(rule.fromPort, rule.description).to.equal(rule.toPort);
    return { group: rule.securityGroupId, peer: rule.referencedSecurityGroupId, port: rule.fromPort };
}

const serviceSpec = (name: string, kind: "web" | "worker", calls: string[] = [], port?: number): ServiceSpec => ({
    name,
    kind,
    image: "i",
    port: kind === "web" ? (port ?? 8000) : undefined,
    healthPath: "/health",
    readyPath: "/ready",
    public: kind === "web",
    minReplicas: 1,
    maxReplicas: 2,
    shape: { vcpus: 2, memoryGb: 4 },
    pod: podResources({ vcpus: 2, memoryGb: 4 }),
    rootVolumeGb: 30,
    calls,
    capacity: { spot: false, onDemandBase: 0, architecture: "x86_64" },
});

describe("AWS service paths: pure helpers", () => {
    it("lists each declared path once and the called services in service order", () => {
        const services = [serviceSpec("web", "web", ["billing", "api", "api"]), serviceSpec("api", "web"), serviceSpec("billing", "web"), serviceSpec("jobs", "worker", ["api"])];
        expect(serviceCalls(services).map((call) => `${call.caller.name}->${call.callee.name}`)).to.deep.equal(["web->billing", "web->api", "jobs->api"]);
        expect(calledServices(services).map((service) => service.name)).to.deep.equal(["api", "billing"]);
    });

    it("never makes a path to a worker, to itself or to an unknown name", () => {
        const services = [serviceSpec("web", "web", ["web", "jobs", "nope"]), serviceSpec("jobs", "worker")];
        expect(serviceCalls(services)).to.deep.equal([]);
    });

    it("names the private zone after the platform as a valid DNS name, and each URL after its service", () => {
        expect(internalZoneName("platform-prod")).to.equal("platform-prod.internal");
        expect(internalZoneName("platform-My_Stack")).to.equal("platform-my-stack.internal");
        expect(internalServiceUrl("api", "platform-prod.internal")).to.equal("https://api.platform-prod.internal");
    });
});

describe("AWS service paths: no calls declared", () => {
    let plain: SynthResult;
    before(async () => {
        plain = await build("paths-none", tierConfig("production-medium", { services: [WEB, API, WORKER] }));
    });

    it("no rule lets an app instance reach another: the app group takes each service port from the public load balancer only", () => {
        const rules = groupRules(plain);
        expect(rules.filter((rule) => / (in|out) \d+ app$/.test(rule) && rule.startsWith("app "))).to.deep.equal([]);
        const appIngress = ofType(plain, INGRESS).map(inputs).filter((rule) => rule.securityGroupId === groupId(plain, "network-app"));
        // web (3000) is public: reached from the public load balancer only; api (8000) is private:
        // nothing reaches it until a service declares a call.
        expect(appIngress.filter((rule) => rule.fromPort === 3000).map((rule) => rule.referencedSecurityGroupId)).to.deep.equal([groupId(plain, "network-lb")]);
        expect(appIngress.filter((rule) => rule.fromPort === 8000)).to.deep.equal([]);
        // Every group-to-group rule is one of the tiers' own (and the credentials function's, which
        // creates the application's database role and tests the Redis token; production-medium's
        // RDS Proxy, which the app reaches and which reaches the database; the daily logical dump,
        // which reads the database), none between services.
        expect(rules).to.deep.equal(
            [
                "app in 3000 lb",
                "app out 5432 db",
                "app out 5432 db-pool",
                "app out 6379 cache",
                "backups-dump out 5432 db",
                "cache in 6379 app",
                "cache in 6379 credentials",
                "credentials out 5432 db",
                "credentials out 6379 cache",
                "db in 5432 app",
                "db in 5432 backups-dump",
                "db in 5432 credentials",
                "db in 5432 db-pool",
                "db-pool in 5432 app",
                "db-pool out 5432 db",
                "lb out 3000 app",
            ].sort(),
        );
    });

    it("each service still has a group of its own next to the shared app group, with no rule on it", () => {
        for (const service of ["web", "api", "worker"]) {
            const template = inputs(one(plain, "aws:ec2/launchTemplate:LaunchTemplate", `-app-${service}-template`));
            expect(template.networkInterfaces[0].securityGroups, service).to.deep.equal([groupId(plain, "network-app"), groupId(plain, `app-${service}`)]);
        }
        expect(groupRules(plain).filter((rule) => /\b(web|api|worker)\b/.test(rule))).to.deep.equal([]);
    });

    it("builds no internal load balancer, private zone or internal certificate", () => {
        expect(ofType(plain, LB).map((lb) => inputs(lb).internal)).to.deep.equal([false]);
        expect(ofType(plain, "aws:route53/zone:Zone")).to.have.length(0);
        expect(plain.resources.filter((r) => r.name.includes("-internal-"))).to.deep.equal([]);
    });
});

describe("AWS service paths: web -> api, worker -> api and billing", () => {
    let calling: SynthResult;
    before(async () => {
        calling = await build("paths", tierConfig("production-medium", { services: callingServices() }));
    });

    it("opens exactly the declared paths: callers to the internal load balancer on 443, and it to each callee's port", () => {
        const serviceRules = groupRules(calling).filter((rule) => /\b(web|api|billing|worker|internal-lb)\b/.test(rule));
        expect(serviceRules).to.deep.equal(
            [
                "internal-lb in 443 web",
                "internal-lb in 443 worker",
                "web out 443 internal-lb",
                "worker out 443 internal-lb",
                "internal-lb out 8000 api",
                "internal-lb out 9000 billing",
                "api in 8000 internal-lb",
                "billing in 9000 internal-lb",
            ].sort(),
        );
        // Still nothing from the app tier to itself, and no CIDR rule on any of the new groups.
        expect(groupRules(calling).filter((rule) => rule.startsWith("app ") && rule.endsWith(" app"))).to.deep.equal([]);
        const newGroups = ["app-web", "app-api", "app-billing", "app-worker", "app-internal-lb"].map((role) => groupId(calling, role));
        const cidrRules = [...ofType(calling, INGRESS), ...ofType(calling, EGRESS)].map(inputs).filter((rule) => newGroups.includes(rule.securityGroupId) && !rule.referencedSecurityGroupId);
        expect(cidrRules).to.deep.equal([]);
    });

    it("the internal load balancer is internal, in the app subnets, logged and hardened like the public one", () => {
        const internal = inputs(one(calling, LB, "-app-internal-lb"));
        expect(internal.internal).to.equal(true);
        expect(internal.loadBalancerType).to.equal("application");
        expect(internal.securityGroups).to.deep.equal([groupId(calling, "app-internal-lb")]);
        expect([...internal.subnets].sort()).to.deep.equal(ofType(calling, "aws:ec2/subnet:Subnet").filter((s) => /-network-app-\d$/.test(s.name)).map((s) => `${s.name}-id`).sort());
        expect([internal.dropInvalidHeaderFields, internal.desyncMitigationMode, internal.enableDeletionProtection]).to.deep.equal([true, "defensive", true]);
        expect(internal.accessLogs).to.include({ enabled: true, prefix: "alb" });
    });

    it("listens on HTTPS 443 only, with the public listener's TLS 1.2+ policy and the imported internal certificate", () => {
        const internalLb = one(calling, LB, "-app-internal-lb");
        const listeners = ofType(calling, LISTENER).filter((l) => l.dependsOn.includes(internalLb.urn)).map(inputs);
        expect(listeners.map((l) => [l.port, l.protocol])).to.deep.equal([[443, "HTTPS"]]);
        expect(listeners[0].sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-2-2021-06");
        expect(listeners[0].sslPolicy).to.equal(inputs(one(calling, LISTENER, "-app-https")).sslPolicy);
        expect(listeners[0].certificateArn).to.match(/certificate\/platform-paths-app-internal-certificate$/);
        // A name that is no called service gets nothing.
        expect(listeners[0].defaultActions[0]).to.include({ type: "fixed-response" });
        expect(listeners[0].defaultActions[0].fixedResponse.statusCode).to.equal("404");
    });

    it("routes each called service by host name on the private zone to its own target group on its port", () => {
        const zone = inputs(one(calling, "aws:route53/zone:Zone"));
        expect(zone.name).to.equal("platform-paths.internal");
        expect(zone.vpcs).to.deep.equal([{ vpcId: `${one(calling, "aws:ec2/vpc:Vpc").name}-id` }]);
        for (const [service, port] of [["api", 8000], ["billing", 9000]] as const) {
            const rule = inputs(one(calling, "aws:lb/listenerRule:ListenerRule", `-internal-${service}-route`));
            expect(rule.conditions).to.deep.equal([{ hostHeader: { values: [`${service}.platform-paths.internal`] } }]);
            const group = inputs(one(calling, "aws:lb/targetGroup:TargetGroup", `-internal-${service}-tg`));
            expect(rule.actions).to.deep.equal([{ type: "forward", targetGroupArn: `arn:aws:lb:us-east-1:123456789012:targetgroup/${group.name}` }]);
            expect([group.port, group.protocol]).to.deep.equal([port, "HTTP"]);
            const record = inputs(one(calling, "aws:route53/record:Record", `-internal-${service}-record`));
            expect([record.name, record.type, record.aliases[0].name]).to.deep.equal([`${service}.platform-paths.internal`, "A", "platform-paths-app-internal-lb-1234567890.us-east-1.elb.amazonaws.com"]);
        }
        expect(ofType(calling, "aws:lb/listenerRule:ListenerRule").filter((r) => r.name.includes("-internal-")).map((r) => r.name)).to.have.length(2);
    });

    it("the certificate covers *.<zone>, is signed by a private CA and imported into ACM with that CA as its chain", () => {
        expect(inputs(one(calling, "tls:index/certRequest:CertRequest")).dnsNames).to.deep.equal(["*.platform-paths.internal"]);
        const ca = inputs(one(calling, "tls:index/selfSignedCert:SelfSignedCert", "-internal-ca"));
        expect(ca.isCaCertificate).to.equal(true);
        expect(ca.allowedUses).to.include("cert_signing");
        const leaf = inputs(one(calling, "tls:index/locallySignedCert:LocallySignedCert"));
        expect(leaf.allowedUses).to.include("server_auth");
        expect(leaf.validityPeriodHours).to.be.below(ca.validityPeriodHours);
        const imported = inputs(one(calling, "aws:acm/certificate:Certificate", "-internal-certificate"));
        expect([imported.privateKey, imported.certificateBody, imported.certificateChain]).to.deep.equal(["[secret]", "-----BEGIN CERTIFICATE-----mock", "-----BEGIN CERTIFICATE-----mock"]);
    });

    it("callees join their internal target group; a callee that is also public stays in both", () => {
        const arns = (service: string) => inputs(one(calling, "aws:autoscaling/group:Group", `-app-${service}-group`)).targetGroupArns as string[];
        expect(arns("api")).to.deep.equal(["arn:aws:lb:us-east-1:123456789012:targetgroup/platform-paths-app-api-i8000"]);
        expect([...arns("billing")].sort()).to.deep.equal(
            ["arn:aws:lb:us-east-1:123456789012:targetgroup/platform-paths-app-billing-9000", "arn:aws:lb:us-east-1:123456789012:targetgroup/platform-paths-app-billing-i9000"].sort(),
        );
        expect(inputs(one(calling, "aws:autoscaling/group:Group", "-app-api-group")).healthCheckType).to.equal("ELB");
        expect(arns("worker")).to.deep.equal([]);
    });
});

describe("AWS service paths: the policy pack stays green", function () {
    this.timeout(300000);

    for (const tier of ["development", "production-large"] as TierName[]) {
        it(`${tier} with declared paths: no violation on the new resources, no mandatory one at all`, async () => {
            const result = await build(`paths-${tier}`, tierConfig(tier, { services: callingServices() }));
            const violations = await evaluatePolicies(planJson(result).resources as PlannedResource[], { tier });
            expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} ${v.name}: ${v.message}`)).to.deep.equal([]);
            const onNew = violations.filter((v) => v.name.includes("-internal-") || /-app-(web|api|billing|worker)-sg$/.test(v.name));
            expect(onNew.map((v) => `${v.policy} ${v.name}: ${v.message}`)).to.deep.equal([]);
        });
    }
});

describe("AWS service paths: the shipped stacks declare none", () => {
    it("prod, dev and ideation keep the app tier closed between services", async () => {
        for (const stack of ["prod", "dev", "ideation"]) {
            const result = await buildStackFile(stack);
            expect(groupRules(result).filter((rule) => rule.startsWith("app ") && rule.endsWith(" app")), stack).to.deep.equal([]);
            expect(ofType(result, LB).filter((lb) => inputs(lb).internal === true), stack).to.have.length(0);
        }
    });
});
