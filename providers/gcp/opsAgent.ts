// The collectors on every Compute Engine instance, as pure functions of plain values so the boot
// script's pieces are tested without Pulumi.
//
// Metrics: node_exporter (Debian's prometheus-node-exporter, on loopback) and the service's own
// /metrics, scraped every 15 s by the Ops Agent's prometheus receiver, which writes them to
// Managed Service for Prometheus with the instance's account (roles/monitoring.metricWriter).
// Traces: the OpenTelemetry Collector beside the service, on loopback 4318 (HTTP) and 4317
// (gRPC), exporting to Cloud Trace (roles/cloudtrace.agent). The Ops Agent's own OTLP receiver
// listens on gRPC only, while the contract promises OTLP over HTTP on 4318, the OpenTelemetry
// SDKs' default and the only transport some of them ship; so the collector, the same image the
// clusters run, takes the traces.

import { MetricsSpec, TracingSpec } from "../../tiers/types";

export const OPS_AGENT_CONFIG_FILE = "/etc/google-cloud-ops-agent/config.yaml";
export const COLLECTOR_CONFIG_FILE = "/etc/otelcol-contrib/config.yaml";
/** The collector image the clusters' chart runs, pinned. */
export const COLLECTOR_IMAGE = "otel/opentelemetry-collector-contrib:0.140.0";
const NODE_EXPORTER_DEFAULTS = "/etc/default/prometheus-node-exporter";

export interface InstanceTelemetry {
    platform: string;
    project: string;
    service: string;
    /** Web services: the port /metrics is served on. */
    port?: number;
    metrics: Pick<MetricsSpec, "enabled" | "scrapeIntervalSeconds" | "nodeExporterPort" | "metricsPath">;
    tracing: Pick<TracingSpec, "enabled" | "otlpGrpcPort" | "otlpHttpPort">;
}

function scrapeJob(job: string, telemetry: InstanceTelemetry, port: number): Record<string, unknown> {
    return {
        job_name: job,
        scrape_interval: `${telemetry.metrics.scrapeIntervalSeconds}s`,
        metrics_path: telemetry.metrics.metricsPath,
        // Labels the dashboards select on: one project may hold several platforms.
        static_configs: [{ targets: [`localhost:${port}`], labels: { platform: telemetry.platform, service: telemetry.service } }],
    };
}

/**
 * The Ops Agent's configuration: its built-in host metrics and logs stay (the observability
 * dashboard and alerts read them); the prometheus receiver is added beside them.
 */
export function opsAgentConfig(telemetry: InstanceTelemetry): Record<string, unknown> {
    const jobs = [scrapeJob("node", telemetry, telemetry.metrics.nodeExporterPort), ...(telemetry.port ? [scrapeJob("app", telemetry, telemetry.port)] : [])];
    return {
        metrics: {
            receivers: { prometheus: { type: "prometheus", config: { scrape_configs: jobs } } },
            service: { pipelines: { prometheus: { receivers: ["prometheus"] } } },
        },
    };
}

/** The collector's configuration: OTLP on loopback in, Cloud Trace out, the instance's resource attributes added. */
export function instanceCollectorConfig(telemetry: InstanceTelemetry): Record<string, unknown> {
    const t = telemetry.tracing;
    return {
        receivers: { otlp: { protocols: { grpc: { endpoint: `127.0.0.1:${t.otlpGrpcPort}` }, http: { endpoint: `127.0.0.1:${t.otlpHttpPort}` } } } },
        processors: {
            memory_limiter: { check_interval: "1s", limit_mib: 200, spike_limit_mib: 50 },
            resourcedetection: { detectors: ["gcp"], timeout: "10s", override: false },
            batch: {},
        },
        exporters: { googlecloud: { project: telemetry.project } },
        service: {
            pipelines: { traces: { receivers: ["otlp"], processors: ["memory_limiter", "resourcedetection", "batch"], exporters: ["googlecloud"] } },
            telemetry: { metrics: { level: "none" } },
        },
    };
}

/** JSON is YAML: the agent and the collector read these files as written. */
function yamlFile(path: string, body: Record<string, unknown>): string[] {
    return [`mkdir -p ${path.slice(0, path.lastIndexOf("/"))}`, `cat > ${path} <<'PLATFORM_EOF'`, JSON.stringify(body, null, 1), "PLATFORM_EOF", `chmod 644 ${path}`];
}

/**
 * Boot script lines, after the Ops Agent and Docker are installed: node_exporter on loopback
 * only (nothing outside the instance reaches 9100) and the agent restarted on its new
 * configuration; the collector as a container on the host's loopback, restarted with Docker.
 */
export function instanceTelemetryScript(telemetry: InstanceTelemetry): string[] {
    const lines: string[] = [];
    if (telemetry.metrics.enabled) {
        lines.push(
            "until dpkg -s prometheus-node-exporter >/dev/null 2>&1; do apt-get update && apt-get install -y prometheus-node-exporter || sleep 10; done",
            `echo 'ARGS="--web.listen-address=127.0.0.1:${telemetry.metrics.nodeExporterPort}"' > ${NODE_EXPORTER_DEFAULTS}`,
            "systemctl restart prometheus-node-exporter",
            ...yamlFile(OPS_AGENT_CONFIG_FILE, opsAgentConfig(telemetry)),
            "systemctl restart google-cloud-ops-agent",
        );
    }
    if (telemetry.tracing.enabled) {
        lines.push(
            ...yamlFile(COLLECTOR_CONFIG_FILE, instanceCollectorConfig(telemetry)),
            `until docker pull ${COLLECTOR_IMAGE}; do sleep 10; done`,
            "docker rm -f otel-collector >/dev/null 2>&1 || true",
            [
                "docker run -d --name otel-collector --network host --restart unless-stopped --read-only",
                "--cap-drop ALL --security-opt no-new-privileges",
                `--volume ${COLLECTOR_CONFIG_FILE}:/etc/otelcol-contrib/config.yaml:ro`,
                `--log-driver gcplogs --log-opt gcp-project=${telemetry.project}`,
                COLLECTOR_IMAGE,
            ].join(" "),
        );
    }
    return lines;
}
