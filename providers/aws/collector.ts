// The telemetry agents of an app instance, as pure functions of plain values: the AWS Distro
// for OpenTelemetry (ADOT) collector and node_exporter, both pinned, and the collector's
// configuration. node_exporter and the OTLP receivers listen on the loopback interface only:
// the collector beside them is their one client, so no security group opens a port.
//
// Metrics: the Prometheus receiver scrapes node_exporter and the service's own /metrics every
// 15 s and the collector remote-writes them, signed with SigV4 by the instance role, to the
// managed Prometheus workspace. Traces: the services' OTLP spans go to X-Ray. The agents are
// installed by a script of their own whose failure is logged, never fatal: an instance that
// cannot reach the download hosts still serves, it only lacks its metrics.

import { ServiceSpec, TelemetrySpec } from "../../tiers/types";
import { createHash } from "crypto";
import { heredoc, shellQuote } from "../vm/bootScript";

/** ADOT collector release (RPM per architecture) and node_exporter release, pinned. */
export const TELEMETRY_AGENTS = {
    adot: { version: "v0.42.0", rpm: (arch: RpmArch) => `https://aws-otel-collector.s3.amazonaws.com/amazon_linux/${arch}/${TELEMETRY_AGENTS.adot.version}/aws-otel-collector.rpm` },
    nodeExporter: {
        version: "1.9.1",
        tarball: (arch: RpmArch) => `node_exporter-${TELEMETRY_AGENTS.nodeExporter.version}.linux-${arch}`,
        base: () => `https://github.com/prometheus/node_exporter/releases/download/v${TELEMETRY_AGENTS.nodeExporter.version}`,
    },
} as const;

export type RpmArch = "amd64" | "arm64";

/** The span attribute (an X-Ray annotation) naming the platform, which its trace group filters on. */
export const TRACE_ANNOTATION = "platform";

export const COLLECTOR_CONFIG_PATH = "/opt/aws/aws-otel-collector/etc/platform.json";
const INSTANCE_PLACEHOLDER = "@INSTANCE_ID@";

export interface CollectorParams {
    region: string;
    /** The platform's name: the traces' `platform` annotation. */
    platform: string;
    service: string;
    /** The Auto Scaling group: a label on every series, so dashboards group by fleet. */
    group: string;
    architecture: "x86_64" | "arm64";
    /** Web services: the port whose metrics path is scraped. */
    port?: number;
    metrics?: { remoteWriteUrl: string; scrapeIntervalSeconds: number; nodeExporterPort: number; metricsPath: string };
    tracing?: { otlpGrpcPort: number; otlpHttpPort: number };
}

/** The Prometheus workspace's remote-write URL from its endpoint (which ends in a slash). */
export function remoteWriteUrl(prometheusEndpoint: string): string {
    return `${prometheusEndpoint.replace(/\/+$/, "")}/api/v1/remote_write`;
}

/**
 * The collector's configuration (JSON, which the collector reads as YAML). The instance id is
 * filled in at boot: it is the `instance` label, since every target is scraped on 127.0.0.1.
 */
export function collectorConfig(params: CollectorParams): string {
    const receivers: Record<string, unknown> = {};
    const exporters: Record<string, unknown> = {};
    const pipelines: Record<string, unknown> = {};
    const processors: Record<string, unknown> = { batch: { timeout: "10s" } };
    const extensions: Record<string, unknown> = { health_check: { endpoint: "127.0.0.1:13133" } };
    const labels = { instance: INSTANCE_PLACEHOLDER, service: params.service, autoscaling_group: params.group };
    if (params.tracing) {
        receivers.otlp = {
            protocols: { grpc: { endpoint: `127.0.0.1:${params.tracing.otlpGrpcPort}` }, http: { endpoint: `127.0.0.1:${params.tracing.otlpHttpPort}` } },
        };
        exporters.awsxray = { region: params.region, indexed_attributes: [TRACE_ANNOTATION] };
        processors["attributes/platform"] = { actions: [{ key: TRACE_ANNOTATION, value: params.platform, action: "upsert" }] };
        pipelines.traces = { receivers: ["otlp"], processors: ["attributes/platform", "batch"], exporters: ["awsxray"] };
    }
    if (params.metrics) {
        const m = params.metrics;
        const interval = `${m.scrapeIntervalSeconds}s`;
        const jobs = [{ job_name: "node", static_configs: [{ targets: [`127.0.0.1:${m.nodeExporterPort}`], labels }] }];
        if (params.port) {
            jobs.push({ job_name: params.service, metrics_path: m.metricsPath, static_configs: [{ targets: [`127.0.0.1:${params.port}`], labels }] } as (typeof jobs)[number]);
        }
        receivers.prometheus = { config: { global: { scrape_interval: interval, evaluation_interval: interval, scrape_timeout: "10s" }, scrape_configs: jobs } };
        extensions.sigv4auth = { region: params.region, service: "aps" };
        exporters.prometheusremotewrite = { endpoint: m.remoteWriteUrl, auth: { authenticator: "sigv4auth" }, resource_to_telemetry_conversion: { enabled: false } };
        // Services that push OTLP metrics instead of serving /metrics land in the same workspace.
        pipelines.metrics = { receivers: params.tracing ? ["prometheus", "otlp"] : ["prometheus"], processors: ["batch"], exporters: ["prometheusremotewrite"] };
    }
    return JSON.stringify({
        extensions,
        receivers,
        processors,
        exporters,
        service: { extensions: Object.keys(extensions), pipelines },
    });
}

function nodeExporterLines(arch: RpmArch, port: number): string[] {
    const ne = TELEMETRY_AGENTS.nodeExporter;
    const dir = ne.tarball(arch);
    const unit = [
        "[Unit]",
        "Description=Prometheus node_exporter (host metrics for the local collector)",
        "[Service]",
        "User=node_exporter",
        `ExecStart=/usr/local/bin/node_exporter --web.listen-address=127.0.0.1:${port}`,
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
    ].join("\\n");
    return [
        `curl -fsSL --retry 5 -o /tmp/ne.tgz ${ne.base()}/${dir}.tar.gz`,
        `curl -fsSL --retry 5 -o /tmp/ne.sums ${ne.base()}/sha256sums.txt`,
        // The release's checksum list guards against a truncated or altered download.
        `(cd /tmp && grep " ${dir}.tar.gz$" ne.sums | sed 's/ .*/  ne.tgz/' | sha256sum -c -)`,
        `tar -xzf /tmp/ne.tgz -C /usr/local/bin --strip-components=1 ${dir}/node_exporter`,
        "id node_exporter >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin node_exporter",
        `printf '${unit}\\n' > /etc/systemd/system/node_exporter.service`,
        "systemctl daemon-reload && systemctl enable --now node_exporter",
    ];
}

/**
 * The script that writes the collector's configuration, installs and starts the agents. It is
 * kept in an SSM parameter (telemetryParameterName) that the boot script reads: in user data it
 * would take a fifth of EC2's 16 KB.
 */
export function telemetryScript(params: CollectorParams): string {
    const arch: RpmArch = params.architecture === "arm64" ? "arm64" : "amd64";
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        'INSTANCE_ID="$(cat /etc/platform/instance-id)"',
        `mkdir -p ${COLLECTOR_CONFIG_PATH.replace(/\/[^/]+$/, "")}`,
        ...heredoc(COLLECTOR_CONFIG_PATH, collectorConfig(params), "644"),
        ...(params.metrics ? nodeExporterLines(arch, params.metrics.nodeExporterPort) : []),
        `dnf install -y ${shellQuote(TELEMETRY_AGENTS.adot.rpm(arch))}`,
        `sed -i "s/${INSTANCE_PLACEHOLDER}/$INSTANCE_ID/g" ${COLLECTOR_CONFIG_PATH}`,
        `/opt/aws/aws-otel-collector/bin/aws-otel-collector-ctl -a start -c ${COLLECTOR_CONFIG_PATH}`,
    ].join("\n");
}

/** Where a service's telemetry script lives; the instance role may read this path only. */
export function telemetryParameterName(platformName: string, service: string): string {
    return `/${platformName}/telemetry/${service}`;
}

/** What the boot script needs: the parameter, and a digest so a changed script rolls the fleet. */
export interface TelemetryBoot {
    parameterName: string;
    digest: string;
}

export function telemetryBoot(platformName: string, service: string, script: string): TelemetryBoot {
    return { parameterName: telemetryParameterName(platformName, service), digest: createHash("sha256").update(script).digest("hex").slice(0, 16) };
}

/** A service's collector settings from the telemetry spec; undefined when metrics and tracing are off. */
export function collectorParams(
    telemetry: Pick<TelemetrySpec, "metrics" | "tracing">,
    service: Pick<ServiceSpec, "name" | "kind" | "port" | "capacity">,
    placement: { region: string; platform: string; group: string; remoteWriteUrl: string },
): CollectorParams | undefined {
    const { metrics, tracing } = telemetry;
    if (!metrics.enabled && !tracing.enabled) {
        return undefined;
    }
    return {
        region: placement.region,
        platform: placement.platform,
        service: service.name,
        group: placement.group,
        architecture: service.capacity.architecture,
        ...(service.kind === "web" && service.port ? { port: service.port } : {}),
        ...(metrics.enabled
            ? { metrics: { remoteWriteUrl: placement.remoteWriteUrl, scrapeIntervalSeconds: metrics.scrapeIntervalSeconds, nodeExporterPort: metrics.nodeExporterPort, metricsPath: metrics.metricsPath } }
            : {}),
        ...(tracing.enabled ? { tracing: { otlpGrpcPort: tracing.otlpGrpcPort, otlpHttpPort: tracing.otlpHttpPort } } : {}),
    };
}
