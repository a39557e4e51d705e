// The Azure VM boot script is a pure function: checked here for what must never be in it, the
// order that lets a VM serve only once ready, the drain around a restart, and the two scripts
// it installs that talk to Azure: the Key Vault reader (run against a stand-in IMDS and vault)
// and the gateway certificate's PKCS#12 file (read back by openssl).
import { expect } from "chai";
import { execFileSync, spawn, spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import {
    buildBootScript,
    CUSTOM_DATA_LIMIT_BYTES,
    encodeCustomData,
    keyVaultSecretReader,
    keyVaultSecretUrl,
    POSTGRES_CA_PEM,
    SECRET_READER_PATH,
    shellQuote,
} from "../../providers/azure/userData";
import { pfxBase64 } from "../../providers/azure/pkcs12";

const SECRET = (name: string) => keyVaultSecretUrl("platformtestkv1a2b3c", name);
const CLIENT_ID = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

const WEB = {
    service: "api",
    kind: "web" as const,
    image: "ghcr.io/example/ideation-api:1.0.0",
    command: ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"],
    port: 8000,
    healthPath: "/health",
    readyPath: "/ready",
    identityClientId: CLIENT_ID,
    gatewayCidr: "10.0.1.0/24",
    environment: {
        secretReader: keyVaultSecretReader(),
        database: { secret: SECRET("db-app"), rootCert: "/etc/platform/certs/postgres-ca.pem" },
        cache: { secret: SECRET("cache-auth") },
        secrets: { JWT_SECRET: SECRET("jwt-secret"), API_KEY: SECRET("api-key") },
        plain: { STORAGE_BUCKET: "documents", SERVICE_NAME: "api", PORT: "8000" },
    },
};

function heredoc(script: string, path: string): string {
    const match = new RegExp(`cat > ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} <<'PLATFORM_EOF'\\n([\\s\\S]*?)\\nPLATFORM_EOF`).exec(script);
    expect(match, `heredoc for ${path}`).to.not.equal(null);
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

describe("Azure VM boot script", () => {
    const script = buildBootScript(WEB);

    it("carries Key Vault secret URLs only, and writes the environment into a root-only file", () => {
        expect(script).to.contain("https://platformtestkv1a2b3c.vault.azure.net/secrets/db-app");
        expect(script).to.match(/^umask 077$/m);
        expect(script).to.contain("/usr/local/sbin/platform-env /etc/platform/api.json /etc/platform/api.env");
        expect(script).not.to.match(/set -[a-z]*x/);
        expect(JSON.parse(heredoc(script, "/etc/platform/api.json")).secretReader).to.deep.equal([SECRET_READER_PATH, "{ref}"]);
    });

    it("is valid bash, and so are the scripts it installs", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined, readyPath: undefined, gatewayCidr: undefined });
        const dir = mkdtempSync(join(tmpdir(), "azure-boot-"));
        for (const [name, full] of [["web", script], ["worker", worker]]) {
            const installed = [...full.matchAll(/cat > (\/usr\/local\/sbin\/platform-(?:run|refresh)-[a-z]+) <<'PLATFORM_EOF'\n([\s\S]*?)\nPLATFORM_EOF/g)];
            expect(installed).to.have.length(2);
            for (const [index, text] of [full, ...installed.map((match) => match[2])].entries()) {
                writeFileSync(join(dir, `${name}-${index}.sh`), text);
                execFileSync("bash", ["-n", join(dir, `${name}-${index}.sh`)]);
            }
        }
        for (const path of [SECRET_READER_PATH, "/usr/local/sbin/platform-health-worker"]) {
            const source = heredoc(path === SECRET_READER_PATH ? script : worker, path);
            writeFileSync(join(dir, "check.py"), source);
            execFileSync("python3", ["-m", "py_compile", join(dir, "check.py")]);
        }
    });

    it("installs Docker on Ubuntu, pulls the image, waits for its secrets, starts and waits until ready", () => {
        // Docker is installed before the files are written: the sequence's lines come after them.
        const install = script.split("\n").indexOf("apt-get install -y -q docker.io");
        expect(install).to.be.greaterThan(-1);
        const pull = lineOf(script, "docker pull");
        const wait = lineOf(script, "/usr/local/sbin/platform-env /etc/platform/api.json");
        const run = lineOf(script, "/usr/local/sbin/platform-run-api");
        const ready = lineOf(script, "http://127.0.0.1:8000/ready");
        expect(install).to.be.lessThan(pull);
        expect(pull).to.be.lessThan(wait);
        expect(wait).to.be.lessThan(run);
        expect(run).to.be.lessThan(ready);
        // Not ready means try again (exit 75), until the deadline.
        expect(script).to.contain('[ "$status" -eq 75 ]');
        expect(script).to.contain("wait_deadline=$((SECONDS + 1800))");
    });

    it("ships the roots of Azure PostgreSQL certificates at the fixed path the contract names", () => {
        const bundle = heredoc(script, "/etc/platform/certs/postgres-ca.pem");
        expect(bundle).to.equal(POSTGRES_CA_PEM.replace(/\n$/, ""));
        const dir = mkdtempSync(join(tmpdir(), "azure-ca-"));
        writeFileSync(join(dir, "ca.pem"), bundle);
        const subjects = execFileSync("bash", ["-c", `openssl crl2pkcs7 -nocrl -certfile ${join(dir, "ca.pem")} | openssl pkcs7 -print_certs -noout`], { encoding: "utf8" });
        expect(subjects).to.contain("CN = DigiCert Global Root G2");
        expect(subjects).to.contain("CN = Microsoft RSA Root Certificate Authority 2017");
        expect(subjects).to.contain("CN = DigiCert Global Root CA");
        expect(script).to.contain("--volume /etc/platform/certs:/etc/platform/certs:ro");
    });

    it("a web VM refuses the gateway's new connections, restarts, waits until ready and lets it back in when a secret changed", () => {
        const refresh = heredoc(script, "/usr/local/sbin/platform-refresh-api");
        const lines = refresh.split("\n");
        const at = (text: string) => lines.findIndex((line) => line.includes(text));
        const drain = "iptables -I INPUT -p tcp --syn --dport 8000 -s 10.0.1.0/24 -j REJECT --reject-with tcp-reset";
        expect(at(drain)).to.be.greaterThan(at("sha256sum"));
        expect(at("sleep 35")).to.be.greaterThan(at(drain));
        expect(at("/usr/local/sbin/platform-run-api")).to.be.greaterThan(at("sleep 35"));
        expect(at("http://127.0.0.1:8000/ready")).to.be.greaterThan(at("/usr/local/sbin/platform-run-api"));
        expect(refresh).to.contain(`trap 'iptables -D INPUT -p tcp --syn --dport 8000 -s 10.0.1.0/24 -j REJECT --reject-with tcp-reset || true' EXIT`);
        expect(script).to.contain("OnUnitActiveSec=5min");
        expect(script).to.contain("systemctl enable --now platform-refresh-api.timer");
    });

    it("runs the container with host networking, journald logs tagged by service, its command and a liveness check", () => {
        expect(script).to.contain("--network host");
        expect(script).to.contain("--log-driver journald");
        expect(script).to.contain("--log-opt tag='api'");
        expect(script).to.contain("'ghcr.io/example/ideation-api:1.0.0' 'gunicorn' '--bind' '0.0.0.0:8000' 'app.wsgi'");
        expect(script).to.match(/--health-cmd .*127\.0\.0\.1:8000\/health/);
    });

    it("gives workers a local health endpoint for the health extension instead of a port", () => {
        const worker = buildBootScript({ ...WEB, service: "worker", kind: "worker", port: undefined, healthPath: undefined, readyPath: undefined, gatewayCidr: undefined });
        expect(worker).not.to.contain("--health-cmd");
        expect(worker).not.to.contain("iptables");
        expect(worker).to.contain("systemctl enable --now platform-health-worker.service");
        expect(heredoc(worker, "/usr/local/sbin/platform-health-worker")).to.contain('("127.0.0.1", 9180)');
        expect(script).not.to.contain("platform-health-api");
    });

    it("quotes every value for bash and refuses names a shell or docker would mangle, and client ids that are not ids", () => {
        expect(shellQuote("it's")).to.equal(`'it'\\''s'`);
        expect(() => buildBootScript({ ...WEB, environment: { ...WEB.environment, plain: { "bad-name": "x" } } })).to.throw(/bad-name/);
        expect(() => buildBootScript({ ...WEB, identityClientId: "x; rm -rf /" })).to.throw(/not a managed identity client id/);
        expect(Buffer.from(encodeCustomData(script), "base64").toString("utf8")).to.equal(script);
    });

    it("stays within Azure's 64 KB of custom data, and says so when it would not", () => {
        expect(Buffer.byteLength(script)).to.be.lessThan(CUSTOM_DATA_LIMIT_BYTES);
        expect(CUSTOM_DATA_LIMIT_BYTES).to.equal(65535);
        expect(() => encodeCustomData("#".repeat(65536))).to.throw(/65536 bytes; Azure accepts at most 65535/);
    });
});

describe("Key Vault secret reader", () => {
    let server: Server;
    let base = "";
    const requests: { url: string; headers: Record<string, unknown> }[] = [];

    before(async () => {
        server = createServer((request, response) => {
            requests.push({ url: request.url ?? "", headers: request.headers });
            if (request.url?.startsWith("/metadata/identity/oauth2/token")) {
                response.end(JSON.stringify({ access_token: "token-123" }));
            } else if (request.url === "/secrets/db-app?api-version=7.4" && request.headers.authorization === "Bearer token-123") {
                response.end(JSON.stringify({ value: '{"password":"p@ss"}', id: "x" }));
            } else {
                response.statusCode = 404;
                response.end("{}");
            }
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => server.close());

    /** The installed reader, pointed at the stand-in IMDS and accepting the stand-in vault's plain HTTP. */
    function reader(): string {
        const source = heredoc(buildBootScript(WEB), SECRET_READER_PATH)
            .replace('IMDS = "http://169.254.169.254', `IMDS = "${base}`)
            .replace('startswith("https://")', 'startswith("http://")');
        const dir = mkdtempSync(join(tmpdir(), "kv-reader-"));
        writeFileSync(join(dir, "read.py"), source);
        return join(dir, "read.py");
    }

    async function run(url: string): Promise<{ status: number; stdout: string; stderr: string }> {
        // Asynchronous: the stand-in answers on this process's event loop.
        const child = spawn("python3", [reader(), url]);
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const status = await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
        return { status, stdout, stderr };
    }

    it("asks IMDS for a vault token as the VM's identity, then prints the secret's current value", async () => {
        const result = await run(`${base}/secrets/db-app`);
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.equal('{"password":"p@ss"}\n');
        const token = requests.find((request) => request.url.startsWith("/metadata/identity/oauth2/token"))!;
        expect(token.headers.metadata).to.equal("true");
        expect(token.url).to.contain(`client_id=${CLIENT_ID}`);
        expect(token.url).to.contain("resource=https%3A%2F%2Fvault.azure.net");
    });

    it("fails (so platform-env says not ready) while the secret does not exist yet", async () => {
        const result = await run(`${base}/secrets/not-written-yet`);
        expect(result.status).to.equal(1);
        expect(result.stderr).to.contain("HTTP 404");
        expect(result.stdout).to.equal("");
    });

    it("refuses anything but a vault URL in the installed form", () => {
        const source = heredoc(buildBootScript(WEB), SECRET_READER_PATH);
        expect(source).to.contain('startswith("https://")');
        expect(source).to.contain('CLIENT_ID = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"');
        expect(spawnSync("python3", ["-c", source, "http://example.com/secrets/x"]).status).to.equal(1);
    });
});

describe("Application Gateway certificate (PKCS#12)", () => {
    it("openssl reads the key and certificate back with the empty password, and refuses another", () => {
        const dir = mkdtempSync(join(tmpdir(), "pfx-"));
        execFileSync("openssl", ["genrsa", "-traditional", "-out", join(dir, "key.pem"), "2048"], { stdio: "ignore" });
        execFileSync("openssl", ["req", "-x509", "-key", join(dir, "key.pem"), "-subj", "/CN=lms.example.com", "-days", "2", "-out", join(dir, "cert.pem")], { stdio: "ignore" });
        const keyPem = readFileSync(join(dir, "key.pem"), "utf8");
        expect(keyPem).to.contain("BEGIN RSA PRIVATE KEY");
        writeFileSync(join(dir, "out.pfx"), Buffer.from(pfxBase64(readFileSync(join(dir, "cert.pem"), "utf8"), keyPem), "base64"));
        const info = spawnSync("openssl", ["pkcs12", "-in", join(dir, "out.pfx"), "-info", "-nodes", "-passin", "pass:"], { encoding: "utf8" });
        expect(info.status, info.stderr).to.equal(0);
        expect(info.stderr).to.contain("MAC: sha256, Iteration 2048");
        expect(info.stdout).to.contain("subject=CN = lms.example.com");
        const modulus = (args: string[], input: string) => spawnSync("openssl", args, { input, encoding: "utf8" }).stdout;
        expect(modulus(["rsa", "-noout", "-modulus"], info.stdout)).to.equal(modulus(["rsa", "-noout", "-modulus", "-in", join(dir, "key.pem")], ""));
        expect(spawnSync("openssl", ["pkcs12", "-in", join(dir, "out.pfx"), "-nodes", "-passin", "pass:wrong"]).status).to.not.equal(0);
        // The same inputs give the same file: a redeploy does not rewrite the Key Vault secret.
        expect(pfxBase64(readFileSync(join(dir, "cert.pem"), "utf8"), keyPem)).to.equal(pfxBase64(readFileSync(join(dir, "cert.pem"), "utf8"), keyPem));
    });
});
