// The real pack, served by @pulumi/policy's own server in a child process (constructing the
// PolicyPack starts it, which is why no test imports policies/index.ts). The test talks to it
// over gRPC the way the Pulumi engine does: analyzer info, configure with a tier file, analyze
// one resource, analyze a stack. This covers the SDK's behaviour the offline harness mirrors.

import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { expect } from "chai";
import { ChildProcess, spawn } from "child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import { reconcilePolicyConfig } from "../../policies/lib/config";
import { TIER_CONFIGS } from "../../policies/offline";
import { policies } from "../../policies/rules";
import { parameterGroup, rdsPrimary } from "./fixtures/aws";

const PACK = path.join(__dirname, "..", "..", "policies");
const LEVELS: Record<string, number> = {
    advisory: analyzer.EnforcementLevel.ADVISORY,
    mandatory: analyzer.EnforcementLevel.MANDATORY,
    disabled: analyzer.EnforcementLevel.DISABLED,
    remediate: analyzer.EnforcementLevel.REMEDIATE,
};
/** The wire form of a secret value (sdk/go/common/resource/sig). */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

interface Served {
    child: ChildProcess;
    client: analyzerRpc.AnalyzerClient;
}

function serve(env: Record<string, string> = {}): Promise<Served> {
    return new Promise((resolve, reject) => {
        const child = spawn("npx", ["tsx", "index.ts"], { cwd: PACK, env: { ...process.env, ...env }, detached: true });
        let output = "";
        let errors = "";
        const timer = setTimeout(() => reject(new Error(`the pack did not start: ${errors}`)), 60000);
        child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
        child.stdout!.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const port = /^(\d+)\s*$/m.exec(output)?.[1];
            if (port) {
                clearTimeout(timer);
                resolve({ child, client: new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) });
            }
        });
        child.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${errors}`)));
    });
}

function stop(served: Served | undefined): void {
    served?.client.close();
    if (served?.child.pid) {
        try {
            // The whole group this test started: npx and the node process it runs.
            process.kill(-served.child.pid, "SIGTERM");
        } catch {
            // Already gone.
        }
    }
}

type Callback<Res> = (err: grpc.ServiceError | null, response: Res) => void;

function call<Req, Res>(method: (request: Req, callback: Callback<Res>) => unknown, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => method(request, (err, response) => (err ? reject(err) : resolve(response))));
}

const analyzerInfo = (client: analyzerRpc.AnalyzerClient) =>
    call<Empty, analyzer.AnalyzerInfo>((request, callback) => client.getAnalyzerInfo(request, callback), new Empty());

async function configure(client: analyzerRpc.AnalyzerClient, config: unknown): Promise<void> {
    const request = new analyzer.ConfigureAnalyzerRequest();
    for (const [name, effective] of Object.entries(reconcilePolicyConfig(policies, { config }))) {
        const policyConfig = new analyzer.PolicyConfig();
        policyConfig.setEnforcementlevel(LEVELS[effective.enforcementLevel] as analyzer.EnforcementLevel);
        policyConfig.setProperties(Struct.fromJavaScript(effective.properties as never));
        request.getPolicyconfigMap().set(name, policyConfig);
    }
    await call<analyzer.ConfigureAnalyzerRequest, Empty>((req, callback) => client.configure(req, callback), request);
}

function options(protect: boolean): analyzer.AnalyzerResourceOptions {
    const opts = new analyzer.AnalyzerResourceOptions();
    opts.setProtect(protect);
    return opts;
}

async function analyze(client: analyzerRpc.AnalyzerClient, type: string, name: string, props: Record<string, unknown>): Promise<analyzer.AnalyzeDiagnostic[]> {
    const request = new analyzer.AnalyzeRequest();
    request.setType(type);
    request.setName(name);
    request.setUrn(`urn:pulumi:test::platform::${type}::${name}`);
    request.setProperties(Struct.fromJavaScript(props as never));
    request.setOptions(options(true));
    return (await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>((req, callback) => client.analyze(req, callback), request)).getDiagnosticsList();
}

const summary = (diagnostics: analyzer.AnalyzeDiagnostic[]) =>
    diagnostics.map((d) => `${d.getPolicyname()}:${d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY ? "mandatory" : "advisory"}`).sort();

describe("the policy pack served by @pulumi/policy", function () {
    this.timeout(120000);
    let served: Served | undefined;

    before(async () => {
        served = await serve();
    });
    after(() => stop(served));

    it("serves every rule with its level, severity and config schema", async () => {
        const info = await analyzerInfo(served!.client);
        expect(info.getName()).to.equal("platform-policies");
        expect(info.getVersion()).to.equal("0.1.0");
        const rules = info.getPoliciesList();
        expect(rules.map((p) => p.getName())).to.deep.equal(policies.map((p) => p.name));
        const backup = rules.find((p) => p.getName() === "aws-rds-instance-backup-retention")!;
        expect(backup.getEnforcementlevel()).to.equal(analyzer.EnforcementLevel.MANDATORY);
        expect(backup.getConfigschema()?.getProperties()?.toJavaScript()).to.have.property("minimumDays");
    });

    it("enforces a tier file: development blocks a public database but not a single-AZ one", async () => {
        await configure(served!.client, TIER_CONFIGS.development);
        const db = { ...rdsPrimary().inputs, publiclyAccessible: true, multiAz: false, tags: { ...(rdsPrimary().inputs!.tags as object), tier: "development" } };
        const diagnostics = await analyze(served!.client, "aws:rds/instance:Instance", "db-primary", db);
        expect(summary(diagnostics)).to.deep.equal(["aws-rds-instance-not-publicly-accessible:mandatory"]);
        expect(diagnostics[0].getMessage()).to.match(/publiclyAccessible is true/);
    });

    it("enforces a production file: the same single-AZ database is now blocked", async () => {
        await configure(served!.client, TIER_CONFIGS["production-medium"]);
        const db = { ...rdsPrimary().inputs, multiAz: false, backupRetentionPeriod: 7, password: secret("hunter2hunter2") };
        const diagnostics = await analyze(served!.client, "aws:rds/instance:Instance", "db-primary", db);
        expect(summary(diagnostics)).to.deep.equal(["aws-rds-instance-backup-retention:mandatory", "aws-rds-instance-multi-az:mandatory"]);
    });

    it("runs stack policies on the engine's view: a literal password is caught, a generated one is not", async () => {
        const stack = async (fromRandom: boolean) => {
            const request = new analyzer.AnalyzeStackRequest();
            const random = new analyzer.AnalyzerResource();
            random.setType("random:index/randomPassword:RandomPassword");
            random.setName("pw");
            random.setUrn("urn:pulumi:test::platform::random:index/randomPassword:RandomPassword::pw");
            random.setProperties(Struct.fromJavaScript({ length: 32 }));
            random.setOptions(options(false));
            const db = new analyzer.AnalyzerResource();
            db.setType("aws:rds/instance:Instance");
            db.setName("db-primary");
            db.setUrn("urn:pulumi:test::platform::aws:rds/instance:Instance::db-primary");
            // The engine sends the secret, the SDK unwraps it: only the dependency tells them apart.
            db.setProperties(Struct.fromJavaScript({ ...rdsPrimary().inputs, password: secret("mock-password-Aa1") } as never));
            db.setOptions(options(true));
            if (fromRandom) {
                db.setDependenciesList([random.getUrn()]);
                const feeding = new analyzer.AnalyzerPropertyDependencies();
                feeding.setUrnsList([random.getUrn()]);
                db.getPropertydependenciesMap().set("password", feeding);
            }
            const group = new analyzer.AnalyzerResource();
            const pg = parameterGroup();
            group.setType(pg.type);
            group.setName(pg.name);
            group.setUrn(pg.urn!);
            group.setProperties(Struct.fromJavaScript(pg.inputs as never));
            group.setOptions(options(false));
            request.setResourcesList([random, db, group]);
            const client = served!.client;
            return summary((await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>((req, callback) => client.analyzeStack(req, callback), request)).getDiagnosticsList());
        };
        expect(await stack(false)).to.include("aws-stack-no-plaintext-secrets:mandatory");
        expect(await stack(true)).not.to.include("aws-stack-no-plaintext-secrets:mandatory");
    });
});

describe("PLATFORM_POLICY_TIER", function () {
    this.timeout(120000);
    let served: Served | undefined;
    after(() => stop(served));

    it("makes the tier's file the pack's initial config", async () => {
        served = await serve({ PLATFORM_POLICY_TIER: "development" });
        const info = await analyzerInfo(served.client);
        const initial = info.getInitialconfigMap();
        expect(initial.get("all")?.getEnforcementlevel()).to.equal(analyzer.EnforcementLevel.ADVISORY);
        expect(initial.get("aws-rds-instance-backup-retention")?.getProperties()?.toJavaScript()).to.deep.equal({ minimumDays: 7 });
    });
});
