// The contract environment in a pod is the one platform-env.py writes on a VM: compose() runs
// on stand-in secrets, the ExternalSecret's template is rendered from the same secrets with
// External Secrets' semantics, and the two must agree variable for variable.

import { expect } from "chai";
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../../providers/vm/serviceEnvironment";
import { contractTemplate, externalSecretData, externalSecretManifest, pythonQuote } from "../../providers/kubernetes/workloads/environment";
import { IDEATION, scopeFor } from "./fixtures";
import { goQueryEscape, renderGoTemplate } from "./goTemplate";
import { schemaProblems } from "./schema";

// Every character a URL, a shell, YAML or a Go template could trip on.
const AWKWARD_PASSWORD = `p@ss:w/rd?#[]%&+= "q'ote" \\ ü{{ .x }}$HOME;|~`;
const AWKWARD_USER = "app blue+1";

const ENV: ServiceEnvironmentConfig = {
    secretReader: ["unused"],
    database: { secret: "arn:db", replicasSecret: "arn:replicas", rootCert: POSTGRES_CA_FILE },
    cache: { secret: "arn:cache", rootCert: "/etc/platform/certs/redis ca.pem" },
    secrets: { JWT_SECRET: "arn:jwt", API_KEY: "arn:api" },
    plain: {
        STORAGE_BUCKET: "platform-prod-documents",
        CELERY_BROKER_TRANSPORT_OPTIONS: JSON.stringify({ region: "us-east-1", predefined_queues: { worker: { url: "https://sqs.us-east-1.amazonaws.com/1/q" } } }),
        SERVICE_NAME: "api",
        PORT: "8000",
        ODD: "{{ not a template }}",
    },
};

function store(cache: Record<string, unknown>): Record<string, string> {
    return {
        "arn:db": JSON.stringify({ engine: "postgres", host: "db.internal.test", port: 5432, dbname: "app", username: AWKWARD_USER, password: AWKWARD_PASSWORD }),
        "arn:replicas": JSON.stringify(["replica-1.internal.test", "replica-2.internal.test"]),
        "arn:cache": JSON.stringify(cache),
        "arn:jwt": "jwt-value with spaces",
        "arn:api": AWKWARD_PASSWORD,
    };
}

/** compose() of platform-env.py, run on the stand-in store. */
function composed(env: ServiceEnvironmentConfig, values: Record<string, string>, token?: string): Record<string, string> {
    const dir = mkdtempSync(join(tmpdir(), "k8s-contract-"));
    writeFileSync(join(dir, "store.json"), JSON.stringify(values));
    const reader = join(dir, "read-secret");
    writeFileSync(reader, `#!/usr/bin/env python3\nimport json, sys\nv = json.load(open(${JSON.stringify(join(dir, "store.json"))})).get(sys.argv[1])\nif v is None:\n    sys.exit("ResourceNotFoundException")\nprint(v)\n`);
    chmodSync(reader, 0o755);
    const cache = token ? { ...env.cache, tokenReader: ["echo", token] } : env.cache;
    writeFileSync(join(dir, "config.json"), JSON.stringify({ ...env, cache, secretReader: [reader, "{ref}"] }));
    const run = spawnSync("python3", ["providers/vm/platform-env.py", join(dir, "config.json"), join(dir, "out.env")], { encoding: "utf8" });
    expect(run.status, run.stderr).to.equal(0);
    return Object.fromEntries(
        readFileSync(join(dir, "out.env"), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
}

/** What External Secrets writes into the target Secret: each data key read from the store, then the template. */
function rendered(env: ServiceEnvironmentConfig, values: Record<string, string>, generated: Record<string, string> = {}): Record<string, string> {
    const data: Record<string, string> = { ...generated };
    for (const entry of externalSecretData(env)) {
        data[entry.secretKey] = values[entry.remoteRef.key];
    }
    return Object.fromEntries(Object.entries(contractTemplate(env)).map(([name, template]) => [name, renderGoTemplate(template, data)]));
}

describe("kubernetes workloads: the contract environment", () => {
    it("encodes like Python's quote(): Go's urlquery with a space as %20", () => {
        for (const text of [AWKWARD_PASSWORD, AWKWARD_USER, "plain", "a+b c"]) {
            expect(goQueryEscape(text).split("+").join("%20")).to.equal(pythonQuote(text, ""));
        }
        expect(pythonQuote("/etc/platform/certs/redis ca.pem", "/")).to.equal("/etc/platform/certs/redis%20ca.pem");
    });

    it("renders exactly what platform-env writes on a VM, with an awkward password and read replicas", () => {
        const values = store({ host: "cache.internal.test", port: 6379, password: AWKWARD_PASSWORD, tls: true, cluster: false });
        const vm = composed(ENV, values);
        expect(vm.PGPASSWORD).to.equal(AWKWARD_PASSWORD);
        expect(vm.DATABASE_READ_URLS.split(",")).to.have.length(2);
        expect(rendered(ENV, values)).to.deep.equal(vm);
    });

    it("points DATABASE_URL, PGHOST and PGPORT at the connection pool when there is one, and the read URLs at the replicas", () => {
        const env = { ...ENV, database: { ...ENV.database, pool: { host: "pool.internal.test", port: 6432 } } };
        const values = store({ host: "cache.internal.test", port: 6379, password: "x" });
        const vm = composed(env, values);
        expect(vm).to.include({ PGHOST: "pool.internal.test", PGPORT: "6432" });
        expect(vm.DATABASE_URL).to.contain("@pool.internal.test:6432/app?sslmode=verify-full");
        expect(vm.DATABASE_READ_URLS.split(",")[0]).to.contain("@replica-1.internal.test:5432/");
        expect(rendered(env, values)).to.deep.equal(vm);
    });

    it("follows compose()'s defaults: TLS unless the secret says otherwise, cluster mode off unless it says so", () => {
        const { replicasSecret: _replicas, ...database } = ENV.database;
        const env = { ...ENV, database, cache: { secret: "arn:cache" } };
        for (const cache of [
            { host: "cache", port: 6379, password: "secret" },
            { host: "cache", port: 6379, password: "secret", tls: false, cluster: true },
        ]) {
            const values = store(cache);
            expect(rendered(env, values)).to.deep.equal(composed(env, values));
        }
        expect(rendered(env, store({ host: "cache", port: 6379, password: "x" }))).to.include({ REDIS_CLUSTER: "false" });
        expect(rendered(env, store({ host: "cache", port: 6379, password: "x" })).REDIS_URL).to.match(/^rediss:\/\//);
    });

    it("takes an IAM cache's password from the generated access token, as the VM takes its token", () => {
        const env = { ...ENV, cache: { ...ENV.cache, tokenReader: ["gcloud", "auth", "print-access-token"] } };
        const values = store({ host: "cache", port: 6379, auth: "iam", cluster: true });
        expect(rendered(env, values, { cacheToken: "ya29.token/+=" })).to.deep.equal(composed(env, values, "ya29.token/+="));
    });

    it("fails to sync, like compose(), when a JSON secret lacks a key", () => {
        const values = store({ host: "cache", port: 6379 });
        expect(() => rendered(ENV, values)).to.throw(/password/);
    });

    it("is an external-secrets.io/v1 ExternalSecret refreshed every 5 minutes, valid against the operator's schema", async () => {
        const { ExternalSecret } = await import("@kubernetes-models/external-secrets/external-secrets.io/v1");
        const service = IDEATION.appFleet.services[0];
        const manifest = externalSecretManifest(scopeFor(IDEATION), service, ENV, { name: "aws-secrets", kind: "ClusterSecretStore" });
        expect(schemaProblems(ExternalSecret, manifest)).to.deep.equal([]);
        expect(manifest.spec).to.deep.include({ refreshInterval: "5m", secretStoreRef: { name: "aws-secrets", kind: "ClusterSecretStore" } });
        expect(manifest.spec.target).to.deep.include({ name: "api-env", creationPolicy: "Owner" });
        const withToken = externalSecretManifest(scopeFor(IDEATION), service, { ...ENV, cache: { ...ENV.cache, tokenReader: ["t"] } }, { name: "gcp", kind: "ClusterSecretStore" }, {
            cacheToken: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "GCRAccessToken", name: "cache-token" }, key: "password" },
        });
        expect(schemaProblems(ExternalSecret, withToken)).to.deep.equal([]);
        expect(() => externalSecretManifest(scopeFor(IDEATION), service, { ...ENV, cache: { ...ENV.cache, tokenReader: ["t"] } }, { name: "gcp", kind: "ClusterSecretStore" })).to.throw(/cacheToken/);
    });

    it("reads each reference under the store's own key form when the cloud needs one", () => {
        const keys = externalSecretData(ENV, (ref) => ref.replace(/^arn:/, "")).map((entry) => [entry.secretKey, entry.remoteRef.key]);
        expect(keys).to.deep.equal([
            ["database", "db"],
            ["replicas", "replicas"],
            ["cache", "cache"],
            ["API_KEY", "api"],
            ["JWT_SECRET", "jwt"],
        ]);
    });
});
