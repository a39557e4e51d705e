// The GCP credentials job's edges without a database: its configuration checks, the Secret
// Manager REST client's errors, and the bundle Cloud Run runs (`node /code/index.js`).
import { expect } from "chai";
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { bundleFunction } from "../../functions/bundle";
import { parseAction, parseJobConfig } from "../../functions/gcp/config";
import { parseMasterSecret } from "../../functions/gcp/job";
import { Fetch, metadataTokenSource, restSecretManager } from "../../functions/gcp/secretManager";
import { FakeGcpSecretManager } from "./helpers/fakeGcpSecretManager";

const SECRET = "projects/acme-platform/secrets/platform-prod-db-app";
const VALID = {
    database: {
        host: "10.0.240.5",
        port: 5432,
        dbname: "app",
        owner: "app",
        extensions: ["uuid-ossp", "pg_trgm"],
        masterSecret: "projects/acme-platform/secrets/platform-prod-db-master",
        masterUser: "postgres",
        appSecret: SECRET,
        caPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    },
    generated: [{ secret: "projects/acme-platform/secrets/platform-prod-jwt-secret", length: 64 }],
    rotationDays: 30,
};

function withDatabase(changes: Record<string, unknown>): string {
    return JSON.stringify({ ...VALID, database: { ...VALID.database, ...changes } });
}

describe("GCP credentials job: configuration", () => {
    it("reads what the deployment writes", () => {
        expect(parseJobConfig(JSON.stringify(VALID))).to.deep.equal(VALID);
    });

    it("names the key, the value and what is allowed", () => {
        expect(() => parseJobConfig(undefined)).to.throw("CREDENTIALS_CONFIG: (variable) is missing; expected the JSON document the deployment sets");
        expect(() => parseJobConfig("{")).to.throw("expected JSON");
        expect(() => parseJobConfig(withDatabase({ port: 70000 }))).to.throw("database.port is 70000; expected an integer from 1 to 65535");
        expect(() => parseJobConfig(withDatabase({ owner: "App" }))).to.throw('database.owner is "App"');
        expect(() => parseJobConfig(withDatabase({ appSecret: "platform-prod-db-app" }))).to.throw("expected a secret name projects/<project>/secrets/<id>");
        expect(() => parseJobConfig(withDatabase({ caPem: "not a certificate" }))).to.throw("database.caPem is \"(not shown)\"; expected a PEM certificate");
        expect(() => parseJobConfig(JSON.stringify({ generated: [{ secret: SECRET, length: 8 }] }))).to.throw("generated[0].length is 8; expected an integer from 16 to 4096");
        expect(() => parseJobConfig(JSON.stringify({ rotationDays: 0 }))).to.throw("rotationDays is 0; expected a whole number of days from 1 to 365");
    });

    it("runs bootstrap by default, rotate or rotate-if-due on request, nothing else", () => {
        expect(parseAction(undefined)).to.equal("bootstrap");
        expect(parseAction("rotate")).to.equal("rotate");
        expect(parseAction("rotate-if-due")).to.equal("rotate-if-due");
        expect(() => parseAction("drop")).to.throw('unknown action "drop"');
    });

    it("reads the administrator from a bare password or from JSON", () => {
        expect(parseMasterSecret("s3cret-Pa55", SECRET, "postgres")).to.deep.equal({ user: "postgres", password: "s3cret-Pa55" });
        expect(parseMasterSecret('{"username": "admin", "password": "pw"}', SECRET, "postgres")).to.deep.equal({ user: "admin", password: "pw" });
        expect(() => parseMasterSecret('{"username": "admin"}', SECRET, "postgres")).to.throw(`secret ${SECRET} has no "password" string`);
    });
});

describe("GCP credentials job: Secret Manager over REST", () => {
    it("reads the latest version, treats NOT_FOUND as no version, and adds versions base64-encoded", async () => {
        const fake = new FakeGcpSecretManager();
        fake.create(SECRET);
        const client = restSecretManager(fake.fetch, metadataTokenSource(fake.fetch));
        expect(await client.latest(SECRET)).to.equal(undefined);
        await client.addVersion(SECRET, '{"password":"é and ü"}');
        expect(await client.latest(SECRET)).to.equal('{"password":"é and ü"}');
        expect(fake.requests.map((request) => `${request.method} ${request.url}`)).to.include(`POST https://secretmanager.googleapis.com/v1/${SECRET}:addVersion`);
        expect(fake.tokenRequests).to.equal(1);
    });

    it("reads when the latest version was added", async () => {
        let now = Date.UTC(2026, 0, 31, 4);
        const fake = new FakeGcpSecretManager(() => now);
        fake.create(SECRET);
        const client = restSecretManager(fake.fetch, metadataTokenSource(fake.fetch));
        expect(await client.latestCreated(SECRET)).to.equal(undefined);
        await client.addVersion(SECRET, "first");
        now += 1000;
        expect(await client.latestCreated(SECRET)).to.equal(Date.UTC(2026, 0, 31, 4));
    });

    it("renews the metadata token a minute before it expires", async () => {
        const fake = new FakeGcpSecretManager();
        let now = 0;
        const token = metadataTokenSource(fake.fetch, () => now);
        await token();
        now = 3_500_000;
        await token();
        expect(fake.tokenRequests).to.equal(1);
        now = 3_540_000;
        await token();
        expect(fake.tokenRequests).to.equal(2);
    });

    it("reports Google's status without echoing what was sent", async () => {
        const denied: Fetch = async (url) =>
            url.includes("metadata")
                ? { ok: true, status: 200, json: async () => ({ access_token: "t", expires_in: 3600 }), text: async () => "" }
                : {
                      ok: false,
                      status: 403,
                      json: async () => ({}),
                      text: async () => JSON.stringify({ error: { code: 403, status: "PERMISSION_DENIED", message: "Permission 'secretmanager.versions.add' denied" } }),
                  };
        const client = restSecretManager(denied, metadataTokenSource(denied));
        const error = await client.addVersion(SECRET, "value-never-shown").catch((failure: Error) => failure);
        expect((error as Error).message).to.equal(`adding a version to ${SECRET}: HTTP 403 (PERMISSION_DENIED: Permission 'secretmanager.versions.add' denied)`);
        expect((error as Error).message).to.not.include("value-never-shown");
    });

    it("refuses anything but a full secret name", async () => {
        const client = restSecretManager(new FakeGcpSecretManager().fetch, async () => "t");
        const error = await client.latest("../../other").catch((failure: Error) => failure);
        expect((error as Error).message).to.equal('"../../other" is not a secret name; expected projects/<project>/secrets/<id>');
    });
});

describe("GCP credentials job: the bundle Cloud Run runs", function () {
    this.timeout(60_000);
    const bundle = bundleFunction("functions/gcp/credentials.ts");

    it("needs nothing at run time but Node's own modules", () => {
        const required = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
        const foreign = required.filter((name) => !name.startsWith("node:") && !builtinModules.includes(name) && name !== "pg-native");
        expect(foreign).to.deep.equal([]);
        expect(bundle).to.not.include("@aws-sdk");
    });

    it("runs as `node index.js`, and a bad configuration fails the execution with a clear message", () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "gcp-credentials-"));
        try {
            writeFileSync(path.join(dir, "index.js"), bundle);
            const result = spawnSync(process.execPath, [path.join(dir, "index.js"), "bootstrap"], { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" });
            expect(result.status).to.equal(1);
            expect(JSON.parse(result.stderr.trim())).to.deep.equal({
                severity: "ERROR",
                message: "CREDENTIALS_CONFIG: (variable) is missing; expected the JSON document the deployment sets",
            });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
