// The GCP app fleet as planned: hardened instance templates, autohealing and autoscaling at the
// documents' numbers, the public edge (TLS 1.2+, HTTP redirect, Cloud Armor) and least-privilege
// service accounts, checked on the recorded inputs of whole stacks.
import { expect } from "chai";
import { fleetProblems } from "../../providers/gcp/names";
import { boundedName } from "../../providers/gcp/loadBalancer";
import { AppFleetSpec } from "../../tiers/types";
import { serviceAccountId } from "../../providers/gcp/instanceRole";
import { StackConfig, SynthResult } from "../../tools/synth";
import { build, Inputs, inputs, ofType, one, tierConfig } from "../helpers/stacks";

const GCP = { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" };

function gcpStack(tier: string, extra: StackConfig = {}): Promise<SynthResult> {
    // Stack names of at most 20 characters: longer ones are refused for GCP (names.ts).
    return build(`g-${tier}`, tierConfig(tier, { ...GCP, ...extra }));
}

const TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate";
const GROUP = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";
const AUTOSCALER = "gcp:compute/regionAutoscaler:RegionAutoscaler";

function templateOf(result: SynthResult, service: string): Inputs {
    return inputs(one(result, TEMPLATE, `-${service}-template`));
}

function autoscalerOf(result: SynthResult, service: string): Inputs {
    return inputs(one(result, AUTOSCALER, `-${service}-autoscaler`)).autoscalingPolicy;
}

/** The public records the fleet writes in the domain's zone (the data tier keeps private ones of its own). */
function fleetRecords(result: SynthResult) {
    return ofType(result, "gcp:dns/recordSet:RecordSet").filter((record) => (record.parent ?? "").includes("AppFleet"));
}

describe("GCP app fleet", () => {
    it("instance templates: Shielded VM, no external address, OS Login, no project SSH keys, a disk under the fleet's key", async () => {
        const result = await gcpStack("production-medium");
        for (const service of ["web", "worker"]) {
            const template = templateOf(result, service);
            expect(template.shieldedInstanceConfig).to.deep.equal({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
            expect(template.networkInterfaces).to.have.length(1);
            expect(template.networkInterfaces[0].accessConfigs ?? []).to.deep.equal([]);
            expect(template.canIpForward).to.equal(false);
            expect(template.metadata["enable-oslogin"]).to.equal("TRUE");
            expect(template.metadata["block-project-ssh-keys"]).to.equal("TRUE");
            expect(template.metadata["serial-port-enable"]).to.equal("FALSE");
            expect(template.disks[0].diskEncryptionKey.kmsKeySelfLink).to.contain("platform-g-production-medium-app-app-key");
            expect(template.tags).to.deep.equal(["platform-g-production-medium-app"]);
            expect(template.labels).to.include({ "managed-by": "pulumi", tier: "production-medium" });
        }
    });

    it("a dedicated service account per service, with the cloud-platform scope and IAM doing the limiting", async () => {
        const result = await gcpStack("production-medium");
        // The services' accounts; the credentials job has its own, and so do production's logical backup exporter and its scheduler.
        const accounts = ofType(result, "gcp:serviceaccount/account:Account")
            .filter((account) => account.name.includes("-app-") && !account.name.includes("-app-credentials-"))
            .map((account) => inputs(account).accountId);
        expect(accounts).to.have.members(["platform-g-production-medium-web", "platform-g-production-medium-worker"].map((id) => serviceAccountId("platform-g-production-medium", id.split("-").pop()!)));
        for (const service of ["web", "worker"]) {
            const account = templateOf(result, service).serviceAccount;
            expect(account.email).to.equal(`${serviceAccountId("platform-g-production-medium", service)}@mock-project.iam.gserviceaccount.com`);
            expect(account.scopes).to.deep.equal(["cloud-platform"]);
        }
    });

    it("refuses declared calls, which the GCP fleet does not route yet, naming the service and what to change", () => {
        const spec = { services: [{ name: "web", calls: ["pricing"] }, { name: "pricing", calls: [] }] } as unknown as AppFleetSpec;
        expect(fleetProblems(spec)).to.deep.equal(['platform:services: "web" declares calls (pricing); service-to-service paths are not available on gcp yet: remove calls']);
    });

    it("service account ids fit 6 to 30 characters, and long ones stay distinct", () => {
        expect(serviceAccountId("platform-prod", "web")).to.equal("platform-prod-web");
        const long = ["api", "api-v2"].map((service) => serviceAccountId("platform-a-very-long-stack-name", service));
        expect(long[0]).to.not.equal(long[1]);
        for (const id of [...long, serviceAccountId("p", "w")]) {
            expect(id).to.match(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
        }
        expect(boundedName("x".repeat(70))).to.have.length(63);
    });

    it("with a long stack name every name the fleet derives, or the provider generates, stays within Compute Engine's 63", async () => {
        const stack = "review-apps-long-nam";
        const result = await build(stack, tierConfig("production-medium", { ...GCP, services: [{ name: "customer-portal-web", image: "ghcr.io/acme/web:1", port: 3000 }, { name: "background-worker", kind: "worker", image: "ghcr.io/acme/web:1" }] }));
        const compute = result.resources.filter((resource) => resource.type.startsWith("gcp:compute/") && (resource.parent ?? "").includes("AppFleet"));
        expect(compute.length).to.be.greaterThan(10);
        for (const resource of compute) {
            const name = inputs(resource).name ?? inputs(resource).namePrefix;
            // The provider appends "-" and 7 characters to a generated name; a prefix gets a timestamp.
            const longest = name ? (inputs(resource).namePrefix ? name.length + 26 : name.length) : resource.name.length + 8;
            expect(longest, resource.name).to.be.at.most(63);
        }
        for (const account of ofType(result, "gcp:serviceaccount/account:Account")) {
            expect(inputs(account).accountId).to.match(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
        }
    });

    it("grants each account only its own resources: no primitive role, no project-wide secret or storage role", async () => {
        const result = await gcpStack("production-medium");
        const projectRoles = ofType(result, "gcp:projects/iAMMember:IAMMember").filter((grant) => grant.name.includes("-app-")).map((grant) => inputs(grant).role);
        for (const role of projectRoles) {
            // Writing spans: tracing is on by default.
            expect(role).to.be.oneOf(["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/cloudtrace.agent", "projects/acme-platform/roles/platform_g_production_medium_subscription_creator"]);
        }
        // The fleet's one custom role (production's logical backup exporter has its own).
        const custom = inputs(one(result, "gcp:projects/iAMCustomRole:IAMCustomRole", "-app-subscription-creator"));
        expect(custom.permissions).to.deep.equal(["pubsub.subscriptions.create"]);
        const bucketGrants = ofType(result, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((grant) => grant.name.includes("-app-") && !grant.name.includes("-app-credentials-"));
        expect(bucketGrants.map((grant) => inputs(grant).role)).to.deep.equal(["roles/storage.objectUser", "roles/storage.objectUser"]);
        const secretGrants = ofType(result, "gcp:secretmanager/secretIamMember:SecretIamMember").filter((grant) => grant.name.includes("-app-web-"));
        expect(secretGrants.length).to.be.greaterThan(1);
        expect(secretGrants.every((grant) => inputs(grant).role === "roles/secretmanager.secretAccessor")).to.equal(true);
        // Only the worker consumes its subscription.
        const consumers = ofType(result, "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember").map((grant) => inputs(grant).member);
        expect(consumers.filter((member: string) => member.includes("-web@"))).to.deep.equal([]);
    });

    it("autohealing on the liveness path after the seed's 300 s; the load balancer checks the ready path", async () => {
        const result = await gcpStack("production-medium");
        const group = inputs(one(result, GROUP, "-web-group"));
        expect(group.autoHealingPolicies.initialDelaySec).to.equal(300);
        expect(inputs(one(result, "gcp:compute/healthCheck:HealthCheck", "-web-live-check")).httpHealthCheck).to.deep.equal({ port: 3000, requestPath: "/api/health" });
        expect(inputs(one(result, "gcp:compute/healthCheck:HealthCheck", "-web-ready-check")).httpHealthCheck).to.deep.equal({ port: 3000, requestPath: "/api/ready" });
        expect(group.namedPorts).to.deep.equal([{ name: "http", port: 3000 }]);
        expect(group.distributionPolicyZones).to.deep.equal(["us-central1-a", "us-central1-b", "us-central1-c"]);
        // Workers too: their host answers for the container.
        expect(inputs(one(result, GROUP, "-worker-group")).autoHealingPolicies.initialDelaySec).to.equal(300);
        expect(inputs(one(result, "gcp:compute/healthCheck:HealthCheck", "-worker-live-check")).httpHealthCheck).to.deep.equal({ port: 9099, requestPath: "/" });
        const probes = inputs(one(result, "gcp:compute/firewall:Firewall", "-app-health-checks"));
        expect(probes.sourceRanges).to.deep.equal(["35.191.0.0/16", "130.211.0.0/22"]);
        expect(probes.allows).to.deep.equal([{ protocol: "tcp", ports: ["3000", "9099"] }]);
        expect(probes.targetTags).to.deep.equal(["platform-g-production-medium-app"]);
    });

    it("rolls a new template out new-before-old, one instance per zone, and waits for the group to be updated", async () => {
        const group = inputs(one(await gcpStack("production-medium"), GROUP, "-web-group"));
        expect(group.updatePolicy).to.deep.include({ type: "PROACTIVE", minimalAction: "REPLACE", replacementMethod: "SUBSTITUTE", maxSurgeFixed: 3, maxUnavailableFixed: 0 });
        expect(group.versions[0].instanceTemplate).to.contain("?uniqueId=");
        expect(group.waitForInstances).to.equal(true);
        expect(group.waitForInstancesStatus).to.equal("UPDATED");
    });

    for (const [tier, min, max] of [["production-medium", 3, 10], ["production-large", 5, 10], ["development", 1, 2]] as const) {
        it(`${tier}: web autoscaled between ${min} and ${max} instances at 70 % CPU`, async () => {
            const policy = autoscalerOf(await gcpStack(tier), "web");
            expect(policy.minReplicas).to.equal(min);
            expect(policy.maxReplicas).to.equal(max);
            expect(policy.cpuUtilization.target).to.equal(0.7);
            expect(policy.cooldownPeriod).to.equal(300);
        });
    }

    it("workers scale on their subscription's backlog: a worker more per 100 undelivered messages, one fewer per 10 minutes", async () => {
        const result = await gcpStack("production-medium");
        const policy = autoscalerOf(result, "worker");
        expect(policy.cpuUtilization).to.equal(undefined);
        expect(policy.metrics).to.have.length(1);
        expect(policy.metrics[0].name).to.equal("pubsub.googleapis.com/subscription/num_undelivered_messages");
        expect(policy.metrics[0].singleInstanceAssignment).to.equal(100);
        expect(policy.metrics[0].filter).to.equal('resource.type = pubsub_subscription AND resource.labels.subscription_id = "platform-g-production-medium-worker"');
        expect(policy.scaleInControl).to.deep.equal({ maxScaledInReplicas: { fixed: 1 }, timeWindowSec: 600 });
        const subscription = inputs(one(result, "gcp:pubsub/subscription:Subscription", "-worker-subscription"));
        expect(subscription.name).to.equal("platform-g-production-medium-worker");
        expect(subscription.expirationPolicy).to.deep.equal({ ttl: "" });
        expect(subscription.deadLetterPolicy.maxDeliveryAttempts).to.equal(5);
        const topic = inputs(one(result, "gcp:pubsub/topic:Topic", "-worker-topic"));
        expect(topic.kmsKeyName).to.contain("platform-g-production-medium-app-app-key");
        expect(topic.messageStoragePolicy.allowedPersistenceRegions).to.deep.equal(["us-central1"]);
    });

    it("the step rule (out above 70 % for 5 min, in below 30 % for 10) keeps its target and its slow, one-at-a-time scale-in", async () => {
        const cpuScaling = { scaleOutPercent: 70, scaleOutMinutes: 5, scaleInPercent: 30, scaleInMinutes: 10 };
        const result = await gcpStack("staging", { services: [{ name: "api", image: "ghcr.io/example/api:1", port: 8000, healthPath: "/health", readyPath: "/ready", cpuScaling }] });
        const policy = autoscalerOf(result, "api");
        expect(policy.cpuUtilization.target).to.equal(0.7);
        expect(policy.stabilizationPeriod).to.equal(600);
        expect(policy.scaleInControl).to.deep.equal({ maxScaledInReplicas: { fixed: 1 }, timeWindowSec: 600 });
    });

    it("HTTPS with TLS 1.2+ (RESTRICTED), and port 80 only redirects to HTTPS", async () => {
        const result = await gcpStack("production-medium");
        expect(inputs(one(result, "gcp:compute/sSLPolicy:SSLPolicy"))).to.deep.include({ minTlsVersion: "TLS_1_2", profile: "RESTRICTED" });
        const proxy = inputs(one(result, "gcp:compute/targetHttpsProxy:TargetHttpsProxy"));
        expect(proxy.sslPolicy).to.contain("platform-g-production-medium-app-tls-policy");
        const redirect = inputs(one(result, "gcp:compute/uRLMap:URLMap", "-http-redirect"));
        expect(redirect.defaultUrlRedirect).to.deep.include({ httpsRedirect: true, stripQuery: false });
        expect(redirect.defaultService).to.equal(undefined);
        const rules = ofType(result, "gcp:compute/globalForwardingRule:GlobalForwardingRule").map(inputs);
        expect(rules.map((rule) => rule.portRange).sort()).to.deep.equal(["443", "80"]);
        expect(rules.every((rule) => rule.loadBalancingScheme === "EXTERNAL_MANAGED")).to.equal(true);
        const certificate = inputs(one(result, "gcp:compute/managedSslCertificate:ManagedSslCertificate"));
        expect(certificate.managed.domains).to.deep.equal(["acme-lms.com", "api.acme-lms.com"]);
    });

    it("without a domain: a self-signed certificate for the address, no DNS records", async () => {
        const result = await gcpStack("development", { domain: undefined });
        expect(ofType(result, "gcp:compute/managedSslCertificate:ManagedSslCertificate")).to.have.length(0);
        expect(ofType(result, "gcp:compute/sSLCertificate:SSLCertificate")).to.have.length(1);
        expect(fleetRecords(result)).to.have.length(0);
    });

    it("with a domain: the site, api., db. and cache. records in the domain's zone", async () => {
        const records = fleetRecords(await gcpStack("production-medium")).map(inputs);
        expect(records.map((record) => record.name).sort()).to.deep.equal(["acme-lms.com.", "api.acme-lms.com.", "cache.acme-lms.com.", "db.acme-lms.com."]);
        expect(records.every((record) => record.managedZone === "acme-lms-com")).to.equal(true);
        expect(records.find((record) => record.name === "api.acme-lms.com.")!.rrdatas).to.deep.equal(["203.0.113.20"]);
    });

    it("Cloud Armor: 2,000 requests per IP per 300 s, SQL injection and XSS denied, logged backends behind it", async () => {
        const result = await gcpStack("production-medium");
        const policy = inputs(one(result, "gcp:compute/securityPolicy:SecurityPolicy"));
        const rate = policy.rules.find((rule: Inputs) => rule.action === "rate_based_ban");
        expect(rate.rateLimitOptions.rateLimitThreshold).to.deep.equal({ count: 2000, intervalSec: 300 });
        expect(rate.rateLimitOptions.enforceOnKey).to.equal("IP");
        const expressions = policy.rules.map((rule: Inputs) => rule.match.expr?.expression).filter(Boolean);
        expect(expressions).to.include("evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})");
        expect(expressions).to.include("evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})");
        expect(policy.rules.find((rule: Inputs) => rule.priority === 2147483647).action).to.equal("allow");
        expect(policy.labels).to.include({ "managed-by": "pulumi" });
        const backend = inputs(one(result, "gcp:compute/backendService:BackendService"));
        expect(backend.securityPolicy).to.match(/securityPolicies\/platform-g-production-medium-app-waf$/);
        expect(backend.logConfig).to.deep.equal({ enable: true, sampleRate: 1 });
        expect(backend.loadBalancingScheme).to.equal("EXTERNAL_MANAGED");
        expect(backend.connectionDrainingTimeoutSec).to.equal(30);
    });

    it("no Cloud Armor where the tier has no WAF; no load balancer without a public service", async () => {
        const development = await gcpStack("development");
        expect(ofType(development, "gcp:compute/securityPolicy:SecurityPolicy")).to.have.length(0);
        expect(inputs(one(development, "gcp:compute/backendService:BackendService")).securityPolicy).to.equal(undefined);
        const privateOnly = await gcpStack("staging", { services: [{ name: "web", image: "ghcr.io/acme/web:1", port: 3000, public: false }] });
        expect(ofType(privateOnly, "gcp:compute/globalForwardingRule:GlobalForwardingRule")).to.have.length(0);
        expect(ofType(privateOnly, GROUP)).to.have.length(1);
    });

    it("groups boot only once the platform can serve them: grants, NAT and the fleet's key first", async () => {
        const result = await gcpStack("production-medium");
        const group = one(result, GROUP, "-web-group");
        const dependencies = group.dependsOn.join(" ");
        expect(dependencies).to.contain("web-objects");
        expect(dependencies).to.contain("app-key-user-0");
        expect(dependencies).to.match(/network-nat/);
    });
});
