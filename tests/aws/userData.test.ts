// The instance boot script is a pure function: checked here for what must never be in it and
// what the alarms and health checks rely on.
import { expect } from "chai";
import { buildBootScript, cloudWatchAgentConfig, encodeUserData, shellQuote } from "../../providers/aws/userData";

const WEB = {
    region: "eu-west-1",
    service: "api",
    kind: "web" as const,
    image: "ghcr.io/example/ideation-api:1.0.0",
    command: ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"],
    port: 8000,
    healthPath: "/health",
    logGroup: "/platform-test/api/application",
    autoScalingGroupName: "platform-test-app-api",
    env: { DATABASE_HOST: "db.example.internal", BUCKET_NAME: "documents" },
    secrets: { DATABASE_PASSWORD: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-test/db/password-AbCdEf" },
};

describe("AWS instance boot script", () => {
    const script = buildBootScript(WEB);

    it("carries secret ARNs only and reads the values at boot into a root-only file", () => {
        expect(script).to.contain(`read_secret '${WEB.secrets.DATABASE_PASSWORD}'`);
        expect(script).to.match(/umask 077/);
        expect(script).to.match(/chmod 600 \/etc\/platform\/api\.env/);
        // A shell trace would copy the secrets into cloud-init's log.
        expect(script).not.to.match(/set -[a-z]*x/);
    });

    it("runs the container with host networking, awslogs to its group, its command, and a liveness check", () => {
        expect(script).to.contain("--network host");
        expect(script).to.contain("--log-opt awslogs-group='/platform-test/api/application'");
        expect(script).to.contain("'ghcr.io/example/ideation-api:1.0.0' 'gunicorn' '--bind' '0.0.0.0:8000' 'app.wsgi'");
        expect(script).to.match(/--health-cmd .*127\.0\.0\.1:8000\/health/);
        expect(script).to.contain("--health-interval 10s");
    });

    it("gives workers no health check and no port", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined });
        expect(worker).not.to.contain("--health-cmd");
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
        expect(() => buildBootScript({ ...WEB, env: { "bad-name": "x" } })).to.throw(/bad-name/);
        expect(Buffer.from(encodeUserData(script), "base64").toString("utf8")).to.equal(script);
    });
});
