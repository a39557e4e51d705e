// The boot script of an app instance, as a pure function of plain values so it is tested
// without Pulumi. It carries secret ARNs only: the instance role reads the values at boot, so
// nothing secret ever lands in user data (which any holder of ec2:DescribeInstanceAttribute reads).

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
    /** Where the container's stdout and stderr go (awslogs driver). */
    logGroup: string;
    /** Fixed name of the instance's Auto Scaling group: the memory metric's dimension. */
    autoScalingGroupName: string;
    /** Plain settings handed to the container. */
    env: Record<string, string>;
    /** Container variable name -> Secrets Manager ARN, resolved at boot with the instance role. */
    secrets: Record<string, string>;
}

/** The seed's liveness probe: every 10 s after a 30 s start period. */
const HEALTH = { interval: "10s", timeout: "5s", retries: 3, startPeriod: "30s" };

const AGENT_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
const ENV_DIR = "/etc/platform";

/** Quotes a value for bash: the only character to care about inside single quotes is `'`. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
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

function assertEnvName(name: string): void {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
        throw new Error(`Invalid container variable name "${name}": use upper-case letters, digits and _`);
    }
}

function healthFlags(params: BootScriptParams): string[] {
    if (params.kind !== "web" || !params.port || !params.healthPath) {
        return [];
    }
    // curl or wget, whichever the image ships; no probe tool counts as unhealthy.
    const url = `http://127.0.0.1:${params.port}${params.healthPath}`;
    const probe = `curl -fsS ${url} >/dev/null || wget -q -O /dev/null ${url} || exit 1`;
    return [
        `--health-cmd ${shellQuote(probe)}`,
        `--health-interval ${HEALTH.interval}`,
        `--health-timeout ${HEALTH.timeout}`,
        `--health-retries ${HEALTH.retries}`,
        `--health-start-period ${HEALTH.startPeriod}`,
    ];
}

export function buildBootScript(params: BootScriptParams): string {
    const envFile = `${ENV_DIR}/${params.service}.env`;
    const names = [...Object.keys(params.env), ...Object.keys(params.secrets)];
    names.forEach(assertEnvName);

    const readSecrets = Object.entries(params.secrets).map(
        ([name, arn]) => `${name}="$(read_secret ${shellQuote(arn)})"`,
    );
    const envLines = [
        ...Object.entries(params.env).map(([name, value]) => `printf '%s=%s\\n' ${name} ${shellQuote(value)}`),
        ...Object.keys(params.secrets).map((name) => `printf '%s=%s\\n' ${name} "$${name}"`),
    ];
    const runFlags = [
        `--name ${shellQuote(params.service)}`,
        // Host networking: the ALB reaches the port directly and IMDSv2 works with a hop limit of 1.
        "--network host",
        "--restart unless-stopped",
        `--env-file ${envFile}`,
        "--log-driver awslogs",
        `--log-opt awslogs-region=${params.region}`,
        `--log-opt awslogs-group=${shellQuote(params.logGroup)}`,
        `--log-opt awslogs-stream=${shellQuote(params.service)}-"$INSTANCE_ID"`,
        ...healthFlags(params),
    ];
    const command = (params.command ?? []).map(shellQuote).join(" ");

    return [
        "#!/bin/bash",
        `# Boot script of the instances of service ${params.service} (${params.kind}), generated by the platform program.`,
        // No `set -x`: the trace would print the secrets into cloud-init's log.
        "set -euo pipefail",
        "",
        "dnf install -y docker amazon-cloudwatch-agent",
        "systemctl enable --now docker",
        "",
        `cat > ${AGENT_CONFIG_PATH} <<'AGENT'`,
        cloudWatchAgentConfig(params.autoScalingGroupName),
        "AGENT",
        `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG_PATH}`,
        "",
        'IMDS_TOKEN="$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H \'X-aws-ec2-metadata-token-ttl-seconds: 300\')"',
        'INSTANCE_ID="$(curl -sS -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" http://169.254.169.254/latest/meta-data/instance-id)"',
        "",
        "# Retries cover the minute IAM may take to honour a new instance profile.",
        "read_secret() {",
        "  for attempt in 1 2 3 4 5 6; do",
        `    aws secretsmanager get-secret-value --region ${params.region} --secret-id "$1" --query SecretString --output text && return 0`,
        "    sleep $((attempt * 10))",
        "  done",
        "  return 1",
        "}",
        ...readSecrets,
        "",
        "# Root-only: the file holds the database password and the Redis AUTH token.",
        "umask 077",
        `mkdir -p ${ENV_DIR}`,
        "{",
        ...envLines.map((line) => `  ${line}`),
        `} > ${envFile}`,
        `chmod 600 ${envFile}`,
        "",
        `until docker pull ${shellQuote(params.image)}; do sleep 10; done`,
        `docker rm -f ${shellQuote(params.service)} 2>/dev/null || true`,
        `docker run -d ${runFlags.join(" \\\n  ")} \\\n  ${shellQuote(params.image)}${command ? ` ${command}` : ""}`,
        "",
    ].join("\n");
}

/** Launch templates take user data base64-encoded. */
export function encodeUserData(script: string): string {
    return Buffer.from(script, "utf8").toString("base64");
}
