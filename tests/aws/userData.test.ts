// The instance boot script is a pure function: checked here for what must never be in it, what
// the alarms and health checks rely on, and the order that lets instances boot before the
// database exists without being replaced.
import { expect } from "chai";
import { execFileSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildBootScript, cloudWatchAgentConfig, encodeUserData, rdsCaBundleUrl, shellQuote, USER_DATA_LIMIT_BYTES } from "../../providers/aws/userData";

const SECRET = (path: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-test/${path}-AbCdEf`;

const WEB = {
    region: "eu-west-1",
    service: "api",
    kind: "web" as const,
    image: "ghcr.io/example/ideation-api:1.0.0",
    command: ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"],
    port: 8000,
    healthPath: "/health",
    readyPath: "/ready",
    logGroup: "/platform-test/api/application",
    autoScalingGroupName: "platform-test-app-api",
    lifecycleHookName: "wait-until-serving",
    environment: {
        secretReader: ["aws", "secretsmanager", "get-secret-value", "--secret-id", "{ref}"],
        database: { secret: SECRET("db/app"), rootCert: "/etc/platform/certs/postgres-ca.pem" },
        cache: { secret: SECRET("cache/auth-token") },
        secrets: { JWT_SECRET: SECRET("jwt/secret"), API_KEY: SECRET("api/key") },
        plain: { STORAGE_BUCKET: "documents", SERVICE_NAME: "api", PORT: "8000" },
    },
};

/** Line number of the first line of the boot sequence (after the files it writes) containing `text`. */
function lineOf(script: string, text: string): number {
    const lines = script.split("\n");
    const sequenceStart = lines.lastIndexOf("PLATFORM_EOF");
    const index = lines.findIndex((line, number) => number > sequenceStart && line.includes(text));
    expect(index, text).to.be.greaterThan(-1);
    return index;
}

describe("AWS instance boot script", () => {
    const script = buildBootScript(WEB);

    it("carries secret references only, and writes the environment into a root-only file", () => {
        expect(script).to.contain(SECRET("db/app"));
        expect(script).to.match(/^umask 077$/m);
        expect(script).to.contain("/usr/local/sbin/platform-env /etc/platform/api.json /etc/platform/api.env");
        // A shell trace would copy the secrets into cloud-init's log.
        expect(script).not.to.match(/set -[a-z]*x/);
    });

    it("is valid bash, and so are the scripts it installs", () => {
        const full = buildBootScript({ ...WEB, targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123"] });
        const installed = [...full.matchAll(/cat > (\/usr\/local\/sbin\/platform-(?:run|refresh)-api) <<'PLATFORM_EOF'\n([\s\S]*?)\nPLATFORM_EOF/g)];
        expect(installed.map((match) => match[1])).to.deep.equal(["/usr/local/sbin/platform-run-api", "/usr/local/sbin/platform-refresh-api"]);
        const dir = mkdtempSync(join(tmpdir(), "boot-"));
        for (const [name, text] of [["boot.sh", full], ...installed.map((match, index) => [`installed-${index}.sh`, match[2]])]) {
            writeFileSync(join(dir, name), text);
            execFileSync("bash", ["-n", join(dir, name)]);
        }
    });

    it("pulls the image, then waits for the platform's credentials, then serves, then joins the group", () => {
        const pull = lineOf(script, "docker pull");
        const wait = lineOf(script, "/usr/local/sbin/platform-env /etc/platform/api.json");
        const run = lineOf(script, "/usr/local/sbin/platform-run-api");
        const ready = lineOf(script, "http://127.0.0.1:8000/ready");
        const join = lineOf(script, "--lifecycle-action-result CONTINUE");
        expect(pull).to.be.lessThan(wait);
        expect(wait).to.be.lessThan(ready);
        expect(run).to.be.lessThan(ready);
        expect(ready).to.be.lessThan(join);
        // Not ready means try again (exit 75), keeping the launch hook open with heartbeats.
        expect(script).to.contain('[ "$status" -eq 75 ]');
        expect(script).to.contain("record-lifecycle-action-heartbeat");
        // Any failure gives the instance back to Auto Scaling instead of leaving it half-booted.
        expect(script).to.match(/trap '.*--lifecycle-action-result ABANDON.*' ERR/);
    });

    it("installs the database CA bundle at the fixed path and mounts it read-only into the container", () => {
        expect(script).to.contain(`curl -fsS -o /etc/platform/certs/postgres-ca.pem.next ${rdsCaBundleUrl("eu-west-1")}`);
        expect(rdsCaBundleUrl("eu-west-1")).to.equal("https://truststore.pki.rds.amazonaws.com/eu-west-1/eu-west-1-bundle.pem");
        expect(script).to.contain("--volume /etc/platform/certs:/etc/platform/certs:ro");
    });

    it("a web instance leaves its target groups, restarts, waits until ready and rejoins when a secret changed", () => {
        const tg = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef";
        const refresh = /cat > \/usr\/local\/sbin\/platform-refresh-api <<'PLATFORM_EOF'\n([\s\S]*?)\nPLATFORM_EOF/.exec(buildBootScript({ ...WEB, targetGroupArns: [tg] }))![1];
        const lines = refresh.split("\n");
        const at = (text: string) => lines.findIndex((line) => line.includes(text));
        expect(at("deregister-targets")).to.be.greaterThan(at("sha256sum"));
        expect(at("sleep 35")).to.be.greaterThan(at("deregister-targets"));
        expect(at("/usr/local/sbin/platform-run-api")).to.be.greaterThan(at("sleep 35"));
        expect(at("http://127.0.0.1:8000/ready")).to.be.greaterThan(at("/usr/local/sbin/platform-run-api"));
        // Rejoining happens on exit, ready or not: an unready instance is then replaced, not forgotten.
        expect(refresh).to.match(new RegExp(`trap '.*register-targets --region eu-west-1 --target-group-arn '\\\\''${tg}'\\\\'' --targets "Id=\\$INSTANCE_ID".*' EXIT`));
    });

    it("re-reads the secrets every 5 minutes and recreates the container only when they changed", () => {
        expect(script).to.contain("OnUnitActiveSec=5min");
        expect(script).to.contain("systemctl enable --now platform-refresh-api.timer");
        expect(script).to.match(/sha256sum < \/etc\/platform\/api\.env\.next\)" = "\$\(sha256sum < \/etc\/platform\/api\.env\)/);
    });

    it("runs the container with host networking, awslogs to its group, its command, and a liveness check", () => {
        expect(script).to.contain("--network host");
        expect(script).to.contain("--log-opt awslogs-group='/platform-test/api/application'");
        expect(script).to.contain("'ghcr.io/example/ideation-api:1.0.0' 'gunicorn' '--bind' '0.0.0.0:8000' 'app.wsgi'");
        expect(script).to.match(/--health-cmd .*127\.0\.0\.1:8000\/health/);
        expect(script).to.contain("--health-interval 10s");
    });

    it("gives workers no health check and no port, and joins once the container runs", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined, readyPath: undefined });
        expect(worker).not.to.contain("--health-cmd");
        expect(worker).to.contain("docker inspect -f '{{.State.Running}}' 'worker'");
    });

    it("publishes memory and disk under the group's name, rolled up by group for the alarms", () => {
        const config = JSON.parse(cloudWatchAgentConfig("platform-test-app-api"));
        expect(config.metrics.namespace).to.equal("CWAgent");
        expect(config.metrics.aggregation_dimensions).to.deep.equal([["AutoScalingGroupName"]]);
        expect(config.metrics.metrics_collected.mem.measurement).to.deep.equal(["mem_used_percent"]);
        expect(config.metrics.metrics_collected.mem.append_dimensions.AutoScalingGroupName).to.equal("platform-test-app-api");
        expect(config.metrics.metrics_collected.disk.append_dimensions.AutoScalingGroupName).to.equal("platform-test-app-api");
    });

    it("quotes every value for bash and refuses variable names a shell or docker would mangle", () => {
        expect(shellQuote("it's")).to.equal(`'it'\\''s'`);
        expect(() => buildBootScript({ ...WEB, environment: { ...WEB.environment, plain: { "bad-name": "x" } } })).to.throw(/bad-name/);
        expect(Buffer.from(encodeUserData(script), "base64").toString("utf8")).to.equal(script);
    });

    it("stays within EC2's 16 KB of user data, and says so when it would not", () => {
        expect(Buffer.byteLength(script)).to.be.lessThan(USER_DATA_LIMIT_BYTES);
        expect(USER_DATA_LIMIT_BYTES).to.equal(16384);
        expect(() => encodeUserData("#".repeat(16385))).to.throw(/16385 bytes; EC2 accepts at most 16384/);
    });
});
