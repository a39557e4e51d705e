// The existing-cluster adapter's manifests and values as plain objects, without the engine:
// the documents' numbers stated here, and every object validated against the Kubernetes API
// schemas (kubernetes-models) or its operator's CRD schema.

import { expect } from "chai";
import { execFileSync } from "child_process";
import { join } from "path";
import { parseConfig } from "../../config/load";
import { APPLICATION_CONTRACT } from "../../providers/contract";
import { alertRules, prometheusRuleManifest } from "../../providers/kubernetes/alertRules";
import { dashboards } from "../../providers/kubernetes/dashboards";
import { contractVariables, ContractValues, pyQuote, REDIS_CA_FILE } from "../../providers/kubernetes/environment";
import { POSTGRES_CA_FILE } from "../../providers/contract";
import { clusterIssuerManifest, controllerReplicas, ingressNginxValues, nginxIngressAnnotations } from "../../providers/kubernetes/ingress";
import { validateNames } from "../../providers/kubernetes/names";
import { dataPolicyManifests } from "../../providers/kubernetes/network";
import { alertmanagerConfig, ingressMonitorManifest, kubePrometheusStackValues, podMonitorManifest, ruleScope, servicesMonitorManifest } from "../../providers/kubernetes/observability";
import { resolvePlatformSpec } from "../../tiers";
import { PlatformSpec } from "../../tiers/types";
import { WEB_SERVICE, WORKER_SERVICE } from "../helpers/stacks";

/** The schema libraries are ES modules: loaded once, before the tests. */
type Model = new (data: never) => { validate(): void };
const models: Record<"ClusterIssuer" | "PodMonitor" | "PrometheusRule" | "ServiceMonitor" | "NetworkPolicy", Model> = {} as never;
before(async () => {
    const [certManager, prometheus, networking] = await Promise.all([
        import("@kubernetes-models/cert-manager/cert-manager.io/v1"),
        import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1"),
        import("kubernetes-models/networking.k8s.io/v1"),
    ]);
    Object.assign(models, {
        ClusterIssuer: certManager.ClusterIssuer,
        PodMonitor: prometheus.PodMonitor,
        PrometheusRule: prometheus.PrometheusRule,
        ServiceMonitor: prometheus.ServiceMonitor,
        NetworkPolicy: networking.NetworkPolicy,
    });
});

function spec(tier: string, stack = "k-dev", extra: Record<string, unknown> = {}): PlatformSpec {
    return resolvePlatformSpec(parseConfig({ cloud: "kubernetes", tier, services: [WEB_SERVICE, WORKER_SERVICE], ...extra }), "platform", stack);
}

const dev = spec("development");
const large = spec("production-large", "k-large", { alertEmail: "ops@example.com", domain: "acme-lms.com" });
const LABELS = { "app.kubernetes.io/part-of": "platform-k-dev" };
/** An object as the API server would read it: Outputs are already plain values here. */
const plain = <T>(value: T): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe("kubernetes platform: names the cluster accepts", () => {
    it("accepts the usual stack names", () => {
        expect(validateNames(dev)).to.deep.equal([]);
    });

    it("names the stack and the 63-character limit of a namespace, and the 53 of a Helm release", () => {
        const long = spec("development", "s".repeat(50));
        const problems = validateNames(long);
        expect(problems.join("\n")).to.include(`platform-${"s".repeat(50)}`);
        expect(problems.some((p) => p.includes("at most 63"))).to.equal(true);
        expect(problems.some((p) => p.includes("at most 53"))).to.equal(true);
    });

    it("refuses a platform name that is not a DNS label", () => {
        const upper = { ...dev, name: "platform-Dev" };
        expect(validateNames(upper).join()).to.include('"platform-Dev"').and.include("DNS label");
    });
});

describe("kubernetes platform: the data namespace's policies", () => {
    const policies = dataPolicyManifests("platform-k-dev");

    it("deny everything by default, then admit the app namespace on 5432, 6379 and the S3 port only", () => {
        expect(policies.map((p) => p.role)).to.deep.equal(["data-default-deny", "data-same-namespace", "data-dns", "data-api-server", "data-from-app", "data-from-monitoring"]);
        const deny = policies[0].spec;
        expect(deny).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        const fromApp = plain(policies.find((p) => p.role === "data-from-app")!.spec) as { ingress: { from: unknown[]; ports: { port: number }[] }[] };
        expect(fromApp.ingress[0].from).to.deep.equal([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "platform-k-dev" } } }]);
        expect(fromApp.ingress[0].ports.map((p) => p.port)).to.deep.equal([5432, 6379, 9000]);
    });

    it("pass the NetworkPolicy schema", () => {
        for (const { role, spec: body } of policies) {
            new models.NetworkPolicy({ metadata: { name: role, namespace: "platform-k-dev-data" }, spec: plain(body) } as never).validate();
        }
    });
});

describe("kubernetes platform: ingress-nginx and the certificate issuer", () => {
    it("serves TLS 1.2 and 1.3 only, with HSTS and HTTP redirected to HTTPS", () => {
        const config = (ingressNginxValues(dev.appFleet, "nginx") as { controller: { config: Record<string, string> } }).controller.config;
        expect(config["ssl-protocols"]).to.equal("TLSv1.2 TLSv1.3");
        expect(config.hsts).to.equal("true");
        expect(config["ssl-redirect"]).to.equal("true");
    });

    it("runs one controller in development and 2 from staging up", () => {
        expect(controllerReplicas(dev.appFleet)).to.equal(1);
        expect(controllerReplicas(spec("staging").appFleet)).to.equal(2);
        expect(controllerReplicas(large.appFleet)).to.equal(2);
    });

    it("limits each client address to the documents' 2,000 requests per 5 minutes where the tier has a WAF, shared by the 2 replicas", () => {
        const annotations = nginxIngressAnnotations(large.appFleet);
        // 2000 / 5 min = 400 per minute, 200 on each of the 2 replicas.
        expect(annotations["nginx.ingress.kubernetes.io/limit-rpm"]).to.equal("200");
        expect(annotations["nginx.ingress.kubernetes.io/limit-burst-multiplier"]).to.equal("1");
        expect(nginxIngressAnnotations(dev.appFleet)).to.not.have.property("nginx.ingress.kubernetes.io/limit-rpm");
    });

    it("issues from the platform CA without a domain and from Let's Encrypt (http-01 through the class) with one", () => {
        const local = clusterIssuerManifest("platform-k-dev-issuer", LABELS, dev.appFleet, "nginx", undefined, "platform-k-dev-ca");
        expect(local.spec).to.deep.equal({ ca: { secretName: "platform-k-dev-ca" } });
        const acme = clusterIssuerManifest("platform-k-large-issuer", LABELS, large.appFleet, "nginx", "ops@example.com", "platform-k-large-ca");
        expect(acme.spec).to.deep.equal({
            acme: {
                server: "https://acme-v02.api.letsencrypt.org/directory",
                email: "ops@example.com",
                privateKeySecretRef: { name: "platform-k-large-issuer-account" },
                solvers: [{ http01: { ingress: { ingressClassName: "nginx" } } }],
            },
        });
        new models.ClusterIssuer(local as never).validate();
        new models.ClusterIssuer(acme as never).validate();
    });
});

describe("kubernetes platform: the contract environment", () => {
    const values: ContractValues = {
        database: { host: "platform-k-dev-db-rw.platform-k-dev-data.svc", port: 5432, name: "app", user: "app_blue", password: "p@ss/w:rd%?&=#+ é" },
        cache: { host: "platform-k-dev-cache.platform-k-dev-data.svc", port: 6379, password: "r3d!s/pw", cluster: false },
        storage: { endpoint: "https://platform-k-dev-storage.platform-k-dev-data.svc", bucket: "platform-k-dev", region: "us-east-1", accessKey: "AK", secretKey: "SK" },
        jwtSecret: "jwt",
        apiKey: "key",
        serviceUrls: {},
    };
    const [web, worker] = dev.appFleet.services;

    it("percent-encodes credentials as Python's quote does and verifies the server against the platform CA", () => {
        expect(pyQuote("p@ss/w:rd%?&=#+ é")).to.equal("p%40ss%2Fw%3Ard%25%3F%26%3D%23%2B%20%C3%A9");
        const env = contractVariables(web, dev.appFleet.services, values);
        expect(env.DATABASE_URL).to.equal(
            "postgresql://app_blue:p%40ss%2Fw%3Ard%25%3F%26%3D%23%2B%20%C3%A9@platform-k-dev-db-rw.platform-k-dev-data.svc:5432/app?sslmode=verify-full&sslrootcert=/etc/platform/certs/postgres-ca.pem",
        );
        expect(env.REDIS_URL).to.equal("rediss://:r3d%21s%2Fpw@platform-k-dev-cache.platform-k-dev-data.svc:6379/0?ssl_ca_certs=/etc/platform/certs/redis-ca.pem");
        expect(env.PGSSLMODE).to.equal("verify-full");
    });

    it("renders the database and cache variables exactly as platform-env.py renders them on a VM", () => {
        // compose() from the VM's script, on the same credentials, read from stand-in secrets.
        const code = [
            "import importlib.util, json, sys",
            "spec = importlib.util.spec_from_file_location('platform_env', sys.argv[1])",
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)",
            "secrets = json.loads(sys.argv[2])",
            "print(json.dumps(module.compose(json.loads(sys.argv[3]), lambda ref: secrets[ref])))",
        ].join("\n");
        const { database: db, cache } = values;
        const secrets = {
            db: JSON.stringify({ username: db.user, password: db.password, host: db.host, port: db.port, dbname: db.name }),
            cache: JSON.stringify({ host: cache.host, port: cache.port, password: cache.password, tls: true, cluster: false }),
            jwt: values.jwtSecret,
            key: values.apiKey,
        };
        const config = { database: { secret: "db", rootCert: POSTGRES_CA_FILE }, cache: { secret: "cache", rootCert: REDIS_CA_FILE }, secrets: { JWT_SECRET: "jwt", API_KEY: "key" }, plain: {} };
        const script = join(__dirname, "..", "..", "providers", "vm", "platform-env.py");
        const vm = JSON.parse(execFileSync("python3", ["-c", code, script, JSON.stringify(secrets), JSON.stringify(config)], { encoding: "utf8" })) as Record<string, string>;
        const pod = contractVariables(web, dev.appFleet.services, values);
        expect(Object.keys(vm).length).to.be.greaterThan(10);
        for (const [name, value] of Object.entries(vm)) {
            expect(pod[name], name).to.equal(value);
        }
    });

    it("gives every service every variable the contract says is always there, and the workers' queues", () => {
        const always = APPLICATION_CONTRACT.filter((v) => v.presence === "always").map((v) => v.name);
        for (const service of [web, worker]) {
            expect(Object.keys(contractVariables(service, dev.appFleet.services, values))).to.include.members(always);
        }
        const env = contractVariables(worker, dev.appFleet.services, values);
        expect(env.CELERY_BROKER_URL).to.equal(`${env.REDIS_URL}&ssl_cert_reqs=required`);
        expect(env.CELERY_TASK_DEFAULT_QUEUE).to.equal("worker");
        expect(env.CELERY_QUEUES).to.equal("worker");
        expect(contractVariables(web, dev.appFleet.services, values).PORT).to.equal("3000");
    });
});

describe("kubernetes platform: Prometheus, alerts and dashboards", () => {
    const scope = ruleScope("platform-k-dev");
    const rules = alertRules(dev.observability.alarms, scope);
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));

    it("scrapes and evaluates every 15 s and keeps 15 days on 50 GB, as the documents say", () => {
        const values = kubePrometheusStackValues(dev, dev.observability) as { prometheus: { prometheusSpec: Record<string, unknown> } };
        const prometheus = values.prometheus.prometheusSpec;
        expect(prometheus.scrapeInterval).to.equal("15s");
        expect(prometheus.evaluationInterval).to.equal("15s");
        expect(prometheus.retention).to.equal("15d");
        expect(JSON.stringify(prometheus.storageSpec)).to.include('"storage":"50Gi"');
    });

    it("runs 2 Prometheus and 2 Grafana instances in production (HA) and 1 in development", () => {
        const replicas = (s: PlatformSpec) => {
            const values = kubePrometheusStackValues(s, s.observability) as { prometheus: { prometheusSpec: { replicas: number } }; grafana: { replicas: number } };
            return [values.prometheus.prometheusSpec.replicas, values.grafana.replicas];
        };
        expect(replicas(large)).to.deep.equal([2, 2]);
        expect(replicas(dev)).to.deep.equal([1, 1]);
    });

    it("alerts at the documents' thresholds: CPU 70 % and memory 80 % for 5 minutes, 5xx 1 %, p95 500 ms, connections 90 % for 2 minutes, Redis memory 85 %", () => {
        expect(byName.ServiceCpuHigh.expr).to.match(/> 0\.7$/);
        expect(byName.ServiceCpuHigh.for).to.equal("5m");
        expect(byName.ServiceMemoryHigh.expr).to.match(/> 0\.8$/);
        expect(byName.ServiceMemoryHigh.for).to.equal("5m");
        expect(byName.ServiceErrorRateHigh.expr).to.match(/> 0\.01$/);
        expect(byName.ServiceLatencyHigh.expr).to.match(/> 0\.5$/);
        expect(byName.DatabaseConnectionsHigh.expr).to.match(/> 0\.9$/);
        expect(byName.DatabaseConnectionsHigh.for).to.equal("2m");
        expect(byName.CacheMemoryHigh.expr).to.match(/> 0\.85$/);
        expect(byName.CacheMemoryHigh.for).to.equal("5m");
        expect(Object.keys(byName)).to.include.members(["PodNotReady", "VolumeFilling", "DatabaseBackupFailing"]);
    });

    it("takes a stack's own thresholds", () => {
        const strict = alertRules({ ...dev.observability.alarms, errorRatePercent: 5 }, scope);
        expect(strict.find((r) => r.alert === "ServiceErrorRateHigh")!.expr).to.match(/> 0\.05$/);
    });

    it("routes alerts to alertEmail through the relay, and nowhere without one", () => {
        const routed = alertmanagerConfig(large, large.observability) as { route: { receiver: string }; receivers: { name: string; email_configs?: { to: string }[] }[] };
        expect(routed.route.receiver).to.equal("email");
        expect(routed.receivers.find((r) => r.name === "email")!.email_configs![0].to).to.equal("ops@example.com");
        expect((alertmanagerConfig(dev, {}) as { route: { receiver: string } }).route.receiver).to.equal("none");
    });

    it("the rule and monitors pass the prometheus-operator schemas, and a wrong type fails them", () => {
        new models.PrometheusRule(prometheusRuleManifest("platform-alerts", scope.monitoringNamespace, LABELS, rules) as never).validate();
        new models.ServiceMonitor(servicesMonitorManifest("platform-k-dev", LABELS) as never).validate();
        new models.ServiceMonitor(ingressMonitorManifest("platform-k-dev", LABELS, "platform-k-dev-ingress") as never).validate();
        new models.PodMonitor(podMonitorManifest("platform-k-dev", "database-monitor", LABELS, { namespace: "platform-k-dev-data", podSelector: { "cnpg.io/cluster": "db" }, port: "metrics" }) as never).validate();
        const broken = servicesMonitorManifest("platform-k-dev", LABELS);
        // The operator's schema leaves unknown fields open, so the check that can fail is the type: a number where a duration string goes.
        (broken.spec.endpoints as Record<string, unknown>[])[0].interval = 15;
        expect(() => new models.ServiceMonitor(broken as never).validate()).to.throw();
    });

    it("has the document's three dashboards: system health, API performance, database performance", () => {
        const boards = dashboards("platform-k-dev", scope);
        expect(Object.keys(boards)).to.deep.equal(["system-health", "api-performance", "database-performance"]);
        for (const board of Object.values(boards)) {
            const panels = board.panels as { targets: { expr: string }[] }[];
            expect(panels.length).to.be.greaterThan(2);
            panels.forEach((panel) => expect(panel.targets[0].expr).to.be.a("string").and.not.equal(""));
        }
    });
});
