// The idea-management document's metrics and tracing on GCP: 15 s scrapes of node_exporter on
// 9100 and of each service's /metrics into Managed Service for Prometheus, its three dashboards,
// spans to Cloud Trace over OTLP 4317/4318. Every expected number is written here from the
// document, never read from the tier code.
import { expect } from "chai";
import { instanceCollectorConfig, opsAgentConfig } from "../../providers/gcp/opsAgent";
import { gkeCollectorPipelines, podMonitoringManifest } from "../../providers/gcp/clusterTelemetry";
import { dashboardsUrl, GMP_RETENTION_MONTHS, prometheusQueryUrl } from "../../providers/gcp/telemetry";
import { buildTelemetryDashboard, dashboardQueries, TelemetryDashboardInput } from "../../providers/gcp/telemetryDashboards";
import { estimateCost } from "../../tools/insights/cost";
import { SynthResult } from "../../tools/synth";
import { build, cloudTierConfig, inputs, ofType, one } from "../helpers/stacks";

const DASHBOARD = "gcp:monitoring/dashboard:Dashboard";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
const DOCUMENT = { scrape: "15s", nodeExporterPort: 9100, path: "/metrics", otlpGrpc: 4317, otlpHttp: 4318, dashboards: ["system-health", "api-performance", "database-performance"] };

const TELEMETRY = {
    platform: "p",
    project: "acme",
    service: "web",
    port: 3000,
    metrics: { enabled: true, scrapeIntervalSeconds: 15, nodeExporterPort: 9100, metricsPath: "/metrics" },
    tracing: { enabled: true, otlpGrpcPort: 4317, otlpHttpPort: 4318 },
};

describe("GCP telemetry: the instance collectors", () => {
    it("scrapes node_exporter on 9100 and the service's /metrics every 15 s, labelled with the platform and service", () => {
        const config = opsAgentConfig(TELEMETRY) as { metrics: { receivers: { prometheus: { type: string; config: { scrape_configs: Record<string, unknown>[] } } }; service: unknown } };
        const jobs = config.metrics.receivers.prometheus.config.scrape_configs;
        expect(config.metrics.receivers.prometheus.type).to.equal("prometheus");
        expect(jobs.map((job) => job.job_name)).to.deep.equal(["node", "app"]);
        for (const job of jobs) {
            expect(job.scrape_interval).to.equal(DOCUMENT.scrape);
            expect(job.metrics_path).to.equal(DOCUMENT.path);
        }
        expect(jobs[0].static_configs).to.deep.equal([{ targets: [`localhost:${DOCUMENT.nodeExporterPort}`], labels: { platform: "p", service: "web" } }]);
        expect(jobs[1].static_configs).to.deep.equal([{ targets: ["localhost:3000"], labels: { platform: "p", service: "web" } }]);
        expect(config.metrics.service).to.deep.equal({ pipelines: { prometheus: { receivers: ["prometheus"] } } });
    });

    it("scrapes only node_exporter on a worker, which serves no port", () => {
        const config = JSON.stringify(opsAgentConfig({ ...TELEMETRY, service: "worker", port: undefined }));
        expect(config).to.include("localhost:9100");
        expect(config).to.not.include('"app"');
    });

    it("takes OTLP on loopback 4317 and 4318 only and exports spans to Cloud Trace", () => {
        const config = instanceCollectorConfig(TELEMETRY) as { receivers: { otlp: { protocols: Record<string, { endpoint: string }> } }; exporters: Record<string, unknown>; service: { pipelines: Record<string, { exporters: string[] }> } };
        expect(config.receivers.otlp.protocols.grpc.endpoint).to.equal(`127.0.0.1:${DOCUMENT.otlpGrpc}`);
        expect(config.receivers.otlp.protocols.http.endpoint).to.equal(`127.0.0.1:${DOCUMENT.otlpHttp}`);
        expect(config.exporters).to.deep.equal({ googlecloud: { project: "acme" } });
        expect(Object.keys(config.service.pipelines)).to.deep.equal(["traces"]);
    });
});

describe("GCP telemetry: dashboards", () => {
    const input: TelemetryDashboardInput = { platform: "p", project: "acme", labels: {}, urlMapPattern: "p-.*url-map.*", sqlInstance: "p-db", cacheId: "p-redis", cacheClusterMode: false, traceSampleRatio: 0.1 };

    it("builds the document's three dashboards under their names, every chart a PromQL query", () => {
        for (const name of DOCUMENT.dashboards) {
            const dashboard = buildTelemetryDashboard(input, name as "system-health");
            expect(dashboard.displayName).to.equal(`p-${name}`);
            expect(dashboard.labels.dashboard).to.equal(name);
            expect(dashboardQueries(dashboard).length).to.be.at.least(4);
        }
    });

    it("reads node_exporter's series of the platform for system health, and Cloud SQL's own for its hosts", () => {
        const queries = dashboardQueries(buildTelemetryDashboard(input, "system-health")).join("\n");
        expect(queries).to.include('node_cpu_seconds_total{platform="p",job="node",mode="idle"}');
        expect(queries).to.include("node_memory_MemAvailable_bytes");
        expect(queries).to.include('cloudsql_googleapis_com:database_cpu_utilization{monitored_resource="cloudsql_database",database_id=~"acme:p-db(-replica-[0-9]+)?"}');
    });

    it("reads GKE's container and node metrics on a cluster", () => {
        const queries = dashboardQueries(buildTelemetryDashboard({ ...input, cluster: { name: "p-gke", namespace: "p" } }, "system-health")).join("\n");
        expect(queries).to.include('kubernetes_io:container_cpu_limit_utilization{monitored_resource="k8s_container",cluster_name="p-gke",namespace_name="p"}');
        expect(queries).to.not.include("node_cpu_seconds_total");
    });

    it("charts p95 latency, 5xx and transactions from the load balancer and Cloud SQL", () => {
        const api = dashboardQueries(buildTelemetryDashboard(input, "api-performance")).join("\n");
        expect(api).to.include("histogram_quantile(0.95, sum by (le) (rate(loadbalancing_googleapis_com:https_total_latencies_bucket");
        expect(api).to.include('response_code_class="500"');
        const db = dashboardQueries(buildTelemetryDashboard(input, "database-performance")).join("\n");
        expect(db).to.include("cloudsql_googleapis_com:database_postgresql_num_backends");
        expect(db).to.include("cloudsql_googleapis_com:database_postgresql_transaction_count");
    });

    it("states Managed Service for Prometheus' fixed 24-month retention and its query API", () => {
        expect(GMP_RETENTION_MONTHS).to.equal(24);
        expect(prometheusQueryUrl("acme")).to.equal("https://monitoring.googleapis.com/v1/projects/acme/location/global/prometheus");
        expect(dashboardsUrl("acme")).to.equal("https://console.cloud.google.com/monitoring/dashboards?project=acme");
    });
});

describe("GCP telemetry: GKE manifests", () => {
    it("scrapes a web service's named port /metrics every 15 s and labels the series with the service", () => {
        const manifest = podMonitoringManifest("p", "p", { name: "web" }, { scrapeIntervalSeconds: 15, metricsPath: "/metrics" }, {});
        expect(manifest.apiVersion).to.equal("monitoring.googleapis.com/v1");
        expect(manifest.spec.endpoints).to.deep.equal([{ port: "http", path: DOCUMENT.path, interval: DOCUMENT.scrape }]);
        expect(manifest.spec.selector).to.deep.equal({ matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "p" } });
    });

    it("sends the collector's spans to Cloud Trace in the platform's project", () => {
        const pipelines = gkeCollectorPipelines("acme");
        expect(pipelines.exporters).to.deep.equal({ googlecloud: { project: "acme" } });
        expect(pipelines.pipelines.traces.exporters).to.deep.equal(["googlecloud"]);
    });
});

describe("GCP telemetry: plans", function () {
    let vm: SynthResult;
    let gke: SynthResult;
    this.timeout(600_000);
    before(async () => {
        vm = await build("tel-gcp-vm", cloudTierConfig("gcp", "production-medium"));
        gke = await build("tel-gcp-gke", cloudTierConfig("gcp", "staging", { runtime: "kubernetes", tracing: { sampleRatio: 0.5 } }));
    });

    it("creates the three dashboards and enables the Cloud Trace API on instances and on GKE", () => {
        for (const result of [vm, gke]) {
            const names = ofType(result, DASHBOARD)
                .map((d) => JSON.parse(inputs(d).dashboardJson).displayName)
                .filter((name: string) => /-(system-health|api-performance|database-performance)$/.test(name));
            expect(names.map((name: string) => name.replace(/^.*?-(system-health|api-performance|database-performance)$/, "$1")).sort()).to.deep.equal([...DOCUMENT.dashboards].sort());
            expect(ofType(result, "gcp:projects/service:Service").map((s) => inputs(s).service)).to.include("cloudtrace.googleapis.com");
        }
    });

    it("grants each instance account the log, metric and trace writer roles on the project, besides its queue subscriptions", () => {
        const roles = ofType(vm, PROJECT_MEMBER)
            .filter((r) => r.name.includes("-app-web-"))
            .map((r) => inputs(r).role)
            .filter((role: string) => !role.endsWith("_subscription_creator"))
            .sort();
        expect(roles).to.deep.equal(["roles/cloudtrace.agent", "roles/logging.logWriter", "roles/monitoring.metricWriter"]);
    });

    it("installs node_exporter on loopback 9100 and the collector on every instance", () => {
        const template = ofType(vm, "gcp:compute/instanceTemplate:InstanceTemplate").find((t) => t.name.includes("-web-"))!;
        const script = inputs(template).metadata["startup-script"] as string;
        expect(script).to.include("apt-get install -y prometheus-node-exporter");
        expect(script).to.include('ARGS="--web.listen-address=127.0.0.1:9100"');
        expect(script).to.include('"scrape_interval": "15s"');
        expect(script).to.include("systemctl restart google-cloud-ops-agent");
        expect(script).to.include("docker run -d --name otel-collector --network host");
    });

    it("prices the samples at 15 s from the fleet's minimum and the spans at production's 10 % sampling", () => {
        const items = estimateCost(vm).items;
        const samples = items.find((item) => item.urn.endsWith("telemetry-system-health"))!;
        // production-medium at its minimum: 3 web instances (600 node series + 150 /metrics each) and 3 workers (600 each).
        const series = 3 * (600 + 150) + 3 * 600;
        expect(samples.basis).to.include(`${series} active series`);
        expect(samples.monthly).to.be.closeTo(((series * (730 * 3600)) / 15 / 1e6) * 0.06, 0.01);
        const spans = items.find((item) => item.urn.endsWith("telemetry-api-cloudtrace"))!;
        expect(spans.basis).to.include("x 10% sampled");
    });

    it("on GKE: one PodMonitoring per web service, the collector as its own trace writer, the services' endpoint the cluster's collector", () => {
        const monitors = ofType(gke, "kubernetes:monitoring.googleapis.com/v1:PodMonitoring");
        expect(monitors).to.have.length(1);
        expect(inputs(monitors[0]).spec.endpoints[0].interval).to.equal(DOCUMENT.scrape);
        const release = inputs(one(gke, "kubernetes:helm.sh/v3:Release", "otel-collector"));
        expect(release.namespace).to.equal("otel-collector");
        expect(release.values.config.exporters.googlecloud.project).to.equal("acme-platform");
        expect(Object.keys(release.values.serviceAccount.annotations)).to.deep.equal(["iam.gke.io/gcp-service-account"]);
        const collectorRoles = ofType(gke, PROJECT_MEMBER).filter((r) => r.name.includes("otel-collector")).map((r) => inputs(r).role);
        expect(collectorRoles).to.deep.equal(["roles/cloudtrace.agent"]);
        // The services' own accounts do not write spans on a cluster.
        expect(ofType(gke, PROJECT_MEMBER).filter((r) => r.name.includes("-app-web-")).map((r) => inputs(r).role)).to.not.include("roles/cloudtrace.agent");
        const binding = inputs(one(gke, "gcp:serviceaccount/iAMMember:IAMMember", "otel-collector-workload-identity"));
        expect(binding.member).to.equal("serviceAccount:acme-platform.svc.id.goog[otel-collector/otel-collector]");
        const environments = JSON.stringify(ofType(gke, "kubernetes:external-secrets.io/v1:ExternalSecret").map(inputs));
        expect(environments).to.include(`"OTEL_EXPORTER_OTLP_ENDPOINT":"http://otel-collector.otel-collector.svc:${DOCUMENT.otlpHttp}"`);
        expect(environments).to.include('"OTEL_TRACES_SAMPLER_ARG":"0.5"');
        const egress = ofType(gke, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.name.endsWith("egress-telemetry"));
        expect(JSON.stringify(inputs(egress!).spec)).to.include(String(DOCUMENT.otlpHttp));
    });
});
