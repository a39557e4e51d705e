// The OpenTelemetry collector every app VM runs beside its container, as pure functions of plain
// values (tested without Pulumi). It scrapes node_exporter and the service's /metrics every
// 15 s and remote-writes them to managed Prometheus through the data collection rule, with the
// VM's managed identity (the azureauth extension asks IMDS for an Azure Monitor token: no key on
// the VM). Traces arrive over OTLP on localhost only and leave through the azuremonitor
// exporter to Application Insights.
//
// The azuremonitor exporter cannot present an Entra ID token (open-telemetry/
// opentelemetry-collector-contrib#41004), so its connection string is the ingestion credential:
// it lives in Key Vault, and the collector's start reads it with the VM's identity into
// /run (tmpfs, root only) for systemd to pass as an environment variable. It never reaches
// custom data or the disk.

import { MetricsSpec, TracingSpec } from "../../tiers/types";
import { heredoc, shellQuote } from "../vm/bootScript";

/** Pinned releases, verified against the checksums their releases publish. */
export const COLLECTOR_RELEASE = {
    version: "0.140.0",
    base: "https://github.com/open-telemetry/opentelemetry-collector-releases/releases/download",
} as const;
export const NODE_EXPORTER_RELEASE = {
    version: "1.9.1",
    base: "https://github.com/prometheus/node_exporter/releases/download",
} as const;

/** The audience Azure Monitor's ingestion endpoints accept. */
export const AZURE_MONITOR_SCOPE = "https://monitor.azure.com/.default";
/** The stream managed Prometheus ingests remote-written samples from. */
export const PROMETHEUS_STREAM = "Microsoft-PrometheusMetrics";
const INGESTION_API_VERSION = "2023-04-24";

export const COLLECTOR_CONFIG_FILE = "/etc/otelcol-contrib/config.yaml";
const SECRETS_DIR = "/run/otelcol-contrib";
const SECRETS_SCRIPT = "/usr/local/sbin/otelcol-secrets";
export const CONNECTION_STRING_VARIABLE = "APPLICATIONINSIGHTS_CONNECTION_STRING";

/** Managed Prometheus's remote-write URL: the endpoint's metrics ingestion host and the rule's immutable id. */
export function prometheusIngestionUrl(metricsIngestionEndpoint: string, ruleImmutableId: string): string {
    return `${metricsIngestionEndpoint.replace(/\/+$/, "")}/dataCollectionRules/${ruleImmutableId}/streams/${PROMETHEUS_STREAM}/api/v1/write?api-version=${INGESTION_API_VERSION}`;
}

export type CpuArchitecture = "x86_64" | "arm64";

export interface VmCollectorParams {
    service: string;
    /** Web services: the port /metrics is scraped on; workers expose node metrics only. */
    port?: number;
    architecture: CpuArchitecture;
    /** Client id of the VM's user-assigned identity: remote write and Key Vault reads use it. */
    identityClientId: string;
    metrics?: Pick<MetricsSpec, "scrapeIntervalSeconds" | "nodeExporterPort" | "metricsPath"> & { ingestionUrl: string };
    tracing?: Pick<TracingSpec, "otlpGrpcPort" | "otlpHttpPort"> & {
        /** Versionless Key Vault URL of the Application Insights connection string. */
        connectionStringUrl: string;
    };
}

function debArch(architecture: CpuArchitecture): string {
    return architecture === "arm64" ? "arm64" : "amd64";
}

/** The collector's configuration (JSON is YAML, so the file is written as it is). */
export function vmCollectorConfig(params: VmCollectorParams): Record<string, unknown> {
    const receivers: Record<string, unknown> = {};
    const exporters: Record<string, unknown> = {};
    const pipelines: Record<string, unknown> = {};
    const processors = {
        memory_limiter: { check_interval: "1s", limit_mib: 200, spike_limit_mib: 50 },
        batch: {},
        // cloud.*, host.name and the scale set's name from IMDS: every series and span says where it ran.
        resourcedetection: { detectors: ["env", "azure"], timeout: "5s", override: false },
        "resource/service": { attributes: [{ key: "platform.service", value: params.service, action: "upsert" }] },
    };
    const extensions: Record<string, unknown> = { health_check: { endpoint: "127.0.0.1:13133" } };
    if (params.metrics) {
        const m = params.metrics;
        const interval = `${m.scrapeIntervalSeconds}s`;
        const jobs: Record<string, unknown>[] = [{ job_name: "node", static_configs: [{ targets: [`127.0.0.1:${m.nodeExporterPort}`] }] }];
        if (params.port) {
            jobs.push({ job_name: params.service, metrics_path: m.metricsPath, static_configs: [{ targets: [`127.0.0.1:${params.port}`] }] });
        }
        receivers.prometheus = { config: { global: { scrape_interval: interval, scrape_timeout: `${Math.min(10, m.scrapeIntervalSeconds)}s` }, scrape_configs: jobs } };
        extensions.azureauth = { managed_identity: { client_id: params.identityClientId }, scopes: [AZURE_MONITOR_SCOPE] };
        exporters.prometheusremotewrite = {
            endpoint: m.ingestionUrl,
            auth: { authenticator: "azureauth" },
            resource_to_telemetry_conversion: { enabled: true },
            retry_on_failure: { enabled: true, initial_interval: "5s", max_interval: "30s", max_elapsed_time: "10m" },
        };
        pipelines.metrics = { receivers: ["prometheus"], processors: ["memory_limiter", "resourcedetection", "resource/service", "batch"], exporters: ["prometheusremotewrite"] };
    }
    if (params.tracing) {
        const t = params.tracing;
        // Localhost only: the container shares the host's network, nothing else may send spans.
        receivers.otlp = { protocols: { grpc: { endpoint: `127.0.0.1:${t.otlpGrpcPort}` }, http: { endpoint: `127.0.0.1:${t.otlpHttpPort}` } } };
        exporters.azuremonitor = { connection_string: `\${env:${CONNECTION_STRING_VARIABLE}}` };
        pipelines.traces = { receivers: ["otlp"], processors: ["memory_limiter", "resourcedetection", "resource/service", "batch"], exporters: ["azuremonitor"] };
    }
    return {
        extensions,
        receivers,
        processors,
        exporters,
        service: { extensions: Object.keys(extensions), pipelines, telemetry: { metrics: { level: "none" } } },
    };
}

/** Downloads a release file and checks it against the release's checksum list. */
function verifiedDownload(url: string, checksumsUrl: string, file: string): string[] {
    return [
        `curl -fsSL --retry 5 -o /tmp/${file} ${shellQuote(url)}`,
        `curl -fsSL --retry 5 -o /tmp/${file}.sums ${shellQuote(checksumsUrl)}`,
        `(cd /tmp && grep ' ${file}$' ${file}.sums | sha256sum -c -)`,
    ];
}

/** Reads the ingestion credential into tmpfs before each start; the collector waits for it. */
function secretsScript(params: VmCollectorParams, secretReader: string): string {
    const lines = ["#!/bin/bash", "set -euo pipefail", "umask 077", `mkdir -p ${SECRETS_DIR}`];
    if (params.tracing) {
        lines.push(
            `value=$(${secretReader} ${shellQuote(params.tracing.connectionStringUrl)})`,
            `printf '%s=%s\\n' ${CONNECTION_STRING_VARIABLE} "$value" > ${SECRETS_DIR}/secrets.env.next`,
            `mv ${SECRETS_DIR}/secrets.env.next ${SECRETS_DIR}/secrets.env`,
        );
    } else {
        lines.push(`: > ${SECRETS_DIR}/secrets.env`);
    }
    return lines.join("\n");
}

/** The package's unit, started only once its secrets are read; restarted until they are. */
function dropIn(): string {
    return [
        "[Unit]",
        "After=network-online.target",
        "Wants=network-online.target",
        "[Service]",
        // "+": root reads Key Vault; the collector itself runs as the package's unprivileged user.
        `ExecStartPre=+${SECRETS_SCRIPT}`,
        `EnvironmentFile=${SECRETS_DIR}/secrets.env`,
        "Restart=always",
        "RestartSec=30",
    ].join("\n");
}

function nodeExporterUnit(port: number): string {
    return [
        "[Unit]",
        "Description=Prometheus node_exporter (host metrics for the platform's collector)",
        "After=network-online.target",
        "[Service]",
        "User=node_exporter",
        // Loopback only: the collector beside it is its one reader.
        `ExecStart=/usr/local/bin/node_exporter --web.listen-address=127.0.0.1:${port}`,
        "Restart=always",
        "NoNewPrivileges=true",
        "ProtectSystem=strict",
        "ProtectHome=true",
        "[Install]",
        "WantedBy=multi-user.target",
    ].join("\n");
}

/** Boot-script lines installing node_exporter and the collector, writing its config and starting both. */
export function collectorBootLines(params: VmCollectorParams, secretReader: string): string[] {
    if (!params.metrics && !params.tracing) {
        return [];
    }
    const arch = debArch(params.architecture);
    const collectorDeb = `otelcol-contrib_${COLLECTOR_RELEASE.version}_linux_${arch}.deb`;
    const collectorBase = `${COLLECTOR_RELEASE.base}/v${COLLECTOR_RELEASE.version}`;
    const lines: string[] = ["", "# Telemetry: the OpenTelemetry collector (and node_exporter when metrics are on)."];
    if (params.metrics) {
        const dir = `node_exporter-${NODE_EXPORTER_RELEASE.version}.linux-${arch}`;
        const base = `${NODE_EXPORTER_RELEASE.base}/v${NODE_EXPORTER_RELEASE.version}`;
        lines.push(
            ...verifiedDownload(`${base}/${dir}.tar.gz`, `${base}/sha256sums.txt`, `${dir}.tar.gz`),
            `tar -xzf /tmp/${dir}.tar.gz -C /tmp`,
            `install -m 755 /tmp/${dir}/node_exporter /usr/local/bin/node_exporter`,
            "id node_exporter >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin node_exporter",
            ...heredoc("/etc/systemd/system/node_exporter.service", nodeExporterUnit(params.metrics.nodeExporterPort), "644"),
        );
    }
    lines.push(
        ...verifiedDownload(`${collectorBase}/${collectorDeb}`, `${collectorBase}/opentelemetry-collector-releases_otelcol-contrib_checksums.txt`, collectorDeb),
        `dpkg -i /tmp/${collectorDeb}`,
        ...heredoc(COLLECTOR_CONFIG_FILE, JSON.stringify(vmCollectorConfig(params), null, 1), "640"),
        "chown root:otelcol-contrib " + COLLECTOR_CONFIG_FILE,
        ...heredoc(SECRETS_SCRIPT, secretsScript(params, secretReader), "700"),
        "mkdir -p /etc/systemd/system/otelcol-contrib.service.d",
        ...heredoc("/etc/systemd/system/otelcol-contrib.service.d/platform.conf", dropIn(), "644"),
        "systemctl daemon-reload",
        ...(params.metrics ? ["systemctl enable --now node_exporter.service"] : []),
        // Restarted, not only started: the package's install started it with its sample config.
        "systemctl enable otelcol-contrib.service",
        "systemctl restart otelcol-contrib.service || true",
    );
    return lines;
}
