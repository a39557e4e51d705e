// The whole platform on an existing cluster under the mock engine: a development stack and a
// production-large one. What the network, app fleet and observability components register,
// with the documents' numbers stated here, every object checked against the Kubernetes API or
// its operator's schema, the offline plan of the shipped dev stack moved to the cluster, and
// the pack's mandatory rules.

import { expect } from "chai";
import { PlannedResource } from "../../policies/lib/evaluate";
import { evaluatePolicies } from "../../tools/policy";
import { buildPlan, planJson } from "../../tools/plan";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { diagramDot } from "../../tools/insights/diagram";
import { RecordedResource, SynthResult } from "../../tools/synth";
import { build, inputs, ofType, one, WEB_SERVICE, WORKER_SERVICE } from "../helpers/stacks";

const DEV = { cloud: "kubernetes", tier: "development", services: [WEB_SERVICE, WORKER_SERVICE] };
const LARGE = { cloud: "kubernetes", tier: "production-large", alertEmail: "ops@example.com", domain: "acme-lms.com", services: [WEB_SERVICE, WORKER_SERVICE] };
const dev = () => build("k-dev", DEV);
const large = () => build("k-large", LARGE);

type Model = new (data: never) => { validate(): void };
/** Kind -> schema class, for the objects the components register (the libraries are ES modules). */
const MODELS: Record<string, Model> = {};
before(async () => {
    const [core, networking, certManager, prometheus, keda] = await Promise.all([
        import("kubernetes-models/v1"),
        import("kubernetes-models/networking.k8s.io/v1"),
        import("@kubernetes-models/cert-manager/cert-manager.io/v1"),
        import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1"),
        import("@kubernetes-models/keda/keda.sh/v1alpha1"),
    ]);
    Object.assign(MODELS, {
        "kubernetes:core/v1:Namespace": core.Namespace,
        "kubernetes:core/v1:Secret": core.Secret,
        "kubernetes:core/v1:ConfigMap": core.ConfigMap,
        "kubernetes:networking.k8s.io/v1:NetworkPolicy": networking.NetworkPolicy,
        "kubernetes:cert-manager.io/v1:ClusterIssuer": certManager.ClusterIssuer,
        "kubernetes:monitoring.coreos.com/v1:PrometheusRule": prometheus.PrometheusRule,
        "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": prometheus.ServiceMonitor,
        "kubernetes:monitoring.coreos.com/v1:PodMonitor": prometheus.PodMonitor,
        "kubernetes:keda.sh/v1alpha1:TriggerAuthentication": keda.TriggerAuthentication,
    });
});

const named = (result: SynthResult, type: string, name: string): RecordedResource => {
    const found = ofType(result, type).filter((r) => (inputs(r).metadata?.name ?? inputs(r).name) === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
};
const OURS = /-(network|app|obs)-/;

describe("kubernetes platform: a stack on an existing cluster", function () {
    this.timeout(300000);

    it("creates the app, data, ingress and monitoring namespaces, Pod Security enforced on each", async () => {
        const result = await dev();
        for (const name of ["platform-k-dev", "platform-k-dev-data", "platform-k-dev-ingress", "platform-k-dev-monitoring"]) {
            const labels = inputs(named(result, "kubernetes:core/v1:Namespace", name)).metadata.labels;
            expect(["baseline", "restricted"], name).to.include(labels["pod-security.kubernetes.io/enforce"]);
        }
        // The data namespace caps its objects and gives containers without requests defaults.
        expect(inputs(one(result, "kubernetes:core/v1:ResourceQuota", "-network-data-quota")).metadata.namespace).to.equal("platform-k-dev-data");
        expect(inputs(one(result, "kubernetes:core/v1:LimitRange", "-network-data-limits")).metadata.namespace).to.equal("platform-k-dev-data");
    });

    it("sizes the app namespace's quota by the LMS document for production-large: 100 CPU / 200Gi requested, 200 / 400Gi limits, 10 volumes", async () => {
        const quota = inputs(one(await large(), "kubernetes:core/v1:ResourceQuota", "-network-quota"));
        expect(quota.metadata.namespace).to.equal("platform-k-large");
        expect(quota.spec.hard).to.include({ "requests.cpu": "100", "requests.memory": "200Gi", "limits.cpu": "200", "limits.memory": "400Gi", persistentvolumeclaims: "10" });
    });

    it("pins every Helm release to a chart version and its repository", async () => {
        for (const result of [await dev(), await large()]) {
            const releases = ofType(result, "kubernetes:helm.sh/v3:Release");
            expect(releases.map((r) => inputs(r).chart)).to.include.members(["ingress-nginx", "cert-manager", "keda", "kube-prometheus-stack"]);
            for (const release of releases) {
                expect(inputs(release).version, release.name).to.match(/^v?\d+\.\d+\.\d+$/);
                expect(inputs(release).repositoryOpts.repo, release.name).to.match(/^https:\/\//);
            }
        }
    });

    it("signs data services with an ECDSA P-256 platform CA valid for 5 years", async () => {
        const result = await dev();
        expect(inputs(one(result, "tls:index/privateKey:PrivateKey", "-network-ca-key"))).to.include({ algorithm: "ECDSA", ecdsaCurve: "P256" });
        const ca = inputs(one(result, "tls:index/selfSignedCert:SelfSignedCert", "-network-ca"));
        expect(ca.isCaCertificate).to.equal(true);
        expect(ca.validityPeriodHours).to.equal(5 * 365 * 24);
        expect(ca.earlyRenewalHours).to.be.greaterThan(0);
    });

    it("keeps Prometheus at 15 s and 15 days on 50Gi, 2 instances in production-large, and the alert thresholds in the rule", async () => {
        const values = inputs(named(await large(), "kubernetes:helm.sh/v3:Release", "platform-k-large-monitoring")).values;
        expect(values.prometheus.prometheusSpec).to.include({ scrapeInterval: "15s", evaluationInterval: "15s", retention: "15d", replicas: 2 });
        expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).to.equal("50Gi");
        expect(values.grafana.replicas).to.equal(2);
        expect(values.grafana.admin.existingSecret).to.equal("platform-k-large-grafana-admin");
        const rules = inputs(one(await large(), "kubernetes:monitoring.coreos.com/v1:PrometheusRule")).spec.groups[0].rules as { alert: string; expr: string; for: string }[];
        const rule = (alert: string) => rules.find((r) => r.alert === alert)!;
        expect(rule("ServiceCpuHigh").expr).to.match(/> 0\.7$/);
        expect(rule("ServiceCpuHigh").for).to.equal("5m");
        expect(rule("DatabaseConnectionsHigh").for).to.equal("2m");
        expect(rule("CacheMemoryHigh").expr).to.match(/> 0\.85$/);
    });

    it("issues the Ingress certificate from Let's Encrypt with a domain and from the platform CA without one", async () => {
        expect(inputs(one(await large(), "kubernetes:cert-manager.io/v1:ClusterIssuer")).spec.acme.email).to.equal("ops@example.com");
        expect(inputs(one(await dev(), "kubernetes:cert-manager.io/v1:ClusterIssuer")).spec.ca.secretName).to.equal("platform-k-dev-ca");
        // The HTTP-01 solver behind the controller gets through the app namespace's default deny, only where a domain needs it.
        const solver = inputs(one(await large(), "kubernetes:networking.k8s.io/v1:NetworkPolicy", "-app-acme-solver"));
        expect(solver.spec.ingress[0].ports).to.deep.equal([{ protocol: "TCP", port: 8089 }]);
        expect(ofType(await dev(), "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((r) => r.name.endsWith("-acme-solver"))).to.have.length(0);
    });

    it("scales the worker on its Redis list through KEDA with TLS and AUTH from a Secret", async () => {
        const result = await dev();
        const auth = inputs(one(result, "kubernetes:keda.sh/v1alpha1:TriggerAuthentication"));
        expect(auth.spec.secretTargetRef.map((ref: { parameter: string }) => ref.parameter)).to.deep.equal(["password", "tls", "ca"]);
        const scaler = inputs(one(result, "kubernetes:keda.sh/v1alpha1:ScaledObject"));
        expect(scaler.spec.triggers[0].type).to.equal("redis");
        expect(scaler.spec.triggers[0].metadata).to.include({ listName: "worker", listLength: "100", activationListLength: "10" });
        expect(scaler.spec.triggers[0].authenticationRef.name).to.equal("redis-queue");
    });

    it("gives every service its contract Secret and mounts the platform CA as postgres-ca.pem and redis-ca.pem", async () => {
        const result = await dev();
        expect(ofType(result, "kubernetes:core/v1:Secret").map((r) => r.name)).to.include.members(["platform-k-dev-app-web-env", "platform-k-dev-app-worker-env"]);
        const bundle = inputs(one(result, "kubernetes:core/v1:ConfigMap", "-app-certificates"));
        expect(Object.keys(bundle.data)).to.include.members(["postgres-ca.pem", "redis-ca.pem"]);
    });

    it("every object of the network, app fleet and observability passes the Kubernetes or operator schema", async () => {
        for (const result of [await dev(), await large()]) {
            const checked = result.resources.filter((r) => MODELS[r.type] && OURS.test(r.name));
            expect(checked.length).to.be.greaterThan(15);
            for (const r of checked) {
                const body = inputs(r);
                // A whole map kept secret is recorded as one placeholder string: its keys are not known offline.
                if (typeof body.stringData === "string") {
                    continue;
                }
                const [apiVersion, kind] = [r.type.split(":")[1].replace(/^core\//, ""), r.type.split(":")[2]];
                expect(() => new MODELS[r.type]({ apiVersion, kind, ...body } as never).validate(), `${r.name}`).to.not.throw();
            }
        }
    });

    it("outputs the app namespace as the network, the stack's dashboards and alert target", async () => {
        const outputs = (await large()).outputs as Record<string, Record<string, unknown>>;
        expect(outputs.network.networkId).to.equal("platform-k-large");
        expect(outputs.observability.alertTarget).to.equal("ops@example.com");
        expect(outputs.observability.dashboards).to.deep.equal(["system-health", "api-performance", "database-performance"]);
    });

    it("plans the shipped dev stack moved to a cluster (`plan dev -c cloud=kubernetes`) with 0 mandatory violations, nothing unpriced, every type timed, and a diagram", async () => {
        const result = await buildPlan({ stack: "dev", overrides: ["cloud=kubernetes"], json: true, compare: [] });
        const plan = planJson(result);
        expect((plan.resources as PlannedResource[]).length).to.be.greaterThan(40);
        const violations = await evaluatePolicies(plan.resources as PlannedResource[], { tier: "development" });
        expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} ${v.name}`)).to.deep.equal([]);
        const cost = estimateCost(result);
        expect(cost.unpriced).to.deep.equal([]);
        expect(cost.notes.join(" ")).to.include("requests");
        expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
        expect(diagramDot(result)).to.include("namespace platform-dev-data");
    });
});
