// The GCP startup script is a pure function: checked here for what must never be in it, the CA
// files the environment names, the order that lets instances wait for their secrets, and the
// drain around a secret refresh that keeps the load balancer from meeting a stopped container.
import { expect } from "chai";
import { execFileSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildBootScript, gcpSecretReader, LOAD_BALANCER_SOURCE_RANGES, METADATA_VALUE_LIMIT_BYTES, REDIS_CA_FILE, shellQuote, startupScriptMetadata, WORKER_HEALTH_PORT } from "../../providers/gcp/userData";

const SECRET = (id: string) => `projects/acme-platform/secrets/platform-test-${id}`;

const WEB = {
    project: "acme-platform",
    service: "api",
    kind: "web" as const,
    image: "ghcr.io/example/ideation-api:1.0.0",
    command: ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"],
    port: 8000,
    healthPath: "/health",
    readyPath: "/ready",
    environment: {
        secretReader: gcpSecretReader(),
        database: { secret: SECRET("db-app"), rootCert: "/etc/platform/certs/postgres-ca.pem" },
        cache: { secret: SECRET("cache-auth"), rootCert: "/etc/platform/certs/redis-ca.pem" },
        secrets: { JWT_SECRET: SECRET("jwt-secret"), API_KEY: SECRET("api-key") },
        plain: { STORAGE_BUCKET: "documents", SERVICE_NAME: "api", PORT: "8000" },
    },
    databaseCaPem: "-----BEGIN CERTIFICATE-----\ncloud-sql\n-----END CERTIFICATE-----",
    cacheCaPem: "-----BEGIN CERTIFICATE-----\nmemorystore\n-----END CERTIFICATE-----",
    drainSourceRanges: LOAD_BALANCER_SOURCE_RANGES,
};

function installed(script: string, path: string): string {
    const match = new RegExp(`cat > ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} <<'PLATFORM_EOF'\\n([\\s\\S]*?)\\nPLATFORM_EOF`).exec(script);
    expect(match, path).to.not.equal(null);
    return match![1];
}

/** Line number of the first line of the boot sequence (after the files it writes) containing `text`. */
function lineOf(script: string, text: string): number {
    const lines = script.split("\n");
    const sequenceStart = lines.lastIndexOf("PLATFORM_EOF");
    const index = lines.findIndex((line, number) => number > sequenceStart && line.includes(text));
    expect(index, text).to.be.greaterThan(-1);
    return index;
}

describe("GCP instance startup script", () => {
    const script = buildBootScript(WEB);

    it("carries secret references only, and writes the environment into a root-only file", () => {
        expect(script).to.contain(SECRET("db-app"));
        expect(script).to.match(/^umask 077$/m);
        expect(script).to.contain("/usr/local/sbin/platform-env /etc/platform/api.json /etc/platform/api.env");
        expect(script).not.to.match(/set -[a-z]*x/);
    });

    it("reads secrets with gcloud as the instance's service account, latest version of the secret's resource name", () => {
        const reader = gcpSecretReader();
        expect(reader.slice(2, 6)).to.deep.equal(["gcloud", "secrets", "versions", "access"]);
        expect(reader).to.include("{ref}/versions/latest");
    });

    it("is valid bash, and so are the scripts it installs", () => {
        const dir = mkdtempSync(join(tmpdir(), "gcp-boot-"));
        const files: [string, string][] = [
            ["boot.sh", script],
            ["run.sh", installed(script, "/usr/local/sbin/platform-run-api")],
            ["refresh.sh", installed(script, "/usr/local/sbin/platform-refresh-api")],
        ];
        for (const [name, text] of files) {
            writeFileSync(join(dir, name), text);
            execFileSync("bash", ["-n", join(dir, name)]);
        }
    });

    it("installs the Cloud SQL and Memorystore CAs at the paths the environment names, mounted read-only", () => {
        expect(installed(script, "/etc/platform/certs/postgres-ca.pem")).to.contain("cloud-sql");
        expect(installed(script, REDIS_CA_FILE)).to.contain("memorystore");
        expect(REDIS_CA_FILE).to.equal("/etc/platform/certs/redis-ca.pem");
        expect(script).to.contain("--volume /etc/platform/certs:/etc/platform/certs:ro");
    });

    it("pulls the image, waits for its secrets, starts the container and waits until it is ready", () => {
        const pull = lineOf(script, "docker pull");
        const wait = lineOf(script, "/usr/local/sbin/platform-env /etc/platform/api.json");
        const run = lineOf(script, "/usr/local/sbin/platform-run-api");
        const ready = lineOf(script, "http://127.0.0.1:8000/ready");
        expect(pull).to.be.lessThan(wait);
        expect(wait).to.be.lessThan(run);
        expect(run).to.be.lessThan(ready);
        // Not ready means try again (exit 75); any other failure stops the instance for its group to recreate.
        expect(script).to.contain('[ "$status" -eq 75 ]');
        expect(script).to.match(/trap '.*systemctl poweroff' ERR/);
    });

    it("a web instance refuses the load balancer's new connections, drains, restarts, waits until ready and accepts again", () => {
        const refresh = installed(script, "/usr/local/sbin/platform-refresh-api");
        const lines = refresh.split("\n");
        const at = (text: string) => lines.findIndex((line) => line.includes(text));
        expect(LOAD_BALANCER_SOURCE_RANGES).to.deep.equal(["35.191.0.0/16", "130.211.0.0/22"]);
        expect(at("iptables -I INPUT -p tcp --syn --dport 8000 -s 35.191.0.0/16")).to.be.greaterThan(at("sha256sum"));
        expect(at("sleep 60")).to.be.greaterThan(at("iptables -I INPUT -p tcp --syn --dport 8000 -s 130.211.0.0/22"));
        expect(at("/usr/local/sbin/platform-run-api")).to.be.greaterThan(at("sleep 60"));
        expect(at("http://127.0.0.1:8000/ready")).to.be.greaterThan(at("/usr/local/sbin/platform-run-api"));
        // Accepting again happens on exit, ready or not: an unready instance is then replaced by autohealing.
        expect(refresh).to.match(/trap 'iptables -D INPUT .*35\.191\.0\.0\/16.*\|\| true; iptables -D INPUT .*130\.211\.0\.0\/22.*' EXIT/);
    });

    it("a worker's refresh only restarts it: no load balancer to drain", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined, readyPath: undefined, drainSourceRanges: undefined });
        expect(installed(worker, "/usr/local/sbin/platform-refresh-worker")).not.to.contain("iptables");
        expect(worker).not.to.contain("--health-cmd");
        expect(worker).to.contain("docker inspect -f '{{.State.Running}}' 'worker'");
    });

    it("a worker's host answers its autohealing check on port 9099 while the container runs", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined, readyPath: undefined, drainSourceRanges: undefined });
        expect(WORKER_HEALTH_PORT).to.equal(9099);
        const server = installed(worker, "/usr/local/sbin/platform-health-worker");
        expect(server).to.contain('("0.0.0.0", 9099)');
        expect(worker).to.contain("systemctl enable --now platform-health-worker.service");
        expect(script).not.to.contain("platform-health-");
        const dir = mkdtempSync(join(tmpdir(), "gcp-health-"));
        writeFileSync(join(dir, "health.py"), server);
        execFileSync("python3", ["-m", "py_compile", join(dir, "health.py")]);
    });

    it("re-reads the secrets every 5 minutes and recreates the container only when they changed", () => {
        expect(script).to.contain("OnUnitActiveSec=5min");
        expect(script).to.contain("systemctl enable --now platform-refresh-api.timer");
        expect(script).to.match(/sha256sum < \/etc\/platform\/api\.env\.next\)" = "\$\(sha256sum < \/etc\/platform\/api\.env\)/);
    });

    it("runs the container with host networking, its logs in Cloud Logging, its command and a liveness check", () => {
        expect(script).to.contain("--network host");
        expect(script).to.contain("--log-driver gcplogs");
        expect(script).to.contain("--log-opt gcp-project='acme-platform'");
        expect(script).to.contain("'ghcr.io/example/ideation-api:1.0.0' 'gunicorn' '--bind' '0.0.0.0:8000' 'app.wsgi'");
        expect(script).to.match(/--health-cmd .*127\.0\.0\.1:8000\/health/);
        expect(script).to.contain("google-cloud-ops-agent");
    });

    it("quotes every value for bash and refuses variable names a shell or docker would mangle", () => {
        expect(shellQuote("it's")).to.equal(`'it'\\''s'`);
        expect(() => buildBootScript({ ...WEB, environment: { ...WEB.environment, plain: { "bad-name": "x" } } })).to.throw(/bad-name/);
    });

    it("stays within Compute Engine's 256 KB per metadata value, and says so when it would not", () => {
        expect(startupScriptMetadata(script)).to.equal(script);
        expect(METADATA_VALUE_LIMIT_BYTES).to.equal(262144);
        expect(() => startupScriptMetadata("#".repeat(262145))).to.throw(/262145 bytes; Compute Engine accepts at most 262144/);
    });
});
