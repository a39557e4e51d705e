// Metrics and tracing on Azure: the collector's configuration and install lines, the Grafana
// dashboards and the cluster settings as pure functions, then the plans of a production VM
// stack, a staging stack with metrics off and an AKS stack. The idea-management document's
// numbers are stated here: 15 s scrape, 15 days (exceeded: managed Prometheus keeps 18 months),
// node_exporter on 9100, /metrics, OTLP on 4317 and 4318, three dashboards.
import { expect } from "chai";
import { collectorBootLines, prometheusIngestionUrl, vmCollectorConfig, VmCollectorParams } from "../../providers/azure/collector";
import { metricsSettings, podTracingEndpoint } from "../../providers/azure/fleetTelemetry";
import { grafanaDashboards } from "../../providers/azure/grafanaDashboards";
import { grafanaPlan, PROMETHEUS_RETENTION_DAYS, telemetryNames } from "../../providers/azure/telemetry";
import { TelemetrySpec } from "../../tiers/types";
import { build, cloudTierConfig, inputs, Inputs, ofType, one } from "../helpers/stacks";

const SCRAPE_SECONDS = 15;
const RETENTION_DAYS = 15;
const NODE_EXPORTER_PORT = 9100;
const OTLP_GRPC = 4317;
const OTLP_HTTP = 4318;
const DASHBOARDS = ["system-health", "api-performance", "database-performance"] as const;
const CLIENT_ID = "00000000-0000-0000-0000-000000000001";
const INGESTION = "https://platform-dce-abcd.eastus-1.metrics.ingest.monitor.azure.com/dataCollectionRules/dcr-0123/streams/Microsoft-PrometheusMetrics/api/v1/write?api-version=2023-04-24";

const SPEC: TelemetrySpec = {
    metrics: {
        enabled: true,
        scrapeIntervalSeconds: SCRAPE_SECONDS,
        evaluationIntervalSeconds: SCRAPE_SECONDS,
        retentionDays: RETENTION_DAYS,
        storageGb: 50,
        replicas: 2,
        nodeExporterPort: NODE_EXPORTER_PORT,
        metricsPath: "/metrics",
        dashboards: DASHBOARDS,
    },
    tracing: { enabled: true, sampleRatio: 0.1, otlpGrpcPort: OTLP_GRPC, otlpHttpPort: OTLP_HTTP },
    logRetentionDays: 365,
};

function params(extra: Partial<VmCollectorParams> = {}): VmCollectorParams {
    return {
        service: "web",
        port: 3000,
        architecture: "x86_64",
        identityClientId: CLIENT_ID,
        metrics: { scrapeIntervalSeconds: SCRAPE_SECONDS, nodeExporterPort: NODE_EXPORTER_PORT, metricsPath: "/metrics", ingestionUrl: INGESTION },
        tracing: { otlpGrpcPort: OTLP_GRPC, otlpHttpPort: OTLP_HTTP, connectionStringUrl: "https://platformkv.vault.azure.net/secrets/platform-traces-connection" },
        ...extra,
    };
}

/** A JSON-able path lookup for the collector config. */
function at(value: unknown, path: string): Inputs[string] {
    return path.split(".").reduce<Inputs[string]>((node, key) => (node === undefined || node === null ? undefined : (node as Inputs)[key]), value);
}

describe("Azure telemetry: the VM collector (pure)", () => {
    it("scrapes node_exporter on 9100 and the service's /metrics every 15 s, and remote-writes with the VM's managed identity", () => {
        const config = vmCollectorConfig(params());
        const prometheus = at(config, "receivers.prometheus.config");
        expect(prometheus.global.scrape_interval).to.equal("15s");
        expect(prometheus.scrape_configs).to.deep.equal([
            { job_name: "node", static_configs: [{ targets: ["127.0.0.1:9100"] }] },
            { job_name: "web", metrics_path: "/metrics", static_configs: [{ targets: ["127.0.0.1:3000"] }] },
        ]);
        expect(at(config, "exporters.prometheusremotewrite.endpoint")).to.equal(INGESTION);
        expect(at(config, "exporters.prometheusremotewrite.auth")).to.deep.equal({ authenticator: "azureauth" });
        expect(at(config, "extensions.azureauth")).to.deep.equal({ managed_identity: { client_id: CLIENT_ID }, scopes: ["https://monitor.azure.com/.default"] });
        expect(at(config, "service.pipelines.metrics.exporters")).to.deep.equal(["prometheusremotewrite"]);
        expect(at(config, "service.extensions")).to.include("azureauth");
    });

    it("takes OTLP on localhost 4317 and 4318 only and exports traces to Application Insights from an environment variable", () => {
        const config = vmCollectorConfig(params());
        expect(at(config, "receivers.otlp.protocols")).to.deep.equal({ grpc: { endpoint: "127.0.0.1:4317" }, http: { endpoint: "127.0.0.1:4318" } });
        expect(at(config, "exporters.azuremonitor")).to.deep.equal({ connection_string: "${env:APPLICATIONINSIGHTS_CONNECTION_STRING}" });
        expect(at(config, "service.pipelines.traces.exporters")).to.deep.equal(["azuremonitor"]);
    });

    it("scrapes only the host for a worker, and builds no pipeline that is off", () => {
        const worker = vmCollectorConfig(params({ port: undefined, tracing: undefined }));
        expect(at(worker, "receivers.prometheus.config.scrape_configs").map((job: Inputs) => job.job_name)).to.deep.equal(["node"]);
        expect(at(worker, "service.pipelines.traces")).to.equal(undefined);
        expect(at(worker, "receivers.otlp")).to.equal(undefined);
        const tracesOnly = vmCollectorConfig(params({ metrics: undefined }));
        expect(at(tracesOnly, "receivers.prometheus")).to.equal(undefined);
        expect(at(tracesOnly, "extensions.azureauth")).to.equal(undefined);
        expect(collectorBootLines(params({ metrics: undefined, tracing: undefined }), "/usr/local/sbin/key-vault-read")).to.deep.equal([]);
    });

    it("installs pinned, checksum-verified releases for the VM's architecture, with node_exporter on loopback", () => {
        const script = collectorBootLines(params(), "/usr/local/sbin/key-vault-read").join("\n");
        expect(script).to.include("otelcol-contrib_0.140.0_linux_amd64.deb");
        expect(script).to.include("node_exporter-1.9.1.linux-amd64.tar.gz");
        expect(script.match(/sha256sum -c -/g)).to.have.length(2);
        expect(script).to.include("--web.listen-address=127.0.0.1:9100");
        expect(script).to.include("ExecStartPre=+/usr/local/sbin/otelcol-secrets");
        // Only the secret's reference: its value is read at start into tmpfs.
        expect(script).to.include("/usr/local/sbin/key-vault-read 'https://platformkv.vault.azure.net/secrets/platform-traces-connection'");
        expect(script).to.include("/run/otelcol-contrib/secrets.env");
        const arm = collectorBootLines(params({ architecture: "arm64" }), "/usr/local/sbin/key-vault-read").join("\n");
        expect(arm).to.include("otelcol-contrib_0.140.0_linux_arm64.deb");
        expect(arm).to.include("node_exporter-1.9.1.linux-arm64.tar.gz");
    });

    it("remote-writes to the rule's Prometheus stream on the endpoint's metrics ingestion host", () => {
        expect(prometheusIngestionUrl("https://platform-dce-abcd.eastus-1.metrics.ingest.monitor.azure.com/", "dcr-0123")).to.equal(INGESTION);
    });
});

describe("Azure telemetry: Grafana, dashboards and the cluster's settings (pure)", () => {
    it("ships the document's three dashboards: host metrics, request rate and latency, and the database server", () => {
        const dashboards = grafanaDashboards(SPEC.metrics, { subscriptionId: "sub", resourceGroup: "rg", databaseServer: "db" });
        expect(Object.keys(dashboards)).to.deep.equal([...DASHBOARDS]);
        const text = (name: (typeof DASHBOARDS)[number]) => JSON.stringify(dashboards[name]);
        expect(text("system-health")).to.include("node_cpu_seconds_total").and.include("node_memory_MemAvailable_bytes");
        expect(text("api-performance")).to.include("histogram_quantile(0.95").and.include("http_server_request_duration_seconds");
        expect(text("database-performance")).to.include("microsoft.dbforpostgresql/flexibleservers").and.include("active_connections");
        expect((dashboards["system-health"] as Inputs).refresh).to.equal("15s");
    });

    it("is Standard, private and key-less everywhere, zone-redundant where the document runs two replicas", () => {
        expect(grafanaPlan(SPEC)).to.deep.equal({ sku: "Standard", zoneRedundancy: "Enabled", publicNetworkAccess: "Disabled", apiKey: "Disabled" });
        expect(grafanaPlan({ ...SPEC, metrics: { ...SPEC.metrics, replicas: 1 } }).zoneRedundancy).to.equal("Disabled");
        // Managed Prometheus keeps 18 months: more than the document's 15 days.
        expect(PROMETHEUS_RETENTION_DAYS).to.be.greaterThan(RETENTION_DAYS);
    });

    it("names resources within Azure's limits", () => {
        const names = telemetryNames("a".repeat(60));
        expect(names.monitorWorkspace.length).to.be.at.most(44);
        expect(names.collectionEndpoint.length).to.be.at.most(44);
        expect(names.tracesWorkspace.length).to.be.at.most(63);
        expect(telemetryNames("platform.prod").monitorWorkspace).to.equal("platform-prod-prometheus");
    });

    it("sets the AKS metrics add-on's default targets and the app namespace's pods to 15 s", () => {
        const settings = metricsSettings(SPEC, "platform-prod");
        expect(settings["default-targets-scrape-interval-settings"]).to.include('nodeexporter = "15s"').and.include('kubelet = "15s"');
        expect(settings["pod-annotation-based-scraping"]).to.equal('podannotationnamespaceregex = "^platform-prod$"');
    });

    it("points a pod's OTLP exporter at the shared collector on 4318", () => {
        const env = { secretReader: [], database: { secret: "", rootCert: "" }, cache: { secret: "" }, secrets: {}, plain: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318" } };
        expect(podTracingEndpoint(env, SPEC).plain.OTEL_EXPORTER_OTLP_ENDPOINT).to.equal("http://otel-collector.otel-collector.svc:4318");
        expect(podTracingEndpoint({ ...env, plain: {} }, SPEC).plain).to.deep.equal({});
    });
});

const PROMETHEUS_WORKSPACE = "azure-native:monitor:AzureMonitorWorkspace";
const ENDPOINT = "azure-native:monitor:DataCollectionEndpoint";
const RULE = "azure-native:monitor:DataCollectionRule";
const ASSOCIATION = "azure-native:monitor:DataCollectionRuleAssociation";
const GRAFANA = "azure-native:dashboard:Grafana";
const INSIGHTS = "azure-native:applicationinsights:Component";
const ROLE = "azure-native:authorization:RoleAssignment";
const SCALE_SET = "azure-native:compute:VirtualMachineScaleSet";
const METRICS_PUBLISHER = "3913510d-42f4-4e42-8a64-420c390055eb";
const MONITORING_DATA_READER = "b0d8363b-8ddd-447d-831f-62ca05bff136";

const production = () => build("tel-azure-prod", cloudTierConfig("azure", "production-medium"));
const stagingTracesOnly = () => build("tel-azure-staging", cloudTierConfig("azure", "staging", { metrics: false }));
const cluster = () => build("tel-azure-aks", cloudTierConfig("azure", "development", { runtime: "kubernetes", metrics: true, tracing: { enabled: true } }));

function bootScript(set: { inputs: Inputs }): string {
    const encoded = inputs(set as never).virtualMachineProfile.osProfile.customData;
    return Buffer.from(String(encoded), "base64").toString("utf8");
}

describe("Azure telemetry: a production VM stack", function () {
    this.timeout(600000);

    it("builds one Azure Monitor workspace fed by one endpoint and one Prometheus rule", async () => {
        const result = await production();
        expect(ofType(result, PROMETHEUS_WORKSPACE)).to.have.length(1);
        expect(ofType(result, ENDPOINT)).to.have.length(1);
        const rule = inputs(one(result, RULE));
        expect(rule.dataSources.prometheusForwarder[0].streams).to.deep.equal(["Microsoft-PrometheusMetrics"]);
        expect(rule.destinations.monitoringAccounts[0].accountResourceId).to.equal(`${one(result, PROMETHEUS_WORKSPACE).name}-id`);
        expect(rule.dataFlows).to.deep.equal([{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }]);
    });

    it("runs a private, zone-redundant Standard Grafana integrated with the workspace, reading it with its own identity", async () => {
        const result = await production();
        const grafana = inputs(one(result, GRAFANA));
        expect(grafana.sku).to.deep.equal({ name: "Standard" });
        expect(grafana.identity).to.deep.equal({ type: "SystemAssigned" });
        expect(grafana.properties).to.include({ zoneRedundancy: "Enabled", publicNetworkAccess: "Disabled", apiKey: "Disabled" });
        expect(grafana.properties.grafanaIntegrations.azureMonitorWorkspaceIntegrations).to.deep.equal([{ azureMonitorWorkspaceResourceId: `${one(result, PROMETHEUS_WORKSPACE).name}-id` }]);
        const reader = ofType(result, ROLE).map(inputs).find((role) => String(role.roleDefinitionId).endsWith(MONITORING_DATA_READER));
        expect(reader?.scope).to.equal(`${one(result, PROMETHEUS_WORKSPACE).name}-id`);
        expect(ofType(result, "azure-native:network:PrivateEndpoint").map(inputs).some((endpoint) => endpoint.privateLinkServiceConnections[0].groupIds[0] === "grafana")).to.equal(true);
    });

    it("exports traces to a workspace-based Application Insights component and keeps its connection string in Key Vault", async () => {
        const result = await production();
        const traces = ofType(result, INSIGHTS).map(inputs).filter((component) => component.kind === "other");
        expect(traces).to.have.length(1);
        expect(traces[0].ingestionMode).to.equal("LogAnalytics");
        expect(traces[0].workspaceResourceId).to.be.a("string").and.not.equal("");
        expect(ofType(result, "azure-native:keyvault:Secret").map(inputs).some((secret) => /traces-connection$/.test(secret.secretName))).to.equal(true);
    });

    it("installs the collector on every scale set, each identity publishing to the rule alone", async () => {
        const result = await production();
        const sets = ofType(result, SCALE_SET);
        expect(sets).to.have.length(2);
        const ruleId = `${one(result, RULE).name}-id`;
        const publishers = ofType(result, ROLE).map(inputs).filter((role) => String(role.roleDefinitionId).endsWith(METRICS_PUBLISHER) && role.scope === ruleId);
        expect(publishers).to.have.length(sets.length);
        for (const set of sets) {
            const script = bootScript(set);
            expect(script, set.name).to.include('"scrape_interval": "15s"').and.include("127.0.0.1:9100").and.include("otelcol-contrib");
            expect(script, set.name).not.to.include("InstrumentationKey=");
        }
    });
});

describe("Azure telemetry: keys turn parts off", function () {
    this.timeout(600000);

    it("with metrics off builds no Prometheus or Grafana, and the VMs collect traces only", async () => {
        const result = await stagingTracesOnly();
        for (const type of [PROMETHEUS_WORKSPACE, ENDPOINT, RULE, GRAFANA]) {
            expect(ofType(result, type), type).to.have.length(0);
        }
        const script = bootScript(ofType(result, SCALE_SET)[0]);
        expect(script).to.include("otelcol-contrib").and.include("127.0.0.1:4318");
        expect(script).not.to.include("/usr/local/bin/node_exporter");
        expect(script).not.to.include("prometheusremotewrite");
    });
});

describe("Azure telemetry: AKS", function () {
    this.timeout(600000);

    it("turns on the managed Prometheus add-on, associated with the rule and the endpoint", async () => {
        const result = await cluster();
        expect(inputs(one(result, "azure-native:containerservice:ManagedCluster")).azureMonitorProfile).to.deep.equal({ metrics: { enabled: true, kubeStateMetrics: {} } });
        const associations = ofType(result, ASSOCIATION).map(inputs);
        expect(associations).to.have.length(2);
        expect(associations.find((a) => a.dataCollectionRuleId)?.dataCollectionRuleId).to.equal(`${one(result, RULE).name}-id`);
        const endpoint = associations.find((a) => a.dataCollectionEndpointId);
        expect(endpoint?.dataCollectionEndpointId).to.equal(`${one(result, ENDPOINT).name}-id`);
        expect(endpoint?.associationName).to.equal("configurationAccessEndpoint");
        const settings = inputs(one(result, "kubernetes:core/v1:ConfigMap", "ama-metrics-settings"));
        expect(settings.data["default-targets-scrape-interval-settings"]).to.include('nodeexporter = "15s"');
    });

    it("installs the shared collector with the azuremonitor exporter, the pods send OTLP to it and may reach it", async () => {
        const result = await cluster();
        const release = ofType(result, "kubernetes:helm.sh/v3:Release").map(inputs).find((r) => r.chart === "opentelemetry-collector");
        expect(release?.values.config.exporters).to.have.property("azuremonitor");
        expect(release?.values.config.service.pipelines.traces.exporters).to.deep.equal(["azuremonitor"]);
        expect(release?.values.extraEnvs[0].valueFrom.secretKeyRef.name).to.equal("otel-collector-azure-monitor");
        const egress = ofType(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map(inputs).flatMap((policy) => policy.spec.egress ?? []);
        expect(egress.some((rule: Inputs) => (rule.ports ?? []).some((port: Inputs) => port.port === OTLP_HTTP))).to.equal(true);
    });
});
