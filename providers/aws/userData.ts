// The boot script of an app instance, as a pure function of plain values so it is tested
// without Pulumi. It carries secret references only: platform-env reads the values with the
// instance role, so nothing secret ever lands in user data (which any holder of
// ec2:DescribeInstanceAttribute reads).
//
// An instance does not wait for the database at template time: it boots, pulls its image and
// waits (in the Auto Scaling launch lifecycle hook, so the load balancer and the health checks
// leave it alone) until the platform has written its credentials, which happens seconds after
// the database exists. Then it starts the container, waits for it to be ready and joins the
// group. A timer re-reads the secrets every few minutes and restarts the container when a value
// changed (rotation), so no redeploy is needed.

import { SERVICES_CA_FILE } from "../contract";
import { CERTS_DIR, PLATFORM_DIR, PLATFORM_ENV_SCRIPT, POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { assertEnvName, healthFlags, heredoc, shellQuote } from "../vm/bootScript";
import { TelemetryBoot } from "./collector";

export { shellQuote };

export interface BootScriptParams {
    region: string;
    service: string;
    kind: "web" | "worker";
    image: string;
    command?: string[];
    /** Web services: the port the container listens on (host networking, so also the host port). */
    port?: number;
    /** Web services: the liveness path the docker HEALTHCHECK probes. */
    healthPath?: string;
    /** Web services: the readiness path that must answer before the instance joins. */
    readyPath?: string;
    /** Where the container's stdout and stderr go (awslogs driver). */
    logGroup: string;
    /** Fixed name of the instance's Auto Scaling group: the memory metric's dimension. */
    autoScalingGroupName: string;
    /** The launch lifecycle hook the instance completes once it serves. */
    lifecycleHookName: string;
    /** What platform-env composes the service's environment from. */
    environment: ServiceEnvironmentConfig;
    /** Services that call others: the (public) CA certificate of the internal URLs. */
    servicesCaPem?: string;
    /** Target groups of a web service: drained around a restart so no request meets a stopped container. */
    targetGroupArns?: string[];
    /** Metrics and/or tracing on: the script that installs the collector and node_exporter. */
    telemetry?: TelemetryBoot;
}

/** How long an instance waits for the platform's credentials before giving up (and being replaced). */
export const CREDENTIALS_WAIT_SECONDS = 3600;
/**
 * The launch hook's heartbeat timeout. Heartbeats every HEARTBEAT_EVERY_SECONDS while waiting
 * for credentials and for readiness keep it open; the longest stretch without one (boot,
 * packages, image pull) stays well inside it.
 */
export const LIFECYCLE_HEARTBEAT_SECONDS = 1800;
const HEARTBEAT_EVERY_SECONDS = 300;
/** The target groups' deregistration delay plus a margin: in-flight requests finish first. */
const DRAIN_SECONDS = 35;
/** How long a started container has to answer its readiness path. */
const READY_WAIT_SECONDS = 600;
/** Rotated secrets reach the containers within this period (plus up to a minute of jitter). */
export const REFRESH_MINUTES = 5;

const AGENT_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";

/** Amazon's CA bundle for RDS in this region: what sslmode=verify-full checks the server against. */
export function rdsCaBundleUrl(region: string): string {
    return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
}

/** RDS Proxy's certificate comes from ACM and chains to Amazon Root CA 1, not to the RDS CAs. */
export const AMAZON_ROOT_CA_URL = "https://www.amazontrust.com/repository/AmazonRootCA1.pem";

/** What PGSSLROOTCERT holds: the RDS bundle, and Amazon's root when the application goes through the proxy. */
export function postgresCaUrls(region: string, pooled: boolean): string[] {
    return pooled ? [rdsCaBundleUrl(region), AMAZON_ROOT_CA_URL] : [rdsCaBundleUrl(region)];
}

/** Each file whole (a retried download never leaves half a certificate), then one bundle. */
function caDownloads(urls: string[], target: string): string[] {
    const parts = urls.map((_, index) => (index === 0 ? target : `${target}.${index}`));
    return [
        ...urls.map((url, index) => `until curl -fsS -o ${parts[index]} ${url}; do sleep 5; done`),
        ...parts.slice(1).map((part) => `cat ${part} >> ${target} && rm ${part}`),
    ];
}

/** The AWS CLI call platform-env uses to read a secret's current value. */
export function awsSecretReader(region: string): string[] {
    return ["aws", "secretsmanager", "get-secret-value", "--region", region, "--secret-id", "{ref}", "--query", "SecretString", "--output", "text"];
}

/**
 * The CloudWatch agent publishes mem_used_percent (and disk_used_percent) in CWAgent with the group's name as a fixed
 * dimension (a literal, not `${aws:AutoScalingGroupName}`, which would need ec2:DescribeTags)
 * and an aggregate over that dimension alone, which is what the memory alarm watches.
 */
export function cloudWatchAgentConfig(autoScalingGroupName: string): string {
    return JSON.stringify({
        agent: { metrics_collection_interval: 60, omit_hostname: true },
        metrics: {
            namespace: "CWAgent",
            append_dimensions: { InstanceId: "${aws:InstanceId}" },
            aggregation_dimensions: [["AutoScalingGroupName"]],
            metrics_collected: {
                mem: {
                    measurement: ["mem_used_percent"],
                    append_dimensions: { AutoScalingGroupName: autoScalingGroupName },
                },
                // The root volume holds images and container logs: the dashboard's "Disk used (%)".
                disk: {
                    measurement: ["used_percent"],
                    resources: ["/"],
                    drop_device: true,
                    append_dimensions: { AutoScalingGroupName: autoScalingGroupName },
                },
            },
        },
    });
}

/**
 * Installs the telemetry agents before the service starts, so its first spans find the
 * collector. A failure is logged, never fatal: the instance serves without its metrics.
 */
function telemetryLines(region: string, boot: TelemetryBoot): string[] {
    const script = "/usr/local/sbin/platform-telemetry";
    return [
        `# Telemetry agents, script ${boot.digest}`,
        `( aws ssm get-parameter --region ${region} --name ${shellQuote(boot.parameterName)} --query Parameter.Value --output text > ${script} && chmod 700 ${script} && ${script} ) || echo 'telemetry agents not installed; the service runs without them' >&2`,
    ];
}

/** The script that (re)creates the service's container from the current environment file. */
function runScript(params: BootScriptParams, envFile: string): string {
    const runFlags = [
        `--name ${shellQuote(params.service)}`,
        // Host networking: the ALB reaches the port directly and IMDSv2 works with a hop limit of 1.
        "--network host",
        "--restart unless-stopped",
        `--env-file ${envFile}`,
        // The database CA bundle at the path PGSSLROOTCERT and DATABASE_URL name.
        `--volume ${CERTS_DIR}:${CERTS_DIR}:ro`,
        "--log-driver awslogs",
        `--log-opt awslogs-region=${params.region}`,
        `--log-opt awslogs-group=${shellQuote(params.logGroup)}`,
        `--log-opt awslogs-stream=${shellQuote(params.service)}-"$INSTANCE_ID"`,
        ...healthFlags(params),
    ];
    const command = (params.command ?? []).map(shellQuote).join(" ");
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        'INSTANCE_ID="$(cat /etc/platform/instance-id)"',
        // A graceful stop gives in-flight requests and tasks time to finish.
        `docker stop -t 30 ${shellQuote(params.service)} >/dev/null 2>&1 || true`,
        `docker rm -f ${shellQuote(params.service)} >/dev/null 2>&1 || true`,
        `exec docker run -d ${runFlags.join(" \\\n  ")} \\\n  ${shellQuote(params.image)}${command ? ` ${command}` : ""}`,
    ].join("\n");
}

/** Bash that waits until the service answers its readiness path (web) or its container runs (worker). */
function readinessCheck(params: BootScriptParams, beat: string): string[] {
    if (params.kind === "web" && params.port) {
        const url = `http://127.0.0.1:${params.port}${params.readyPath ?? params.healthPath ?? "/"}`;
        return [
            `ready_deadline=$((SECONDS + ${READY_WAIT_SECONDS}))`,
            `until curl -fsS -o /dev/null ${shellQuote(url)}; do`,
            '  [ "$SECONDS" -lt "$ready_deadline" ] || { echo "the service never became ready" >&2; false; }',
            ...(beat ? [`  ${beat}`] : []),
            "  sleep 5",
            "done",
        ];
    }
    return ["sleep 15", `[ "$(docker inspect -f '{{.State.Running}}' ${shellQuote(params.service)})" = true ]`];
}

/**
 * Re-reads the secrets; recreates the container only when the environment changed. A web
 * instance first leaves its target groups (the load balancer drains it), restarts, waits until
 * it is ready and rejoins: rotation costs no failed request.
 */
function refreshScript(params: BootScriptParams, configFile: string, envFile: string, runFile: string): string {
    const targets = params.targetGroupArns ?? [];
    const elb = (action: string) =>
        targets.map((arn) => `aws elbv2 ${action} --region ${params.region} --target-group-arn ${shellQuote(arn)} --targets "Id=$INSTANCE_ID"`);
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        `/usr/local/sbin/platform-env ${configFile} ${envFile}.next || exit 0`,
        `if [ "$(sha256sum < ${envFile}.next)" = "$(sha256sum < ${envFile})" ]; then rm -f ${envFile}.next; exit 0; fi`,
        'INSTANCE_ID="$(cat /etc/platform/instance-id)"',
        ...(targets.length ? [...elb("deregister-targets"), `sleep ${DRAIN_SECONDS}`] : []),
        `mv ${envFile}.next ${envFile}`,
        // Rejoin even if readiness fails: the load balancer's checks then mark it unhealthy and
        // Auto Scaling replaces it, instead of an instance silently out of service.
        ...(targets.length ? [`trap '${elb("register-targets").join("; ").replace(/'/g, `'\\''`)}' EXIT`] : []),
        runFile,
        ...readinessCheck(params, ""),
    ].join("\n");
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
    const lifecycle = (action: string, extra: string) =>
        `aws autoscaling ${action} --region ${params.region} --auto-scaling-group-name ${shellQuote(params.autoScalingGroupName)} --lifecycle-hook-name ${shellQuote(params.lifecycleHookName)} --instance-id "$INSTANCE_ID"${extra}`;
    // A heartbeat at most every few minutes, wherever the boot waits.
    const HEARTBEAT = `if [ "$SECONDS" -ge "$next_beat" ]; then ${lifecycle("record-lifecycle-action-heartbeat", "")} || true; next_beat=$((SECONDS + ${HEARTBEAT_EVERY_SECONDS})); fi`;

    return [
        "#!/bin/bash",
        `# Boot script of the instances of service ${params.service} (${params.kind}), generated by the platform program.`,
        // No `set -x`: the trace would print the secrets into cloud-init's log.
        "set -euo pipefail",
        "umask 077",
        "",
        'IMDS_TOKEN="$(curl -fsS --retry 5 --retry-connrefused -X PUT http://169.254.169.254/latest/api/token -H \'X-aws-ec2-metadata-token-ttl-seconds: 300\')"',
        'INSTANCE_ID="$(curl -fsS --retry 5 --retry-connrefused -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" http://169.254.169.254/latest/meta-data/instance-id)"',
        `mkdir -p ${CERTS_DIR}`,
        'echo "$INSTANCE_ID" > /etc/platform/instance-id',
        "# Any failure hands the instance back to Auto Scaling, which replaces it.",
        `trap '${lifecycle("complete-lifecycle-action", " --lifecycle-action-result ABANDON").replace(/'/g, `'\\''`)} || true' ERR`,
        "",
        "dnf install -y docker amazon-cloudwatch-agent",
        "systemctl enable --now docker",
        ...heredoc(AGENT_CONFIG_PATH, cloudWatchAgentConfig(params.autoScalingGroupName), "644"),
        `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG_PATH}`,
        ...(params.telemetry ? telemetryLines(params.region, params.telemetry) : []),
        "",
        ...heredoc("/usr/local/sbin/platform-env", PLATFORM_ENV_SCRIPT, "700"),
        ...heredoc(configFile, JSON.stringify(env, null, 1), "600"),
        ...heredoc(runFile, runScript(params, envFile), "700"),
        ...heredoc(refreshFile, refreshScript(params, configFile, envFile, runFile), "700"),
        ...heredoc(`/etc/systemd/system/platform-refresh-${params.service}.service`, units.service, "644"),
        ...heredoc(`/etc/systemd/system/platform-refresh-${params.service}.timer`, units.timer, "644"),
        "",
        ...caDownloads(postgresCaUrls(params.region, Boolean(env.database.pool)), `${POSTGRES_CA_FILE}.next`),
        `mv ${POSTGRES_CA_FILE}.next ${POSTGRES_CA_FILE} && chmod 644 ${POSTGRES_CA_FILE} && chmod 755 ${CERTS_DIR}`,
        ...(params.servicesCaPem ? heredoc(SERVICES_CA_FILE, params.servicesCaPem, "644") : []),
        `until docker pull ${shellQuote(params.image)}; do sleep 10; done`,
        "",
        "# The platform writes the credentials once the database exists; keep the launch hook open meanwhile.",
        `wait_deadline=$((SECONDS + ${CREDENTIALS_WAIT_SECONDS})); next_beat=$((SECONDS + ${HEARTBEAT_EVERY_SECONDS}))`,
        "while true; do",
        `  status=0; /usr/local/sbin/platform-env ${configFile} ${envFile} || status=$?`,
        '  [ "$status" -eq 0 ] && break',
        '  [ "$status" -eq 75 ] && [ "$SECONDS" -lt "$wait_deadline" ] || { echo "platform-env failed ($status)" >&2; false; }',
        `  ${HEARTBEAT}`,
        "  sleep 10",
        "done",
        runFile,
        `# Join the group (and the load balancer) only once the service is ready.`,
        ...readinessCheck(params, HEARTBEAT),
        lifecycle("complete-lifecycle-action", " --lifecycle-action-result CONTINUE"),
        "",
        "systemctl daemon-reload",
        `systemctl enable --now platform-refresh-${params.service}.timer`,
        "",
    ].join("\n");
}

/** EC2 accepts at most 16 KB of user data before base64. */
export const USER_DATA_LIMIT_BYTES = 16384;

/** Launch templates take user data base64-encoded. */
export function encodeUserData(script: string): string {
    const bytes = Buffer.byteLength(script, "utf8");
    if (bytes > USER_DATA_LIMIT_BYTES) {
        throw new Error(`The boot script is ${bytes} bytes; EC2 accepts at most ${USER_DATA_LIMIT_BYTES}`);
    }
    return Buffer.from(script, "utf8").toString("base64");
}
