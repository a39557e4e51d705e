// The idea-management document's metrics and tracing on an existing cluster: node_exporter on
// 9100 scraped every 15 s beside the services' /metrics, 15 days kept, and its Jaeger fed over
// OTLP 4317/4318 by the shared collector. The numbers are written here from the document; the
// objects are validated with kubernetes-models and the PodMonitoring against its trimmed CRD.
import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { podMonitoringManifest } from "../../providers/gcp/clusterTelemetry";
import { jaegerConfig, jaegerStatefulSetSpec } from "../../providers/kubernetes/jaeger";
import { kubePrometheusStackValues } from "../../providers/kubernetes/observability";
import { jaegerPipelines, nodeExporterNamespaceName, prometheusServiceUrl, tracingNamespaceName } from "../../providers/kubernetes/telemetry";
import { SynthResult } from "../../tools/synth";
import { build, cloudTierConfig, Inputs, inputs, ofType, one } from "../helpers/stacks";

const DOCUMENT = { scrape: "15s", retentionDays: 15, nodeExporterPort: 9100, otlpGrpc: 4317, otlpHttp: 4318 };
const TRACING = { otlpGrpcPort: 4317, otlpHttpPort: 4318 };

type Model = new (data: unknown) => { validate(): void };

describe("kubernetes telemetry: Jaeger and the collector", () => {
    it("receives OTLP on 4317 and 4318 and keeps spans in Badger for 15 days", () => {
        const config = jaegerConfig({ tracing: TRACING, retentionDays: DOCUMENT.retentionDays }) as { receivers: { otlp: { protocols: Record<string, { endpoint: string }> } }; extensions: { jaeger_storage: { backends: Record<string, { badger: { ephemeral: boolean; ttl: { spans: string } } }> } } };
        expect(config.receivers.otlp.protocols.grpc.endpoint).to.equal(`0.0.0.0:${DOCUMENT.otlpGrpc}`);
        expect(config.receivers.otlp.protocols.http.endpoint).to.equal(`0.0.0.0:${DOCUMENT.otlpHttp}`);
        const badger = Object.values(config.extensions.jaeger_storage.backends)[0].badger;
        expect(badger.ephemeral).to.equal(false);
        expect(badger.ttl.spans).to.equal(`${15 * 24}h`);
    });

    it("runs one Jaeger on a persistent volume as a non-root, read-only container; the StatefulSet validates", async () => {
        const spec = jaegerStatefulSetSpec({ namespace: "p-tracing", tracing: TRACING, retentionDays: 15, storageGi: 20, labels: {} }, "jaeger-config") as unknown as Inputs;
        expect(spec.replicas).to.equal(1);
        expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).to.equal("20Gi");
        expect(spec.template.spec.containers[0].securityContext).to.include({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        const { StatefulSet } = (await import("kubernetes-models/apps/v1/StatefulSet")) as unknown as { StatefulSet: Model };
        new StatefulSet({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "jaeger", namespace: "p-tracing" }, spec }).validate();
    });

    it("sends the collector's spans to Jaeger's OTLP gRPC port in the platform's tracing namespace", () => {
        const setup = jaegerPipelines({ name: "p", telemetry: { tracing: { enabled: true, sampleRatio: 1, ...TRACING } } as never });
        expect(setup.exporters).to.deep.equal({ "otlp/jaeger": { endpoint: `jaeger.p-tracing.svc:${DOCUMENT.otlpGrpc}`, tls: { insecure: true } } });
        expect(setup.pipelines.traces.exporters).to.deep.equal(["otlp/jaeger"]);
        expect(tracingNamespaceName("p")).to.equal("p-tracing");
    });

    it("turns node_exporter on at 9100, scraped every 15 s, in its own namespace, only with metrics on", () => {
        const platform = { name: "p", appFleet: { kubernetes: { productionMinReplicas: 2 } }, kubernetes: undefined } as never as Parameters<typeof kubePrometheusStackValues>[0];
        const metrics = { enabled: true, nodeExporterPort: 9100 } as never;
        const on = kubePrometheusStackValues({ ...platform, telemetry: { metrics } }, {}) as Inputs;
        expect(on.nodeExporter).to.deep.equal({ enabled: true });
        expect(on["prometheus-node-exporter"]).to.deep.equal({
            namespaceOverride: nodeExporterNamespaceName("p"),
            service: { port: DOCUMENT.nodeExporterPort, targetPort: DOCUMENT.nodeExporterPort },
            prometheus: { monitor: { enabled: true, interval: DOCUMENT.scrape } },
        });
        expect(on.defaultRules.rules.node).to.equal(true);
        const off = kubePrometheusStackValues({ ...platform, telemetry: { metrics: { enabled: false, nodeExporterPort: 9100 } as never } }, {}) as Inputs;
        expect(off.nodeExporter).to.deep.equal({ enabled: false });
        expect(off["prometheus-node-exporter"]).to.equal(undefined);
    });

    it("names the in-cluster Prometheus as kube-prometheus-stack does (the Service the README port-forwards to)", () => {
        expect(prometheusServiceUrl("platform-local")).to.equal("http://platform-local-monitoring-kube-pr-prometheus.platform-local-monitoring.svc:9090");
    });
});

describe("kubernetes telemetry: GKE's PodMonitoring against its CRD", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "schemas", "gmp-podmonitoring.json"), "utf8"));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const manifest = podMonitoringManifest("p", "p", { name: "web" }, { scrapeIntervalSeconds: 15, metricsPath: "/metrics" }, { "app.kubernetes.io/part-of": "p" });

    it("validates, and refuses a protected target label and a missing port", () => {
        expect(validate(manifest), JSON.stringify(validate.errors)).to.equal(true);
        const spec = manifest.spec as Inputs;
        expect(validate({ ...manifest, spec: { ...spec, targetLabels: { fromPod: [{ from: "app", to: "namespace" }] } } })).to.equal(false);
        expect(validate({ ...manifest, spec: { ...spec, endpoints: [{ path: "/metrics" }] } })).to.equal(false);
    });
});

describe("kubernetes telemetry: the plan", function () {
    let prod: SynthResult;
    this.timeout(600_000);
    before(async () => {
        prod = await build("tel-k8s", cloudTierConfig("kubernetes", "production-medium"));
    });

    it("runs one Jaeger, the collector with 2 replicas in production, and lets the services reach it", () => {
        const set = inputs(one(prod, "kubernetes:apps/v1:StatefulSet", "telemetry-jaeger"));
        expect(set.spec.replicas).to.equal(1);
        expect(set.metadata.namespace).to.match(/-tracing$/);
        const collector = inputs(one(prod, "kubernetes:helm.sh/v3:Release", "otel-collector"));
        expect(collector.values.replicaCount).to.equal(2);
        expect(Object.keys(collector.values.config.exporters)).to.deep.equal(["otlp/jaeger"]);
        const egress = ofType(prod, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.name.endsWith("egress-telemetry"));
        expect(JSON.stringify(inputs(egress!).spec.egress)).to.include(`"port":${DOCUMENT.otlpHttp}`);
    });

    it("admits only the collector to Jaeger's OTLP port, behind a default deny", () => {
        const policies = ofType(prod, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => /-tracing$/.test(inputs(p).metadata.namespace));
        expect(policies.map((p) => inputs(p).metadata.name).sort()).to.deep.equal(["default-deny", "jaeger-ingress"]);
        const ingress = inputs(policies.find((p) => inputs(p).metadata.name === "jaeger-ingress")!).spec.ingress;
        expect(ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]).to.equal("otel-collector");
        expect(ingress[0].ports).to.deep.equal([{ protocol: "TCP", port: DOCUMENT.otlpGrpc }]);
    });

    it("installs node_exporter with kube-prometheus-stack into the namespace labelled for it", () => {
        const stack = inputs(one(prod, "kubernetes:helm.sh/v3:Release", "obs-prometheus"));
        expect(stack.values.nodeExporter.enabled).to.equal(true);
        expect(stack.values.prometheus.prometheusSpec.scrapeInterval).to.equal(DOCUMENT.scrape);
        expect(stack.values.prometheus.prometheusSpec.retention).to.equal(`${DOCUMENT.retentionDays}d`);
        const namespace = inputs(one(prod, "kubernetes:core/v1:Namespace", "node-exporter-namespace"));
        expect(namespace.metadata.name).to.equal(stack.values["prometheus-node-exporter"].namespaceOverride);
        expect(namespace.metadata.labels["platform.io/privileged-workload"]).to.equal("node-exporter");
    });

    it("validates the tracing namespace's objects with kubernetes-models", async () => {
        const kinds: Record<string, () => Promise<Model>> = {
            "core/v1:ConfigMap": async () => (await import("kubernetes-models/v1/ConfigMap")).ConfigMap as unknown as Model,
            "core/v1:Service": async () => (await import("kubernetes-models/v1/Service")).Service as unknown as Model,
            "core/v1:ResourceQuota": async () => (await import("kubernetes-models/v1/ResourceQuota")).ResourceQuota as unknown as Model,
            "core/v1:LimitRange": async () => (await import("kubernetes-models/v1/LimitRange")).LimitRange as unknown as Model,
            "networking.k8s.io/v1:NetworkPolicy": async () => (await import("kubernetes-models/networking.k8s.io/v1/NetworkPolicy")).NetworkPolicy as unknown as Model,
            "apps/v1:StatefulSet": async () => (await import("kubernetes-models/apps/v1/StatefulSet")).StatefulSet as unknown as Model,
        };
        let checked = 0;
        for (const resource of prod.resources.filter((r) => r.name.includes("-telemetry-"))) {
            const kind = resource.type.replace(/^kubernetes:/, "");
            if (!kinds[kind]) continue;
            const Model = await kinds[kind]();
            const [group, version] = kind.split(":")[0].split("/");
            new Model({ ...inputs(resource), apiVersion: group === "core" ? version : `${group}/${version}`, kind: kind.split(":")[1] }).validate();
            checked += 1;
        }
        expect(checked).to.be.at.least(7);
    });
});
