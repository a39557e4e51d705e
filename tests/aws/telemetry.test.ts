// Metrics and tracing on AWS: the idea-management document's numbers (15 s scrape and
// evaluation, 15-day retention, node_exporter on 9100, the three dashboards, OTLP on 4317/4318)
// stated here and checked in the pure pieces and in the plans of three stacks: the VM fleet
// with both on, the same with both off, and EKS.

import { expect } from "chai";
import { clusterCollectorPipelines, COLLECTOR_ACCOUNT, withClusterCollector } from "../../providers/aws/clusterTelemetry";
import { collectorConfig, collectorParams, remoteWriteUrl, TELEMETRY_AGENTS, telemetryBoot, telemetryScript } from "../../providers/aws/collector";
import { dashboardParameterName, recordingRules } from "../../providers/aws/telemetry";
import { DASHBOARD_MAX_BYTES, grafanaDashboards } from "../../providers/aws/telemetryDashboards";
import { buildBootScript, USER_DATA_LIMIT_BYTES } from "../../providers/aws/userData";
import { resolvePlatformSpec } from "../../tiers";
import { parseConfig } from "../../config";
import { estimateCost } from "../../tools/insights/cost";
import { diagramDot } from "../../tools/insights/diagram";
import { SynthResult } from "../../tools/synth";
import { build, cloudTierConfig, inputs, list, ofType, one, statements } from "../helpers/stacks";

// The documents' numbers, stated rather than read from the tier code.
const SCRAPE = "15s";
const RETENTION_DAYS = 15;
const NODE_EXPORTER = 9100;
const OTLP_GRPC = 4317;
const OTLP_HTTP = 4318;
const DASHBOARDS = ["system-health", "api-performance", "database-performance"];

const T = {
    workspace: "aws:amp/workspace:Workspace",
    config: "aws:amp/workspaceConfiguration:WorkspaceConfiguration",
    rules: "aws:amp/ruleGroupNamespace:RuleGroupNamespace",
    grafana: "aws:grafana/workspace:Workspace",
    parameter: "aws:ssm/parameter:Parameter",
    traces: "aws:xray/group:Group",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    template: "aws:ec2/launchTemplate:LaunchTemplate",
    release: "kubernetes:helm.sh/v3:Release",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};

const ON = () => build("tel-on", cloudTierConfig("aws", "production-medium"));
const OFF = () => build("tel-off", cloudTierConfig("aws", "staging", { metrics: false, tracing: { enabled: false } }));
const EKS = () => build("tel-eks", cloudTierConfig("aws", "development", { runtime: "kubernetes" }));

function telemetrySpec(tier = "production-medium") {
    const spec = resolvePlatformSpec(parseConfig(cloudTierConfig("aws", tier)), "platform", "prod");
    return spec.telemetry;
}

function userData(result: SynthResult): string {
    const template = ofType(result, T.template)[0];
    return Buffer.from(String(inputs(template).userData), "base64").toString("utf8");
}

describe("AWS telemetry: pure pieces", () => {
    const params = collectorParams(telemetrySpec(), { name: "web", kind: "web", port: 3000, capacity: { spot: false, onDemandBase: 0, architecture: "x86_64" } }, {
        region: "us-east-1",
        platform: "platform-prod",
        group: "platform-prod-app-web",
        remoteWriteUrl: remoteWriteUrl("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/"),
    })!;

    it("scrapes node_exporter and the service's /metrics every 15 s on the loopback interface", () => {
        const config = JSON.parse(collectorConfig(params));
        const prometheus = config.receivers.prometheus.config;
        expect(prometheus.global.scrape_interval).to.equal(SCRAPE);
        expect(prometheus.global.evaluation_interval).to.equal(SCRAPE);
        const jobs = Object.fromEntries(prometheus.scrape_configs.map((job: { job_name: string }) => [job.job_name, job]));
        expect(jobs.node.static_configs[0].targets).to.deep.equal([`127.0.0.1:${NODE_EXPORTER}`]);
        expect(jobs.web.metrics_path).to.equal("/metrics");
        expect(jobs.web.static_configs[0].targets).to.deep.equal(["127.0.0.1:3000"]);
        // Every target is 127.0.0.1: the instance id, filled in at boot, tells hosts apart.
        expect(jobs.node.static_configs[0].labels.instance).to.equal("@INSTANCE_ID@");
    });

    it("receives OTLP on 4317/4318 locally and exports metrics with SigV4 to the workspace, traces to X-Ray", () => {
        const config = JSON.parse(collectorConfig(params));
        expect(config.receivers.otlp.protocols.grpc.endpoint).to.equal(`127.0.0.1:${OTLP_GRPC}`);
        expect(config.receivers.otlp.protocols.http.endpoint).to.equal(`127.0.0.1:${OTLP_HTTP}`);
        expect(config.exporters.prometheusremotewrite.endpoint).to.equal("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write");
        expect(config.exporters.prometheusremotewrite.auth.authenticator).to.equal("sigv4auth");
        expect(config.extensions.sigv4auth).to.deep.equal({ region: "us-east-1", service: "aps" });
        expect(config.service.pipelines.traces.exporters).to.deep.equal(["awsxray"]);
        expect(config.exporters.awsxray.indexed_attributes).to.deep.equal(["platform"]);
        expect(config.service.pipelines.metrics.receivers).to.deep.equal(["prometheus", "otlp"]);
    });

    it("builds nothing for a worker's port and nothing at all with both signals off", () => {
        const off = { ...telemetrySpec(), metrics: { ...telemetrySpec().metrics, enabled: false }, tracing: { ...telemetrySpec().tracing, enabled: false } };
        expect(collectorParams(off, { name: "w", kind: "worker", capacity: { spot: false, onDemandBase: 0, architecture: "x86_64" } }, { region: "r", platform: "p", group: "g", remoteWriteUrl: "" })).to.equal(undefined);
        const worker = collectorParams(telemetrySpec(), { name: "w", kind: "worker", capacity: { spot: false, onDemandBase: 0, architecture: "arm64" } }, { region: "r", platform: "p", group: "g", remoteWriteUrl: "u" })!;
        expect(JSON.parse(collectorConfig(worker)).receivers.prometheus.config.scrape_configs).to.have.length(1);
        expect(telemetryScript(worker)).to.contain("/arm64/");
    });

    it("installs pinned agents, node_exporter on the loopback interface, checked against the release's sums", () => {
        const script = telemetryScript(params);
        expect(script).to.contain(`amazon_linux/amd64/${TELEMETRY_AGENTS.adot.version}/aws-otel-collector.rpm`);
        expect(script).to.contain(`v${TELEMETRY_AGENTS.nodeExporter.version}/node_exporter-${TELEMETRY_AGENTS.nodeExporter.version}.linux-amd64.tar.gz`);
        expect(script).to.contain("sha256sum -c -");
        expect(script).to.contain(`--web.listen-address=127.0.0.1:${NODE_EXPORTER}`);
    });

    it("keeps the agents' script small enough for a standard SSM parameter, and the boot script's share of it small", () => {
        expect(Buffer.byteLength(telemetryScript(params))).to.be.lessThan(4096);
        const lines = buildBootScript({
            region: "us-east-1", service: "web", kind: "worker", image: "i", logGroup: "l", autoScalingGroupName: "g", lifecycleHookName: "h",
            environment: { secretReader: ["aws"], database: { secret: "a", rootCert: "/c" }, cache: { secret: "b" }, secrets: {}, plain: {} },
        });
        const withAgents = buildBootScript({
            region: "us-east-1", service: "web", kind: "worker", image: "i", logGroup: "l", autoScalingGroupName: "g", lifecycleHookName: "h",
            environment: { secretReader: ["aws"], database: { secret: "a", rootCert: "/c" }, cache: { secret: "b" }, secrets: {}, plain: {} },
            telemetry: telemetryBoot("platform-prod", "web", telemetryScript(params)),
        });
        expect(Buffer.byteLength(withAgents) - Buffer.byteLength(lines)).to.be.lessThan(400);
    });

    it("keeps the boot script with the agents under EC2's 16 KB and never fatal to the boot", () => {
        const script = buildBootScript({
            region: "us-east-1",
            service: "web",
            kind: "web",
            image: "ghcr.io/acme/web:1.0.0",
            port: 3000,
            healthPath: "/health",
            readyPath: "/ready",
            logGroup: "/platform-prod/web/application",
            autoScalingGroupName: "platform-prod-app-web",
            lifecycleHookName: "wait-until-serving",
            environment: { secretReader: ["aws"], database: { secret: "a", rootCert: "/c" }, cache: { secret: "b" }, secrets: {}, plain: { SERVICE_NAME: "web" } },
            targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1"],
            telemetry: telemetryBoot("platform-prod", "web", telemetryScript(params)),
        });
        expect(Buffer.byteLength(script)).to.be.lessThan(USER_DATA_LIMIT_BYTES);
        expect(script).to.contain("aws ssm get-parameter --region us-east-1 --name '/platform-prod/telemetry/web'");
        expect(script).to.match(/\) \|\| echo 'telemetry agents not installed/);
        // The agents run before the service starts, so its first spans find the collector.
        expect(script.indexOf("platform-telemetry )")).to.be.lessThan(script.lastIndexOf("/usr/local/sbin/platform-run-web"));
    });

    it("writes the three dashboards, refreshed every 15 s, each small enough for a standard SSM parameter", () => {
        const dashboards = grafanaDashboards(telemetrySpec().metrics, "platform-prod", "us-east-1");
        expect(Object.keys(dashboards)).to.deep.equal(DASHBOARDS);
        for (const [name, json] of Object.entries(dashboards)) {
            expect(Buffer.byteLength(json), name).to.be.lessThan(DASHBOARD_MAX_BYTES);
            const board = JSON.parse(json);
            expect(board.refresh).to.equal(SCRAPE);
            expect(board.panels.length, name).to.be.greaterThan(3);
        }
        const database = JSON.parse(dashboards["database-performance"]);
        expect(database.panels.every((panel: { datasource: { type: string } }) => panel.datasource.type === "cloudwatch")).to.equal(true);
        expect(JSON.parse(dashboards["system-health"]).panels.map((panel: { targets: { expr: string }[] }) => panel.targets[0].expr).join(" ")).to.contain("node_cpu_seconds_total");
    });

    it("evaluates the recording rules every 15 s", () => {
        expect(JSON.parse(recordingRules(telemetrySpec().metrics)).groups[0].interval).to.equal(SCRAPE);
    });

    it("points the cluster's pods at the shared collector and gives it AWS's exporters", () => {
        expect(withClusterCollector({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318", A: "b" }, telemetrySpec())).to.deep.equal({
            OTEL_EXPORTER_OTLP_ENDPOINT: `http://otel-collector.otel-collector.svc:${OTLP_HTTP}`,
            A: "b",
        });
        expect(withClusterCollector({ A: "b" }, telemetrySpec())).to.deep.equal({ A: "b" });
        const setup = clusterCollectorPipelines(telemetrySpec(), { region: "us-east-1", platform: "p", remoteWriteUrl: "https://w/api/v1/remote_write" });
        expect(setup.pipelines.traces.exporters).to.deep.equal(["awsxray"]);
        expect(setup.pipelines.metrics.exporters).to.deep.equal(["prometheusremotewrite"]);
        expect(COLLECTOR_ACCOUNT).to.deep.equal({ namespace: "otel-collector", serviceAccount: "otel-collector" });
    });
});

describe("AWS telemetry: the VM fleet with metrics and tracing on (production-medium)", () => {
    it("builds one Prometheus workspace under a customer key with logging, kept 15 days", async () => {
        const result = await ON();
        const workspace = inputs(one(result, T.workspace));
        expect(workspace.kmsKeyArn).to.match(/^arn:aws:kms:/);
        expect(workspace.loggingConfiguration.logGroupArn).to.match(/vendedlogs\/prometheus\/.*:\*$/);
        expect(one(result, T.workspace).protect).to.equal(true);
        expect(inputs(one(result, T.config)).retentionPeriodInDays).to.equal(RETENTION_DAYS);
        expect(JSON.parse(inputs(one(result, T.rules)).data).groups[0].interval).to.equal(SCRAPE);
    });

    it("builds one Grafana workspace behind IAM Identity Center with a read-only role of its own", async () => {
        const result = await ON();
        const grafana = inputs(one(result, T.grafana));
        expect(grafana.authenticationProviders).to.deep.equal(["AWS_SSO"]);
        expect(grafana.permissionType).to.equal("CUSTOMER_MANAGED");
        expect(grafana.accountAccessType).to.equal("CURRENT_ACCOUNT");
        expect(grafana.dataSources).to.deep.equal(["PROMETHEUS", "CLOUDWATCH", "XRAY"]);
        const read = statements(inputs(one(result, T.rolePolicy, "-grafana-read")).policy);
        const actions = read.flatMap((statement) => list(statement.Action));
        expect(actions).to.include("aps:QueryMetrics").and.include("xray:BatchGetTraces");
        expect(actions.some((action) => /Put|Write|Delete|Create/.test(action))).to.equal(false);
        const prometheus = read.find((statement) => statement.Sid === "PrometheusRead")!;
        expect(prometheus.Resource).to.match(/^arn:aws:aps:.*:workspace\//);
    });

    it("publishes the three dashboards as standard SSM parameters", async () => {
        const result = await ON();
        const parameters = ofType(result, T.parameter).filter((parameter) => parameter.name.includes("-dashboard-")).map(inputs);
        expect(parameters.map((parameter) => parameter.name).sort()).to.deep.equal(DASHBOARDS.map((name) => dashboardParameterName("platform-tel-on", name)).sort());
        parameters.forEach((parameter) => {
            expect(parameter.tier).to.equal("Standard");
            expect(JSON.parse(parameter.insecureValue).refresh).to.equal(SCRAPE);
        });
    });

    it("keeps the platform's traces in one X-Ray group and the instances may write there and to the workspace", async () => {
        const result = await ON();
        expect(inputs(one(result, T.traces)).filterExpression).to.equal('annotation.platform = "platform-tel-on"');
        const runtime = statements(inputs(one(result, T.rolePolicy, "-app-runtime")).policy);
        const remoteWrite = runtime.find((statement) => list(statement.Action).includes("aps:RemoteWrite"))!;
        expect(remoteWrite.Resource).to.match(/^arn:aws:aps:.*:workspace\//);
        const xray = runtime.find((statement) => list(statement.Action).includes("xray:PutTraceSegments"))!;
        expect(list(xray.Action)).to.deep.equal(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]);
    });

    it("installs the collector on every instance and gives the service the OTLP endpoint beside it", async () => {
        const result = await ON();
        const agents = String(inputs(one(result, T.parameter, "-web-telemetry")).insecureValue);
        expect(agents).to.contain(`"scrape_interval":"${SCRAPE}"`);
        expect(agents).to.contain(`127.0.0.1:${NODE_EXPORTER}`);
        expect(agents).to.contain("/api/v1/remote_write");
        const script = userData(result);
        expect(script).to.contain("--name '/platform-tel-on/telemetry/");
        expect(script).to.contain(`"OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:${OTLP_HTTP}"`);
        const runtime = statements(inputs(one(result, T.rolePolicy, "-app-runtime")).policy);
        expect(runtime.find((statement) => list(statement.Action).includes("ssm:GetParameter"))!.Resource).to.match(/:parameter\/platform-tel-on\/telemetry\/\*$/);
    });

    it("prices the workspaces and traces, and draws them", async () => {
        const result = await ON();
        const estimate = estimateCost(result);
        expect(estimate.unpriced).to.deep.equal([]);
        const types = estimate.items.map((item) => item.type);
        expect(types).to.include(T.workspace).and.include(T.grafana).and.include(T.traces);
        expect(estimate.items.find((item) => item.type === T.workspace)!.basis).to.contain("15-day retention");
        expect(diagramDot(result)).to.contain("Managed Prometheus, 15-day retention");
    });
});

describe("AWS telemetry: metrics and tracing off", () => {
    it("builds no telemetry resource, grants nothing for it and sets no OTEL variable", async () => {
        const result = await OFF();
        for (const type of [T.workspace, T.grafana, T.parameter, T.traces]) {
            expect(ofType(result, type), type).to.have.length(0);
        }
        const runtime = JSON.stringify(inputs(one(result, T.rolePolicy, "-app-runtime")).policy);
        expect(runtime).to.not.contain("aps:").and.not.contain("xray:");
        expect(userData(result)).to.not.contain("OTEL_").and.not.contain("platform-telemetry");
    });
});

describe("AWS telemetry: EKS", () => {
    it("installs the shared collector with the X-Ray and remote-write exporters under its own Pod Identity role", async () => {
        const result = await EKS();
        const release = inputs(one(result, T.release, "-otel-collector"));
        expect(release.namespace).to.equal("otel-collector");
        expect(release.values.config.service.pipelines.traces.exporters).to.deep.equal(["awsxray"]);
        expect(release.values.config.exporters.prometheusremotewrite.endpoint).to.match(/\/api\/v1\/remote_write$/);
        const association = inputs(one(result, T.association, "-otel-collector-identity"));
        expect([association.namespace, association.serviceAccount]).to.deep.equal(["otel-collector", "otel-collector"]);
        const access = statements(inputs(one(result, T.rolePolicy, "-otel-collector-access")).policy).flatMap((statement) => list(statement.Action));
        expect(access).to.include("aps:RemoteWrite").and.include("xray:PutTraceSegments");
    });

    it("lets the app pods reach the collector on the OTLP ports", async () => {
        const result = await EKS();
        const policy = ofType(result, T.networkPolicy).map(inputs).find((manifest) => manifest.metadata.name === "allow-telemetry");
        expect(policy, "allow-telemetry NetworkPolicy").to.not.equal(undefined);
        expect(policy!.spec.egress[0].ports.map((port: { port: number }) => port.port)).to.deep.equal([OTLP_HTTP, OTLP_GRPC]);
    });
});
