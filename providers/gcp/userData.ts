// The startup script of an app instance, as a pure function of plain values so it is tested
// without Pulumi. It carries secret references only: platform-env reads the values with the
// instance's service account, so nothing secret ever lands in instance metadata (which any
// holder of compute.instances.get reads).
//
// Instance groups are created once the platform's credentials exist (appFleet.ts), so the wait
// for them here is short: IAM grants propagating. An instance boots, pulls its image, waits for
// its secrets, starts the container and waits until it is ready; the load balancer's health
// check on the ready path decides when it receives traffic. A timer re-reads the secrets every
// few minutes and restarts the container when a value changed (rotation), so no redeploy is
// needed. Compute Engine runs the script on every boot: every step is idempotent.

import { SEARCH_CA_FILE, SERVICES_CA_FILE } from "../contract";
import { CERTS_DIR, PLATFORM_DIR, PLATFORM_ENV_SCRIPT, POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { assertEnvName, healthFlags, heredoc, shellQuote } from "../vm/bootScript";
import { InstanceTelemetry, instanceTelemetryScript } from "./opsAgent";

export { shellQuote };

/** Where the Memorystore server CA is installed; REDIS_URL names it (platform-env). */
export const REDIS_CA_FILE = `${CERTS_DIR}/redis-ca.pem`;

export interface BootScriptParams {
    project: string;
    service: string;
    kind: "web" | "worker";
    image: string;
    command?: string[];
    /** Web services: the port the container listens on (host networking, so also the host port). */
    port?: number;
    /** Web services: the liveness path the docker HEALTHCHECK probes. */
    healthPath?: string;
    /** Web services: the readiness path that must answer before the boot is done. */
    readyPath?: string;
    /** What platform-env composes the service's environment from. */
    environment: ServiceEnvironmentConfig;
    /** PEM of the Cloud SQL server CA: what sslmode=verify-full checks the server against. */
    databaseCaPem: string;
    /** PEM of the Memorystore server CA(s). */
    cacheCaPem: string;
    /** Services that call others: the (public) CA certificate of the internal URLs. */
    servicesCaPem?: string;
    /** With the search cluster: the CA its certificate chains to. */
    searchCaPem?: string;
    /**
     * Web services behind a load balancer: its source ranges. New connections from them are
     * refused around a restart, so its health check takes the instance out before the container stops.
     */
    drainSourceRanges?: string[];
    /** Metrics and tracing collectors beside the service; absent when both are off. */
    telemetry?: InstanceTelemetry;
}

/**
 * Workers listen on no port: the host answers their autohealing check here, 200 while the
 * container runs (and its own health check, if the image has one, does not say unhealthy).
 */
export const WORKER_HEALTH_PORT = 9099;

/** Google's load balancer proxies and health checkers, for every external Application Load Balancer. */
export const LOAD_BALANCER_SOURCE_RANGES = ["35.191.0.0/16", "130.211.0.0/22"];

/** How long an instance waits for its secrets (IAM grants propagating) before giving up (and being replaced). */
export const CREDENTIALS_WAIT_SECONDS = 1800;
/**
 * The load balancer's health check marks a refusing instance down after three 10 s probes;
 * then the backend's 30 s connection draining lets in-flight requests finish.
 */
export const DRAIN_SECONDS = 60;
/** How long a started container has to answer its readiness path. */
const READY_WAIT_SECONDS = 600;
/** Rotated secrets reach the containers within this period (plus up to a minute of jitter). */
export const REFRESH_MINUTES = 5;
/** gcloud keeps its state here instead of in a home directory systemd units do not have. */
const GCLOUD_CONFIG_DIR = `${PLATFORM_DIR}/gcloud`;
const OPS_AGENT_INSTALLER = "https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh";

/**
 * The gcloud call platform-env uses to read a secret's current value; the reference is the
 * secret's resource name, projects/<project>/secrets/<id>. The Debian images ship gcloud.
 */
export function gcpSecretReader(): string[] {
    return ["env", `CLOUDSDK_CONFIG=${GCLOUD_CONFIG_DIR}`, "gcloud", "secrets", "versions", "access", "{ref}/versions/latest", "--quiet"];
}

/** The instance's access token from the metadata server: Memorystore Redis Cluster's IAM password. */
export function gcpTokenReader(): string[] {
    return ["env", `CLOUDSDK_CONFIG=${GCLOUD_CONFIG_DIR}`, "gcloud", "auth", "print-access-token", "--quiet"];
}

/** The script that (re)creates the service's container from the current environment file. */
function runScript(params: BootScriptParams, envFile: string): string {
    const runFlags = [
        `--name ${shellQuote(params.service)}`,
        // Host networking: the load balancer reaches the port directly, and the metadata server
        // (the service account's tokens) answers the container as it answers the host.
        "--network host",
        "--restart unless-stopped",
        `--env-file ${envFile}`,
        // The database and cache CA files at the paths the environment names.
        `--volume ${CERTS_DIR}:${CERTS_DIR}:ro`,
        `--label service=${shellQuote(params.service)}`,
        // Straight to Cloud Logging with the service's name as a label.
        "--log-driver gcplogs",
        `--log-opt gcp-project=${shellQuote(params.project)}`,
        "--log-opt gcp-log-cmd=false",
        "--log-opt labels=service",
        ...healthFlags(params),
    ];
    const command = (params.command ?? []).map(shellQuote).join(" ");
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        // A graceful stop gives in-flight requests and tasks time to finish.
        `docker stop -t 30 ${shellQuote(params.service)} >/dev/null 2>&1 || true`,
        `docker rm -f ${shellQuote(params.service)} >/dev/null 2>&1 || true`,
        `exec docker run -d ${runFlags.join(" \\\n  ")} \\\n  ${shellQuote(params.image)}${command ? ` ${command}` : ""}`,
    ].join("\n");
}

/** Bash that waits until the service answers its readiness path (web) or its container runs (worker). */
function readinessCheck(params: BootScriptParams): string[] {
    if (params.kind === "web" && params.port) {
        const url = `http://127.0.0.1:${params.port}${params.readyPath ?? params.healthPath ?? "/"}`;
        return [
            `ready_deadline=$((SECONDS + ${READY_WAIT_SECONDS}))`,
            `until curl -fsS -o /dev/null ${shellQuote(url)}; do`,
            '  [ "$SECONDS" -lt "$ready_deadline" ] || { echo "the service never became ready" >&2; false; }',
            "  sleep 5",
            "done",
        ];
    }
    return ["sleep 15", `[ "$(docker inspect -f '{{.State.Running}}' ${shellQuote(params.service)})" = true ]`];
}

/** iptables rules refusing new connections from the load balancer to the service's port. */
function drainRules(params: BootScriptParams, action: "-I" | "-D"): string[] {
    return (params.drainSourceRanges ?? []).map(
        (range) => `iptables ${action} INPUT -p tcp --syn --dport ${params.port} -s ${range} -j REJECT --reject-with tcp-reset`,
    );
}

/**
 * Re-reads the secrets; recreates the container only when the environment changed. A web
 * instance first refuses the load balancer's new connections, so its health check takes the
 * instance out and in-flight requests drain; then it restarts, waits until ready and accepts
 * again: rotation costs no failed request.
 */
function refreshScript(params: BootScriptParams, configFile: string, envFile: string, runFile: string): string {
    const refuse = params.port ? drainRules(params, "-I") : [];
    const accept = params.port ? drainRules(params, "-D").map((rule) => `${rule} || true`) : [];
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        `/usr/local/sbin/platform-env ${configFile} ${envFile}.next || exit 0`,
        `if [ "$(sha256sum < ${envFile}.next)" = "$(sha256sum < ${envFile})" ]; then rm -f ${envFile}.next; exit 0; fi`,
        ...(refuse.length ? [...refuse, `sleep ${DRAIN_SECONDS}`] : []),
        // Accept again even if readiness fails: the health checks then mark it unhealthy and the
        // group's autohealing replaces it, instead of an instance silently out of service.
        ...(accept.length ? [`trap '${accept.join("; ").replace(/'/g, `'\\''`)}' EXIT`] : []),
        `mv ${envFile}.next ${envFile}`,
        runFile,
        ...readinessCheck(params),
    ].join("\n");
}

/** The worker's health endpoint: Python's standard library asking Docker about the container. */
function workerHealthServer(service: string): string {
    return [
        "#!/usr/bin/env python3",
        "import http.server, subprocess",
        "",
        "class Health(http.server.BaseHTTPRequestHandler):",
        "    def do_GET(self):",
        `        state = subprocess.run(["docker", "inspect", "-f", "{{.State.Running}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", ${JSON.stringify(service)}], capture_output=True, text=True)`,
        '        serving = state.returncode == 0 and state.stdout.split()[:1] == ["true"] and "unhealthy" not in state.stdout',
        "        self.send_response(200 if serving else 503)",
        "        self.end_headers()",
        "",
        "    def log_message(self, *args):",
        "        pass",
        "",
        `http.server.ThreadingHTTPServer(("0.0.0.0", ${WORKER_HEALTH_PORT}), Health).serve_forever()`,
    ].join("\n");
}

function workerHealthUnit(service: string, serverFile: string): string {
    return ["[Unit]", `Description=Autohealing endpoint of ${service}`, "After=docker.service", "[Service]", `ExecStart=${serverFile}`, "Restart=always", "[Install]", "WantedBy=multi-user.target"].join("\n");
}

function systemdUnits(service: string, refreshFile: string): { service: string; timer: string } {
    return {
        service: ["[Unit]", `Description=Re-read the platform secrets of ${service}`, "[Service]", "Type=oneshot", `ExecStart=${refreshFile}`].join("\n"),
        timer: [
            "[Unit]",
            `Description=Re-read the platform secrets of ${service} every ${REFRESH_MINUTES} minutes`,
            "[Timer]",
            `OnActiveSec=${REFRESH_MINUTES}min`,
            `OnUnitActiveSec=${REFRESH_MINUTES}min`,
            // Instances of one group do not restart their containers in the same minute.
            "RandomizedDelaySec=60",
            "[Install]",
            "WantedBy=timers.target",
        ].join("\n"),
    };
}

export function buildBootScript(params: BootScriptParams): string {
    const env = params.environment;
    [...Object.keys(env.plain), ...Object.keys(env.secrets)].forEach(assertEnvName);
    const configFile = `${PLATFORM_DIR}/${params.service}.json`;
    const envFile = `${PLATFORM_DIR}/${params.service}.env`;
    const runFile = `/usr/local/sbin/platform-run-${params.service}`;
    const refreshFile = `/usr/local/sbin/platform-refresh-${params.service}`;
    const units = systemdUnits(params.service, refreshFile);

    return [
        "#!/bin/bash",
        `# Startup script of the instances of service ${params.service} (${params.kind}), generated by the platform program.`,
        // No `set -x`: the trace would print the secrets into the serial console's log.
        "set -euo pipefail",
        "umask 077",
        "export DEBIAN_FRONTEND=noninteractive",
        `mkdir -p ${CERTS_DIR} ${GCLOUD_CONFIG_DIR}`,
        "# Any failure stops the instance; its group recreates it.",
        `trap 'echo "platform boot failed at line $LINENO" >&2; systemctl poweroff' ERR`,
        "",
        // Package mirrors over HTTPS: the app tier's egress is 443 only.
        "sed -i 's|http://deb.debian.org|https://deb.debian.org|g' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true",
        "until command -v docker >/dev/null && command -v iptables >/dev/null; do apt-get update && apt-get install -y docker.io iptables || sleep 10; done",
        "systemctl enable --now docker",
        // The Ops Agent publishes memory and disk use, which Compute Engine does not see.
        "if ! systemctl is-enabled --quiet google-cloud-ops-agent 2>/dev/null; then",
        `  until curl -fsS --retry 5 -o /tmp/add-ops-agent-repo.sh ${OPS_AGENT_INSTALLER}; do sleep 10; done`,
        "  bash /tmp/add-ops-agent-repo.sh --also-install",
        "fi",
        ...(params.telemetry ? instanceTelemetryScript(params.telemetry) : []),
        "",
        ...heredoc("/usr/local/sbin/platform-env", PLATFORM_ENV_SCRIPT, "700"),
        ...heredoc(configFile, JSON.stringify(env, null, 1), "600"),
        ...heredoc(runFile, runScript(params, envFile), "700"),
        ...heredoc(refreshFile, refreshScript(params, configFile, envFile, runFile), "700"),
        ...heredoc(`/etc/systemd/system/platform-refresh-${params.service}.service`, units.service, "644"),
        ...heredoc(`/etc/systemd/system/platform-refresh-${params.service}.timer`, units.timer, "644"),
        ...(params.kind === "worker"
            ? [
                  ...heredoc(`/usr/local/sbin/platform-health-${params.service}`, workerHealthServer(params.service), "700"),
                  ...heredoc(`/etc/systemd/system/platform-health-${params.service}.service`, workerHealthUnit(params.service, `/usr/local/sbin/platform-health-${params.service}`), "644"),
              ]
            : []),
        ...heredoc(POSTGRES_CA_FILE, params.databaseCaPem, "644"),
        ...heredoc(REDIS_CA_FILE, params.cacheCaPem, "644"),
        ...(params.servicesCaPem ? heredoc(SERVICES_CA_FILE, params.servicesCaPem, "644") : []),
        ...(params.searchCaPem ? heredoc(SEARCH_CA_FILE, params.searchCaPem, "644") : []),
        `chmod 755 ${CERTS_DIR}`,
        `until docker pull ${shellQuote(params.image)}; do sleep 10; done`,
        "",
        "# The service account's grants may still be propagating; wait for the secrets to read.",
        `wait_deadline=$((SECONDS + ${CREDENTIALS_WAIT_SECONDS}))`,
        "while true; do",
        `  status=0; /usr/local/sbin/platform-env ${configFile} ${envFile} || status=$?`,
        '  [ "$status" -eq 0 ] && break',
        '  [ "$status" -eq 75 ] && [ "$SECONDS" -lt "$wait_deadline" ] || { echo "platform-env failed ($status)" >&2; false; }',
        "  sleep 10",
        "done",
        runFile,
        ...readinessCheck(params),
        "",
        "systemctl daemon-reload",
        `systemctl enable --now platform-refresh-${params.service}.timer`,
        ...(params.kind === "worker" ? [`systemctl enable --now platform-health-${params.service}.service`] : []),
        "",
    ].join("\n");
}

/** Compute Engine accepts at most 256 KB in one metadata value. */
export const METADATA_VALUE_LIMIT_BYTES = 262144;

/** The script as the `startup-script` metadata value, refused when Compute Engine would refuse it. */
export function startupScriptMetadata(script: string): string {
    const bytes = Buffer.byteLength(script, "utf8");
    if (bytes > METADATA_VALUE_LIMIT_BYTES) {
        throw new Error(`The startup script is ${bytes} bytes; Compute Engine accepts at most ${METADATA_VALUE_LIMIT_BYTES} in one metadata value`);
    }
    return script;
}
