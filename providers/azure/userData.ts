// The boot script of an app VM (the scale set's custom data, run once by cloud-init), as a pure
// function of plain values so it is tested without Pulumi. It carries secret references only:
// platform-env reads the values from Key Vault with the VM's managed identity, so nothing secret
// lands in custom data (which anyone allowed to read the scale set's model reads).
//
// The scale set is created after the platform has written the application's credentials (the
// fleet waits for the credentials job), so a VM normally finds every secret at its first try; it
// still waits for a while in case role assignments have not propagated. The Application Gateway
// only sends traffic once the ready path answers, and the Application Health extension reports
// the health path to rolling upgrades and automatic repairs: a VM that never serves is replaced.
// A timer re-reads the secrets every few minutes and restarts the container when a value changed
// (rotation), so no redeploy is needed.

import { readFileSync } from "fs";
import { join } from "path";
import { SEARCH_CA_FILE, SERVICES_CA_FILE } from "../contract";
import { CERTS_DIR, PLATFORM_DIR, PLATFORM_ENV_SCRIPT, POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { assertEnvName, healthFlags, heredoc, shellQuote } from "../vm/bootScript";
import { collectorBootLines, VmCollectorParams } from "./collector";

export { shellQuote };

export interface BootScriptParams {
    service: string;
    kind: "web" | "worker";
    image: string;
    command?: string[];
    /** Web services: the port the container listens on (host networking, so also the host port). */
    port?: number;
    /** Web services: the liveness path the docker HEALTHCHECK probes. */
    healthPath?: string;
    /** Web services: the readiness path the gateway probes and a restart waits for. */
    readyPath?: string;
    /** What platform-env composes the service's environment from. */
    environment: ServiceEnvironmentConfig;
    /** Client id of the scale set's user-assigned identity: the one the secret reader asks a token for. */
    identityClientId: string;
    /** Address range the gateway's probes and requests come from: refused while a web VM drains. */
    gatewayCidr?: string;
    /** Services that call others: the (public) CA certificate of the internal URLs. */
    servicesCaPem?: string;
    /** Metrics and tracing on: the collector beside the container (collector.ts). */
    telemetry?: Omit<VmCollectorParams, "service" | "port" | "identityClientId">;
    /** With the search cluster: the CA its certificate chains to. */
    searchCaPem?: string;
}

/** How long a VM waits for its secrets before giving up (and being repaired). */
export const CREDENTIALS_WAIT_SECONDS = 1800;
/** The gateway's probe interval times its unhealthy threshold, plus a margin: it stops sending first. */
const DRAIN_SECONDS = 35;
/** How long a started container has to answer its readiness path. */
const READY_WAIT_SECONDS = 600;
/** Rotated secrets reach the containers within this period (plus up to a minute of jitter). */
export const REFRESH_MINUTES = 5;
/**
 * Workers serve no HTTP: a local endpoint answers for them whether their container runs, so the
 * Application Health extension (which rolling upgrades and repairs need) has something to probe.
 */
export const WORKER_HEALTH_PORT = 9180;
export const WORKER_HEALTH_PATH = "/health";

export const SECRET_READER_PATH = "/usr/local/sbin/key-vault-read";
const SECRET_READER_SCRIPT = readFileSync(join(__dirname, "key-vault-read.py"), "utf8");
/** The roots of Azure PostgreSQL flexible server certificates, shipped rather than downloaded at boot. */
export const POSTGRES_CA_PEM = readFileSync(join(__dirname, "postgres-ca.pem"), "utf8");

/** Installs the Key Vault reader for the given managed identity (its client id). */
export function secretReaderInstall(identityClientId: string): string[] {
    return heredoc(SECRET_READER_PATH, SECRET_READER_SCRIPT.replace("@CLIENT_ID@", identityClientId), "700");
}

/** The command platform-env runs to read a secret's current value ("{ref}": the secret's URL). */
export function keyVaultSecretReader(): string[] {
    return [SECRET_READER_PATH, "{ref}"];
}

/** The reference platform-env passes to the reader: the secret's versionless data-plane URL. */
export function keyVaultSecretUrl(vaultName: string, secretName: string): string {
    return `https://${vaultName}.vault.azure.net/secrets/${secretName}`;
}

/** The script that (re)creates the service's container from the current environment file. */
function runScript(params: BootScriptParams, envFile: string): string {
    const runFlags = [
        `--name ${shellQuote(params.service)}`,
        // Host networking: the gateway reaches the port directly, and IMDS answers the container too.
        "--network host",
        "--restart unless-stopped",
        `--env-file ${envFile}`,
        // The database CA bundle at the path PGSSLROOTCERT and DATABASE_URL name.
        `--volume ${CERTS_DIR}:${CERTS_DIR}:ro`,
        // journald: the Azure Monitor agent ships the journal to Log Analytics, tagged by service.
        "--log-driver journald",
        `--log-opt tag=${shellQuote(params.service)}`,
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

/**
 * The iptables rule that drains a web VM: new connections from the gateway are refused, so its
 * probes mark the VM down and it sends no new request, while established ones finish.
 */
function drainRule(params: BootScriptParams, action: "-I" | "-D"): string {
    return `iptables ${action} INPUT -p tcp --syn --dport ${params.port} -s ${params.gatewayCidr} -j REJECT --reject-with tcp-reset`;
}

/**
 * Re-reads the secrets; recreates the container only when the environment changed. A web VM
 * first leaves the gateway's rotation, restarts, waits until it is ready and rejoins: rotation
 * costs no failed request.
 */
function refreshScript(params: BootScriptParams, configFile: string, envFile: string, runFile: string): string {
    const drains = params.kind === "web" && params.port !== undefined && params.gatewayCidr !== undefined;
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        `/usr/local/sbin/platform-env ${configFile} ${envFile}.next || exit 0`,
        `if [ "$(sha256sum < ${envFile}.next)" = "$(sha256sum < ${envFile})" ]; then rm -f ${envFile}.next; exit 0; fi`,
        ...(drains ? [drainRule(params, "-I"), `sleep ${DRAIN_SECONDS}`] : []),
        `mv ${envFile}.next ${envFile}`,
        // Rejoin even if readiness fails: the gateway's probe then keeps it out and the health
        // extension reports it, so automatic repairs replace it instead of it idling unnoticed.
        ...(drains ? [`trap ${shellQuote(`${drainRule(params, "-D")} || true`)} EXIT`] : []),
        runFile,
        ...readinessCheck(params),
    ].join("\n");
}

/** A tiny local endpoint for the health extension of a worker: 200 while its container runs. */
function workerHealthServer(service: string): string {
    return [
        "#!/usr/bin/env python3",
        "import http.server, subprocess",
        "class Health(http.server.BaseHTTPRequestHandler):",
        "    def do_GET(self):",
        `        state = subprocess.run(["docker", "inspect", "-f", "{{.State.Running}}", ${JSON.stringify(service)}], capture_output=True, text=True).stdout.strip()`,
        `        self.send_response(200 if self.path == ${JSON.stringify(WORKER_HEALTH_PATH)} and state == "true" else 503)`,
        "        self.end_headers()",
        "    def log_message(self, *args):",
        "        pass",
        `http.server.HTTPServer(("127.0.0.1", ${WORKER_HEALTH_PORT}), Health).serve_forever()`,
    ].join("\n");
}

function systemdUnits(service: string, refreshFile: string, healthFile: string): Record<string, string> {
    return {
        [`platform-refresh-${service}.service`]: ["[Unit]", `Description=Re-read the platform secrets of ${service}`, "[Service]", "Type=oneshot", `ExecStart=${refreshFile}`].join("\n"),
        [`platform-refresh-${service}.timer`]: [
            "[Unit]",
            `Description=Re-read the platform secrets of ${service} every ${REFRESH_MINUTES} minutes`,
            "[Timer]",
            `OnActiveSec=${REFRESH_MINUTES}min`,
            `OnUnitActiveSec=${REFRESH_MINUTES}min`,
            // VMs of one scale set do not restart their containers in the same minute.
            "RandomizedDelaySec=60",
            "[Install]",
            "WantedBy=timers.target",
        ].join("\n"),
        [`platform-health-${service}.service`]: [
            "[Unit]",
            `Description=Health endpoint of worker ${service} for the Application Health extension`,
            "After=docker.service",
            "[Service]",
            `ExecStart=${healthFile}`,
            "Restart=always",
            "[Install]",
            "WantedBy=multi-user.target",
        ].join("\n"),
    };
}

export function buildBootScript(params: BootScriptParams): string {
    const env = params.environment;
    [...Object.keys(env.plain), ...Object.keys(env.secrets)].forEach(assertEnvName);
    if (!/^[0-9a-f-]+$/i.test(params.identityClientId)) {
        throw new Error(`"${params.identityClientId}" is not a managed identity client id`);
    }
    const configFile = `${PLATFORM_DIR}/${params.service}.json`;
    const envFile = `${PLATFORM_DIR}/${params.service}.env`;
    const runFile = `/usr/local/sbin/platform-run-${params.service}`;
    const refreshFile = `/usr/local/sbin/platform-refresh-${params.service}`;
    const healthFile = `/usr/local/sbin/platform-health-${params.service}`;
    const units = systemdUnits(params.service, refreshFile, healthFile);
    const worker = params.kind === "worker";
    const unitFiles = Object.entries(units).filter(([name]) => worker || !name.startsWith("platform-health-"));

    return [
        "#!/bin/bash",
        `# Boot script of the VMs of service ${params.service} (${params.kind}), generated by the platform program.`,
        // No `set -x`: the trace would print the secrets into cloud-init's log.
        "set -euo pipefail",
        "umask 077",
        `mkdir -p ${CERTS_DIR}`,
        "",
        "export DEBIAN_FRONTEND=noninteractive",
        "until apt-get update -q; do sleep 10; done",
        "apt-get install -y -q docker.io",
        "systemctl enable --now docker",
        "",
        ...heredoc("/usr/local/sbin/platform-env", PLATFORM_ENV_SCRIPT, "700"),
        ...heredoc(SECRET_READER_PATH, SECRET_READER_SCRIPT.replace("@CLIENT_ID@", params.identityClientId), "700"),
        ...heredoc(configFile, JSON.stringify(env, null, 1), "600"),
        ...heredoc(runFile, runScript(params, envFile), "700"),
        ...heredoc(refreshFile, refreshScript(params, configFile, envFile, runFile), "700"),
        ...(worker ? heredoc(healthFile, workerHealthServer(params.service), "700") : []),
        ...unitFiles.flatMap(([name, text]) => heredoc(`/etc/systemd/system/${name}`, text, "644")),
        ...heredoc(POSTGRES_CA_FILE, POSTGRES_CA_PEM, "644"),
        `chmod 755 ${CERTS_DIR}`,
        ...(params.servicesCaPem ? heredoc(SERVICES_CA_FILE, params.servicesCaPem, "644") : []),
        ...(params.searchCaPem ? heredoc(SEARCH_CA_FILE, params.searchCaPem, "644") : []),
        `until docker pull ${shellQuote(params.image)}; do sleep 10; done`,
        // Before the service starts, so its first requests are measured and traced.
        ...(params.telemetry ? collectorBootLines({ ...params.telemetry, service: params.service, port: params.port, identityClientId: params.identityClientId }, SECRET_READER_PATH) : []),
        "",
        "# Role assignments take minutes to propagate: not ready (75) means try again.",
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
        ...(worker ? [`systemctl enable --now platform-health-${params.service}.service`] : []),
        `systemctl enable --now platform-refresh-${params.service}.timer`,
        "",
    ].join("\n");
}

/** Azure accepts at most 64 KB of custom data (decoded). */
export const CUSTOM_DATA_LIMIT_BYTES = 65535;

/** Scale sets take custom data base64-encoded. */
export function encodeCustomData(script: string): string {
    const bytes = Buffer.byteLength(script, "utf8");
    if (bytes > CUSTOM_DATA_LIMIT_BYTES) {
        throw new Error(`The boot script is ${bytes} bytes; Azure accepts at most ${CUSTOM_DATA_LIMIT_BYTES} of custom data`);
    }
    return Buffer.from(script, "utf8").toString("base64");
}
