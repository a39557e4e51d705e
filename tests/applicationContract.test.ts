// The application contract, end to end on the recorded plans: the boot script of every service
// of a stack is read from its launch template (AWS) or instance template (GCP), its platform-env
// runs here with a stand-in for the cloud's secret store, and the environment it writes must be
// exactly the contract's, in forms node-postgres, libpq and Python's URL parser read as intended.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse as parsePostgresUrl } from "pg-connection-string";
import { APPLICATION_CONTRACT, POSTGRES_CA_FILE, SERVICES_CA_FILE, serviceUrlVariable } from "../providers/contract";
import { implementedClouds } from "../providers";
import { ContractValues, contractVariables } from "../providers/kubernetes/environment";
import { resolvePlatformSpec, ServiceSpec } from "../tiers";
import { readStackFile } from "../tools/stackFile";
import { SynthResult } from "../tools/synth";
import { build, buildClusterTier, buildStackFile, buildTier, inputs, one, ofType, tierConfig } from "./helpers/stacks";

/** A password with every character a URL, a shell and an env file could trip on. */
const TRICKY_PASSWORD = "p@ss:w/rd?#%&=+ 'x\"$`\\!";
const REDIS_TOKEN = "Tok3nAlphaNumeric0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";

interface Boot {
    service: string;
    script: string;
    config: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    platformEnv: string;
}

/** The file a heredoc of the boot script writes. */
function heredoc(script: string, path: string): string {
    const match = new RegExp(`cat > ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} <<'PLATFORM_EOF'\\n([\\s\\S]*?)\\nPLATFORM_EOF`).exec(script);
    expect(match, `heredoc for ${path}`).to.not.equal(null);
    return match![1];
}

/** A boot script as a Boot: its service, the platform-env config and script it installs. */
function bootOf(script: string): Boot {
    const service = /platform-run-([a-z0-9-]+) <<'PLATFORM_EOF'/.exec(script)![1];
    return {
        service,
        script,
        config: JSON.parse(heredoc(script, `/etc/platform/${service}.json`)),
        platformEnv: heredoc(script, "/usr/local/sbin/platform-env"),
    };
}

/** The boot scripts of a stack's services, from each cloud's instance templates. */
function boots(result: SynthResult): Boot[] {
    if (result.cloud === "gcp") {
        return ofType(result, "gcp:compute/instanceTemplate:InstanceTemplate").map((template) => bootOf(inputs(template).metadata["startup-script"]));
    }
    return ofType(result, "aws:ec2/launchTemplate:LaunchTemplate")
        .filter((template) => !template.name.endsWith("bastion-template"))
        .map((template) => bootOf(Buffer.from(inputs(template).userData, "base64").toString("utf8")));
}

/** Runs the boot script's platform-env with a secret store that answers for the config's references. */
function runPlatformEnv(
    boot: Boot,
    replicaHosts: string[],
    missing: string[] = [],
    cacheSecret: Record<string, unknown> = { host: "cache.internal.test", port: 6379, password: REDIS_TOKEN, tls: true, cluster: false },
): { status: number; env: Record<string, string>; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), "contract-"));
    const caFile = join(dir, "ca.pem");
    writeFileSync(caFile, "-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n");
    const values: Record<string, string> = {
        [boot.config.database.secret]: JSON.stringify({ engine: "postgres", host: "db.internal.test", port: 5432, dbname: "app", username: "app_blue", password: TRICKY_PASSWORD }),
        [boot.config.cache.secret]: JSON.stringify(cacheSecret),
        ...Object.fromEntries(Object.entries(boot.config.secrets as Record<string, string>).map(([name, ref]) => [ref, `${name.toLowerCase()}-value`])),
    };
    if (boot.config.database.replicasSecret) {
        values[boot.config.database.replicasSecret] = JSON.stringify(replicaHosts);
    }
    for (const ref of missing) {
        delete values[ref];
    }
    const store = join(dir, "store.json");
    writeFileSync(store, JSON.stringify(values));
    const reader = join(dir, "read-secret");
    writeFileSync(reader, `#!/usr/bin/env python3\nimport json, sys\nv = json.load(open(${JSON.stringify(store)})).get(sys.argv[1])\nif v is None:\n    sys.exit("ResourceNotFoundException")\nprint(v)\n`);
    chmodSync(reader, 0o755);
    // A cache authenticating with IAM gets the stand-in store's token as its password.
    const cache = boot.config.cache.tokenReader ? { ...boot.config.cache, tokenReader: ["echo", "ya29.stand-in-token"] } : boot.config.cache;
    // The connection pool, where the stack has one, under a stand-in name like the database's.
    const pool = boot.config.database.pool ? { pool: { ...boot.config.database.pool, host: "pool.internal.test" } } : {};
    const config = { ...boot.config, secretReader: [reader, "{ref}"], database: { ...boot.config.database, rootCert: caFile, ...pool }, cache };
    writeFileSync(join(dir, "config.json"), JSON.stringify(config));
    writeFileSync(join(dir, "platform-env"), boot.platformEnv);
    const run = spawnSync("python3", [join(dir, "platform-env"), join(dir, "config.json"), join(dir, "out.env")], { encoding: "utf8" });
    const env: Record<string, string> = {};
    if (run.status === 0) {
        for (const line of readFileSync(join(dir, "out.env"), "utf8").split("\n").filter(Boolean)) {
            const at = line.indexOf("=");
            env[line.slice(0, at)] = line.slice(at + 1);
        }
    }
    return { status: run.status ?? -1, env, stderr: run.stderr };
}

/** Contract variables a service must get, from the contract's presence rules. */
/** The search cluster a stack has: none, AWS's managed domain, or a self-run OpenSearch (its CA file too). */
type SearchKind = "none" | "managed" | "self-run";

/** production-large has the search cluster by default: the managed domain on AWS, self-run elsewhere. */
function searchOf(result: SynthResult): SearchKind {
    if (result.config.tier !== "production-large") {
        return "none";
    }
    return result.cloud === "aws" ? "managed" : "self-run";
}

function expectedNames(kind: "web" | "worker", hasReplicas: boolean, hasWorkers: boolean, calls: string[] = [], existingCluster = false, search: SearchKind = "none"): string[] {
    return APPLICATION_CONTRACT.filter((variable) => {
        switch (variable.presence) {
            case "an existing cluster":
                return existingCluster;
            case "read replicas":
                return hasReplicas;
            case "worker services exist":
                return hasWorkers;
            case "web services":
                return kind === "web";
            case "services that declare calls":
                return calls.length > 0;
            // Every stack these tests build keeps the tier's default: tracing on, the search cluster in production-large.
            case "tracing is on":
                return true;
            case "the search cluster is on":
                return search !== "none";
            case "a self-run search cluster":
                return search === "self-run";
            default:
                return true;
        }
    })
        .flatMap((variable) => (variable.name === "SERVICE_URL_<NAME>" ? calls.map(serviceUrlVariable) : [variable.name]))
        .sort();
}

const CALLING_SERVICES = [
    { name: "web", image: "ghcr.io/acme/web:1.0.0", port: 3000, calls: ["pricing"] },
    { name: "pricing", image: "ghcr.io/acme/pricing:1.0.0", port: 8080, public: false },
];

const GCP = { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform" };

/** A shipped stack file moved to GCP: only the cloud's keys change, never the services. */
function onGcp(stack: string): Promise<SynthResult> {
    return build(`gcp-${stack}`, { ...readStackFile(`Pulumi.${stack}.yaml`), ...GCP });
}

/** The stacks each cloud's contract is checked on. */
const STACKS: Record<string, [string, () => Promise<SynthResult>][]> = {
    aws: [
        ["prod (LMS, one web service)", () => buildStackFile("prod")],
        ["ideation (API and Celery worker)", () => buildStackFile("ideation")],
        ["production-large (read replicas, Redis cluster)", () => buildTier("aws", "production-large")],
        ["a web service calling a private one", () => build("contract-calls", tierConfig("staging", { services: CALLING_SERVICES }))],
    ],
    gcp: [
        ["gcp-prod (the LMS prod stack on GCP)", () => buildStackFile("gcp-prod")],
        ["ideation (API and Celery worker)", () => onGcp("ideation")],
        ["production-large (read replicas, Redis cluster)", () => buildTier("gcp", "production-large")],
    ],
};

describe("application contract: the environment every service receives", () => {
    const stacks = Object.entries(STACKS).flatMap(([cloud, list]) => list.map(([label, synth]): [string, () => Promise<SynthResult>] => [`${cloud}: ${label}`, synth]));
    for (const [label, synth] of stacks) {
        it(`${label}: exactly the contract's variables, nothing else`, async () => {
            const result = await synth();
            const hasReplicas = result.config.tier === "production-large";
            const hasWorkers = result.config.services.some((service) => service.kind === "worker");
            for (const boot of boots(result)) {
                const service = result.config.services.find((candidate) => candidate.name === boot.service)!;
                const { status, env, stderr } = runPlatformEnv(boot, ["replica-1.internal.test", "replica-2.internal.test"]);
                expect(status, stderr).to.equal(0);
                expect(Object.keys(env).sort(), boot.service).to.deep.equal(expectedNames(service.kind, hasReplicas, hasWorkers, service.calls ?? [], false, searchOf(result)));
                expect(env.SERVICE_NAME).to.equal(boot.service);
                expect(boot.config.database.rootCert).to.equal(POSTGRES_CA_FILE);
            }
        });
    }

    it("holds every variable the contract promises applications, named as they expect", async () => {
        // Stated here, not read from providers/contract.ts: libpq's PG* names, the URLs Django,
        // SQLAlchemy, node-postgres and redis clients take, Celery's broker variable.
        const promised = [
            "DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSSLMODE", "PGSSLROOTCERT",
            "REDIS_URL", "REDIS_CLUSTER", "CELERY_BROKER_URL", "STORAGE_BUCKET", "STORAGE_REGION", "JWT_SECRET", "API_KEY",
        ];
        const ideation = await buildStackFile("ideation");
        for (const boot of boots(ideation)) {
            expect(Object.keys(runPlatformEnv(boot, []).env), boot.service).to.include.members(promised);
        }
        const large = await build("contract-large", tierConfig("production-large"));
        expect(Object.keys(runPlatformEnv(boots(large)[0], ["replica-1.internal.test"]).env)).to.include("DATABASE_READ_URLS");
    });

    it("DATABASE_URL reads back exactly in node-postgres, with TLS verifying the server against the CA file", async () => {
        const [boot] = boots(await buildStackFile("prod"));
        const { env } = runPlatformEnv(boot, []);
        const parsed = parsePostgresUrl(env.DATABASE_URL);
        expect(parsed.user).to.equal("app_blue");
        expect(parsed.password).to.equal(TRICKY_PASSWORD);
        // prod pools its connections (RDS Proxy on 5432): DATABASE_URL names the pool.
        expect(parsed.host).to.equal("pool.internal.test");
        expect(parsed.port).to.equal("5432");
        expect(parsed.database).to.equal("app");
        // verify-full: a CA and no opt-out, so Node's TLS checks the chain and the host name.
        expect(parsed.ssl).to.be.an("object");
        expect((parsed.ssl as { rejectUnauthorized?: boolean }).rejectUnauthorized).to.not.equal(false);
        expect(String((parsed.ssl as { ca?: string }).ca)).to.contain("stand-in");
        expect(env.PGPASSWORD).to.equal(TRICKY_PASSWORD);
        expect(env.PGSSLMODE).to.equal("verify-full");
        expect(env.DATABASE_URL.startsWith("postgresql://")).to.equal(true);
    });

    it("DATABASE_URL reads back exactly in Python's URL parser (Django's dj-database-url, SQLAlchemy)", async () => {
        const [boot] = boots(await buildStackFile("prod"));
        const { env } = runPlatformEnv(boot, []);
        const code = "import sys, json\nfrom urllib.parse import urlparse, unquote, parse_qs\nu = urlparse(sys.argv[1])\nprint(json.dumps([unquote(u.username), unquote(u.password), u.hostname, u.port, u.path[1:], parse_qs(u.query)['sslmode'][0]]))";
        const decoded = JSON.parse(execFileSync("python3", ["-c", code, env.DATABASE_URL], { encoding: "utf8" }));
        expect(decoded).to.deep.equal(["app_blue", TRICKY_PASSWORD, "pool.internal.test", 5432, "app", "verify-full"]);
    });

    it("DATABASE_URL is a valid libpq connection URI (psql gets as far as connecting to its host)", async () => {
        const [boot] = boots(await buildStackFile("prod"));
        const { env } = runPlatformEnv(boot, []);
        // The same URL aimed at a closed local port: a parse error would fail before any connection.
        const local = env.DATABASE_URL.replace("pool.internal.test:5432", "127.0.0.1:9").replace("sslmode=verify-full", "sslmode=disable");
        const run = spawnSync("psql", [local, "-c", "select 1"], { encoding: "utf8", env: { ...process.env, PGCONNECT_TIMEOUT: "2" } });
        expect(run.status).to.not.equal(0);
        expect(run.stderr).to.match(/connection to server at "127\.0\.0\.1", port 9 failed/);
    });

    it("REDIS_URL is TLS with the AUTH token; REDIS_CLUSTER follows the tier", async () => {
        const prod = runPlatformEnv(boots(await buildStackFile("prod"))[0], []).env;
        expect(prod.REDIS_URL).to.equal(`rediss://:${REDIS_TOKEN}@cache.internal.test:6379/0`);
        expect(prod.REDIS_CLUSTER).to.equal("false");
    });

    it("DATABASE_READ_URLS lists every replica with the same role and TLS settings", async () => {
        const [boot] = boots(await build("contract-large", tierConfig("production-large")));
        const { env } = runPlatformEnv(boot, ["replica-1.internal.test", "replica-2.internal.test"]);
        const urls = env.DATABASE_READ_URLS.split(",");
        expect(urls.map((url) => parsePostgresUrl(url).host)).to.deep.equal(["replica-1.internal.test", "replica-2.internal.test"]);
        expect(urls.every((url) => url.includes("sslmode=verify-full"))).to.equal(true);
    });

    it("Celery: the worker's default queue is its own SQS queue, the one its scaling alarm watches", async () => {
        const result = await buildStackFile("ideation");
        const worker = boots(result).find((boot) => boot.service === "worker")!;
        const api = boots(result).find((boot) => boot.service === "api")!;
        const workerEnv = runPlatformEnv(worker, []).env;
        const apiEnv = runPlatformEnv(api, []).env;
        expect(workerEnv.CELERY_BROKER_URL).to.equal("sqs://");
        expect(workerEnv.CELERY_TASK_DEFAULT_QUEUE).to.equal("worker");
        expect(apiEnv.CELERY_TASK_DEFAULT_QUEUE).to.equal("worker");
        const options = JSON.parse(workerEnv.CELERY_BROKER_TRANSPORT_OPTIONS);
        expect(options.region).to.equal("us-east-1");
        const queueUrl: string = options.predefined_queues.worker.url;
        const queueName = queueUrl.slice(queueUrl.lastIndexOf("/") + 1);
        const scaleOutAlarm = ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm").find((alarm) => alarm.name.endsWith("worker-queue-high"))!;
        expect(inputs(scaleOutAlarm).dimensions.QueueName).to.equal(queueName);
    });

    it("a declared call gets the callee's internal HTTPS URL and the CA that signs it, installed on the host", async () => {
        const result = await build("contract-calls", tierConfig("staging", { services: CALLING_SERVICES }));
        const web = boots(result).find((boot) => boot.service === "web")!;
        const { env } = runPlatformEnv(web, []);
        expect(env.SERVICE_URL_PRICING).to.equal("https://pricing.platform-contract-calls.internal");
        expect(env.SERVICES_CA_FILE).to.equal(SERVICES_CA_FILE);
        expect(heredoc(web.script, SERVICES_CA_FILE)).to.contain("BEGIN CERTIFICATE");
        const pricing = boots(result).find((boot) => boot.service === "pricing")!;
        expect(pricing.script).to.not.contain(`cat > ${SERVICES_CA_FILE}`);
    });

    it("says 'not ready' (exit 75), not an error, while a secret has no value yet", async () => {
        const [boot] = boots(await buildStackFile("prod"));
        const run = runPlatformEnv(boot, [], [boot.config.database.secret]);
        expect(run.status).to.equal(75);
        expect(run.stderr).to.match(/not ready/);
    });

    it("the README's table lists exactly the contract's variables", () => {
        const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Application contract"));
        const table = section.slice(0, section.indexOf("\n## ", 3));
        const names = [...table.matchAll(/^\| `([A-Z_<>]+)` \|/gm)].map((match) => match[1]);
        expect(names).to.deep.equal(APPLICATION_CONTRACT.map((variable) => variable.name));
    });

    it("GCP: REDIS_URL is TLS with the AUTH token and names the Memorystore CA installed on the host", async () => {
        const [boot] = boots(await buildStackFile("gcp-prod"));
        const { env } = runPlatformEnv(boot, []);
        expect(env.REDIS_URL).to.equal(`rediss://:${REDIS_TOKEN}@cache.internal.test:6379/0?ssl_ca_certs=/etc/platform/certs/redis-ca.pem`);
        expect(boot.config.cache.rootCert).to.equal("/etc/platform/certs/redis-ca.pem");
        expect(heredoc(boot.script, "/etc/platform/certs/redis-ca.pem")).to.contain("BEGIN CERTIFICATE");
        expect(heredoc(boot.script, POSTGRES_CA_FILE)).to.contain("BEGIN CERTIFICATE");
        // redis-py (and so Celery and kombu) reads the CA file from the URL's query.
        const code = "import sys, json\nfrom urllib.parse import urlparse, parse_qs, unquote\nu = urlparse(sys.argv[1])\nprint(json.dumps([u.scheme, unquote(u.password), parse_qs(u.query)['ssl_ca_certs'][0]]))";
        const decoded = JSON.parse(execFileSync("python3", ["-c", code, env.REDIS_URL], { encoding: "utf8" }));
        expect(decoded).to.deep.equal(["rediss", REDIS_TOKEN, "/etc/platform/certs/redis-ca.pem"]);
    });

    it("GCP Redis Cluster: the password is the instance's current access token (IAM), never a stored secret", async () => {
        const [boot] = boots(await build("contract-gcp-large", tierConfig("production-large", GCP)));
        expect(boot.config.cache.tokenReader).to.include.members(["gcloud", "print-access-token"]);
        const { env, status, stderr } = runPlatformEnv(boot, ["replica-1.internal.test"], [], { host: "10.0.20.5", port: 6379, tls: true, cluster: true, auth: "iam" });
        expect(status, stderr).to.equal(0);
        expect(env.REDIS_URL).to.equal("rediss://:ya29.stand-in-token@10.0.20.5:6379/0?ssl_ca_certs=/etc/platform/certs/redis-ca.pem");
        expect(env.REDIS_CLUSTER).to.equal("true");
    });

    it("GCP: secrets are read by resource name from Secret Manager; storage is Cloud Storage", async () => {
        const result = await buildStackFile("gcp-prod");
        const [boot] = boots(result);
        // The reference is the secret's id, projects/<project>/secrets/<secret id> (the offline engine's "<name>-id").
        expect(boot.config.secretReader).to.include.members(["gcloud", "{ref}/versions/latest"]);
        const secretIds = ofType(result, "gcp:secretmanager/secret:Secret").map((secret) => `${secret.name}-id`);
        expect(secretIds).to.include.members([boot.config.database.secret, boot.config.cache.secret]);
        const { env } = runPlatformEnv(boot, []);
        expect(env.STORAGE_ENDPOINT).to.equal("https://storage.googleapis.com");
        expect(env.STORAGE_REGION).to.equal("us-central1");
    });

    it("GCP Celery: Pub/Sub through kombu, the worker's default queue is its own subscription, the one its autoscaler watches", async () => {
        const result = await onGcp("ideation");
        const worker = boots(result).find((boot) => boot.service === "worker")!;
        const api = boots(result).find((boot) => boot.service === "api")!;
        const workerEnv = runPlatformEnv(worker, []).env;
        const apiEnv = runPlatformEnv(api, []).env;
        expect(workerEnv.CELERY_BROKER_URL).to.equal("gcpubsub://projects/acme-platform");
        expect(workerEnv.CELERY_TASK_DEFAULT_QUEUE).to.equal("platform-gcp-ideation-worker");
        expect(apiEnv.CELERY_TASK_DEFAULT_QUEUE).to.equal(workerEnv.CELERY_TASK_DEFAULT_QUEUE);
        // No prefix: kombu's subscription is the queue's name, the one created with the topic.
        expect(JSON.parse(workerEnv.CELERY_BROKER_TRANSPORT_OPTIONS)).to.deep.equal({ queue_name_prefix: "", ack_deadline_seconds: 240 });
        const subscription = ofType(result, "gcp:pubsub/subscription:Subscription").find((candidate) => candidate.name.endsWith("worker-subscription"))!;
        expect(inputs(subscription).name).to.equal(workerEnv.CELERY_TASK_DEFAULT_QUEUE);
        expect(inputs(subscription).ackDeadlineSeconds).to.equal(240);
        const autoscaler = ofType(result, "gcp:compute/regionAutoscaler:RegionAutoscaler").find((candidate) => candidate.name.endsWith("worker-autoscaler"))!;
        expect(inputs(autoscaler).autoscalingPolicy.metrics[0].filter).to.contain(`subscription_id = "${workerEnv.CELERY_TASK_DEFAULT_QUEUE}"`);
    });

    it("every implemented cloud is covered (Azure's and the clusters' stacks below)", () => {
        expect(implementedClouds().filter((cloud) => !STACKS[cloud] && cloud !== "azure" && cloud !== "kubernetes")).to.deep.equal([]);
    });
});

/** The boot scripts of an Azure plan: each scale set's custom data. */
function azureBoots(result: SynthResult): Boot[] {
    return ofType(result, "azure-native:compute:VirtualMachineScaleSet").map((set) => {
        const script = Buffer.from(inputs(set).virtualMachineProfile.osProfile.customData, "base64").toString("utf8");
        const service = /platform-run-([a-z0-9-]+) <<'PLATFORM_EOF'/.exec(script)![1];
        return { service, script, config: JSON.parse(heredoc(script, `/etc/platform/${service}.json`)), platformEnv: heredoc(script, "/usr/local/sbin/platform-env") };
    });
}

describe("application contract on Azure: the same environment from Key Vault", () => {
    const AZURE = { cloud: "azure", region: "eastus" };
    const onAzure = (stack: string) => build(`contract-azure-${stack}`, { ...readStackFile(`Pulumi.${stack}.yaml`), ...AZURE });
    const large = () => buildTier("azure", "production-large");
    const stacks: [string, () => Promise<SynthResult>][] = [
        ["azure-prod (the LMS prod stack on Azure)", () => buildStackFile("azure-prod")],
        ["ideation (API and Celery worker)", () => onAzure("ideation")],
        ["production-large (read replicas)", large],
        ["a web service calling a private one", () => build("contract-azure-calls", tierConfig("staging", { ...AZURE, services: CALLING_SERVICES }))],
    ];
    for (const [label, synth] of stacks) {
        it(`${label}: exactly the contract's variables, nothing else`, async () => {
            const result = await synth();
            const hasReplicas = result.config.tier === "production-large";
            const hasWorkers = result.config.services.some((service) => service.kind === "worker");
            const boots = azureBoots(result);
            // A spot worker with a regular base is two scale sets (regular base, then Spot), both booting the same service:
            // ideation's worker (spot, onDemandBase 2) makes 3 sets for its 2 services.
            const setsOf = (service: (typeof result.config.services)[number]) => (service.spot && (service.onDemandBase ?? 1) > 0 ? 2 : 1);
            expect(boots.length).to.equal(result.config.services.reduce((sum, service) => sum + setsOf(service), 0));
            for (const service of result.config.services) {
                expect(boots.filter((boot) => boot.service === service.name), service.name).to.have.length(setsOf(service));
            }
            for (const boot of boots) {
                const service = result.config.services.find((candidate) => candidate.name === boot.service)!;
                const { status, env, stderr } = runPlatformEnv(boot, ["replica-1.internal.test", "replica-2.internal.test"]);
                expect(status, stderr).to.equal(0);
                expect(Object.keys(env).sort(), boot.service).to.deep.equal(expectedNames(service.kind, hasReplicas, hasWorkers, service.calls ?? [], false, searchOf(result)));
                expect(env.SERVICE_NAME).to.equal(boot.service);
                expect(env.PGSSLMODE).to.equal("verify-full");
                expect(boot.config.database.rootCert).to.equal(POSTGRES_CA_FILE);
            }
        });
    }

    it("reads every secret by its Key Vault URL with the VM's identity, never by value", async () => {
        const [boot] = azureBoots(await buildStackFile("azure-prod"));
        expect(boot.config.secretReader).to.deep.equal(["/usr/local/sbin/key-vault-read", "{ref}"]);
        const refs = [boot.config.database.secret, boot.config.cache.secret, ...Object.values(boot.config.secrets as Record<string, string>)];
        for (const ref of refs) {
            expect(ref).to.match(/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+$/);
        }
        expect(Object.keys(boot.config.secrets).sort()).to.deep.equal(Object.keys(runPlatformEnv(boot, []).env).filter((name) => ["JWT_SECRET", "API_KEY"].includes(name)).sort());
    });

    it("STORAGE_* name the blob container, the region and the account's blob endpoint", async () => {
        const result = await buildStackFile("azure-prod");
        const { env } = runPlatformEnv(azureBoots(result)[0], []);
        expect(env.STORAGE_REGION).to.equal("eastus");
        expect(env.STORAGE_ENDPOINT).to.match(/^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net$/);
        expect(env.STORAGE_BUCKET).to.be.a("string").and.not.equal("");
    });

    it("DATABASE_URL verifies the server against the shipped Azure roots, and REDIS_URL is TLS", async () => {
        const [boot] = azureBoots(await buildStackFile("azure-prod"));
        const { env } = runPlatformEnv(boot, []);
        // The stand-in run points the root certificate elsewhere; the config names the installed bundle.
        expect(env.DATABASE_URL).to.contain("sslmode=verify-full&sslrootcert=");
        expect(boot.config.database.rootCert).to.equal(POSTGRES_CA_FILE);
        expect(heredoc(boot.script, POSTGRES_CA_FILE)).to.contain("BEGIN CERTIFICATE");
        expect(env.REDIS_URL.startsWith("rediss://")).to.equal(true);
    });

    it("Celery: kombu's Service Bus transport with the VM's identity; the worker's default queue is the one its autoscale watches", async () => {
        const result = await onAzure("ideation");
        const worker = azureBoots(result).find((boot) => boot.service === "worker")!;
        const api = azureBoots(result).find((boot) => boot.service === "api")!;
        const workerEnv = runPlatformEnv(worker, []).env;
        const namespace = inputs(one(result, "azure-native:servicebus:Namespace")).namespaceName;
        expect(workerEnv.CELERY_BROKER_URL).to.equal(`azureservicebus://ManagedIdentityCredential@${namespace}.servicebus.windows.net`);
        expect(workerEnv.CELERY_TASK_DEFAULT_QUEUE).to.equal("worker");
        expect(runPlatformEnv(api, []).env.CELERY_TASK_DEFAULT_QUEUE).to.equal("worker");
        expect(JSON.parse(workerEnv.CELERY_BROKER_TRANSPORT_OPTIONS)).to.deep.equal({ peek_lock_seconds: 60 });
        const scaling = inputs(one(result, "azure-native:monitor:AutoscaleSetting", "-worker-autoscale")).profiles[0].rules[0].metricTrigger;
        expect(scaling.dimensions[0].values).to.deep.equal([workerEnv.CELERY_TASK_DEFAULT_QUEUE]);
        expect(inputs(one(result, "azure-native:servicebus:Queue", "-worker-queue")).queueName).to.equal(workerEnv.CELERY_TASK_DEFAULT_QUEUE);
    });

    it("a declared call gets the callee's internal HTTPS URL and the CA that signs it, installed on the host", async () => {
        const result = await build("contract-azure-calls", tierConfig("staging", { ...AZURE, services: CALLING_SERVICES }));
        const web = azureBoots(result).find((boot) => boot.service === "web")!;
        const { env } = runPlatformEnv(web, []);
        expect(env.SERVICE_URL_PRICING).to.equal("https://pricing.platform-contract-azure-calls.internal");
        expect(env.SERVICES_CA_FILE).to.equal(SERVICES_CA_FILE);
        expect(heredoc(web.script, SERVICES_CA_FILE)).to.contain("BEGIN CERTIFICATE");
        const pricing = azureBoots(result).find((boot) => boot.service === "pricing")!;
        expect(pricing.script).to.not.contain(`cat > ${SERVICES_CA_FILE}`);
    });

    it("says 'not ready' (exit 75) while a Key Vault secret has no value yet", async () => {
        const [boot] = azureBoots(await buildStackFile("azure-prod"));
        const run = runPlatformEnv(boot, [], [boot.config.cache.secret]);
        expect(run.status).to.equal(75);
    });
});

/** Names of what a Deployment's container gets: its plain env and the Secret its envFrom names. */
function podEnvironment(result: SynthResult, service: string, secretKeys: (secretName: string) => string[]): string[] {
    const deployment = ofType(result, "kubernetes:apps/v1:Deployment").find((candidate) => inputs(candidate).metadata.name === service);
    expect(deployment, `Deployment ${service}`).to.not.equal(undefined);
    const [container] = inputs(deployment!).spec.template.spec.containers;
    const plain = (container.env ?? []).map((variable: { name: string }) => variable.name);
    const fromSecrets = (container.envFrom ?? []).flatMap((source: { secretRef: { name: string } }) => secretKeys(source.secretRef.name));
    return [...new Set([...plain, ...fromSecrets])].sort();
}

describe("application contract on Kubernetes: the same environment in every pod", () => {
    const IDEATION = () => readStackFile("Pulumi.ideation.yaml");
    const PLACEMENT: Record<string, Record<string, unknown>> = {
        aws: {},
        gcp: GCP,
        azure: { cloud: "azure", region: "eastus" },
    };

    /** The ExternalSecret rendering a Secret: the variables are its template's keys. */
    const templateKeys = (result: SynthResult) => (secretName: string): string[] => {
        const external = ofType(result, "kubernetes:external-secrets.io/v1:ExternalSecret").find((candidate) => inputs(candidate).spec.target.name === secretName);
        expect(external, `ExternalSecret rendering ${secretName}`).to.not.equal(undefined);
        return Object.keys(inputs(external!).spec.target.template.data);
    };

    for (const cloud of ["aws", "gcp", "azure"]) {
        it(`${cloud} runtime kubernetes, ideation (API and Celery worker): exactly the contract's variables in each pod`, async () => {
            const result = await build(`contract-k8s-${cloud}`, { ...IDEATION(), ...PLACEMENT[cloud], runtime: "kubernetes" });
            expect(podEnvironment(result, "api", templateKeys(result))).to.deep.equal(expectedNames("web", false, true));
            expect(podEnvironment(result, "worker", templateKeys(result))).to.deep.equal(expectedNames("worker", false, true));
        });
    }

    it("aws runtime kubernetes, production-large: read replicas reach the pods too", async () => {
        const result = await buildClusterTier("aws", "production-large");
        expect(podEnvironment(result, "web", templateKeys(result))).to.deep.equal(expectedNames("web", true, true, [], false, "managed"));
    });

    // On an existing cluster the program generates every credential, so each service's Secret is
    // written whole and the plan records its stringData as one secret: the variables come from the
    // renderer the adapter writes it with, for the services of the resolved stack, and the pod must
    // mount exactly that Secret besides its plain SERVICE_NAME and PORT.
    const existingClusterEnvironment = (result: SynthResult, services: ServiceSpec[], readHost: boolean, service: string): string[] => {
        const values: ContractValues = {
            database: { host: "db-rw", ...(readHost ? { readHost: "db-ro" } : {}), port: 5432, name: "app", user: "app", password: "p@ss w:rd" },
            cache: { host: "cache", port: 6379, password: "token", cluster: false },
            storage: { endpoint: "https://storage", bucket: "bucket", region: "us-east-1", accessKey: "AK", secretKey: "SK" },
            jwtSecret: "jwt",
            apiKey: "key",
            serviceUrls: {},
            ...(readHost ? { searchUrl: "https://app:pass@opensearch-data.data.svc:9200" } : {}),
            tracing: { spec: resolvePlatformSpec(result.config, result.project, result.stack).telemetry.tracing, endpoint: "http://collector:4318" },
        };
        const spec = services.find((candidate) => candidate.name === service)!;
        const rendered = Object.keys(contractVariables(spec, services, values));
        return podEnvironment(result, service, (secretName) => {
            const secret = ofType(result, "kubernetes:core/v1:Secret").find((candidate) => inputs(candidate).metadata.name === secretName);
            expect(secret, `Secret ${secretName}`).to.not.equal(undefined);
            return rendered.filter((name) => name !== "SERVICE_NAME" && name !== "PORT");
        });
    };

    it("an existing cluster, the shipped local stack: the contract plus the in-cluster store's key", async () => {
        const result = await buildStackFile("local");
        const services = resolvePlatformSpec(result.config, result.project, result.stack).appFleet.services;
        expect(existingClusterEnvironment(result, services, false, "api")).to.deep.equal(expectedNames("web", false, true, [], true));
        expect(existingClusterEnvironment(result, services, false, "worker")).to.deep.equal(expectedNames("worker", false, true, [], true));
    });

    it("an existing cluster, production-large: the read endpoint too", async () => {
        const result = await buildClusterTier("kubernetes", "production-large");
        const services = resolvePlatformSpec(result.config, result.project, result.stack).appFleet.services;
        expect(result.outputs.database).to.have.property("readReplicaHosts").with.length(1);
        expect(existingClusterEnvironment(result, services, true, "web")).to.deep.equal(expectedNames("web", true, true, [], true, "self-run"));
    });
});
