// The offline harness mirrors the policy server: unknown values, "not applicable", arrays of
// validations, the type fast path, stack resources with parents and dependencies, and the tier
// the runner picks.

import { expect } from "chai";
import { PlannedResource, runResourcePolicy, runStackPolicy } from "../../policies/lib/evaluate";
import { PlatformResourcePolicy, PlatformStackPolicy } from "../../policies/lib/types";
import { evaluate, evaluatePolicies } from "../../policies/offline";
import { policy as notPublic } from "../../policies/rules/aws/rds-instance/not-publicly-accessible";
import { policy as requiredTags } from "../../policies/rules/aws/resource/required-tags";
import { parameterGroup, rdsPrimary, TAGS } from "./fixtures/aws";
import { resource } from "./harness";

const base = { description: "A probe (Checkov CKV_AWS_1).", enforcementLevel: "mandatory", severity: "low", category: "hygiene", resourceTypes: ["x"], requires: "nothing at all" } as const;

describe("offline policy harness", () => {
    it("turns a value unknown during preview into an advisory can't-run diagnostic", async () => {
        const db = rdsPrimary();
        db.inputs!.publiclyAccessible = "[unknown]";
        const violations = await runResourcePolicy(notPublic, db);
        expect(violations).to.have.length(1);
        expect(violations[0].level).to.equal("advisory");
        expect(violations[0].message).to.match(/can't run policy 'aws-rds-instance-not-publicly-accessible' during preview: .*publiclyAccessible/);
    });

    it("runs each function of a validateResource array on its own, skipping not-applicable ones", async () => {
        const calls: string[] = [];
        const policy: PlatformResourcePolicy = {
            ...base,
            name: "test-thing-array",
            validateResource: [
                (args) => {
                    calls.push("first");
                    args.notApplicable("not for me");
                },
                async (_args, report) => {
                    await Promise.resolve();
                    calls.push("second");
                    report("second ran");
                },
            ],
        };
        const violations = await runResourcePolicy(policy, resource("test:index:Thing", "t", {}));
        expect(calls).to.deep.equal(["first", "second"]);
        expect(violations.map((v) => v.message)).to.deep.equal(["second ran"]);
    });

    it("skips a single typed validation for other types without calling it", async () => {
        let called = false;
        const validate = Object.assign(() => {
            called = true;
        }, { __pulumiType: "aws:rds/instance:Instance" });
        const policy: PlatformResourcePolicy = { ...base, name: "test-thing-typed", validateResource: validate };
        expect(await runResourcePolicy(policy, resource("aws:s3/bucket:Bucket", "b", {}))).to.deep.equal([]);
        expect(called).to.equal(false);
    });

    it("reports a crashing policy as an error, as the server does", async () => {
        const policy: PlatformResourcePolicy = { ...base, name: "test-thing-crash", validateResource: () => { throw new TypeError("boom"); } };
        let error: Error | undefined;
        await runResourcePolicy(policy, resource("test:index:Thing", "t", {})).catch((err: Error) => (error = err));
        expect(error?.message).to.match(/policy test-thing-crash failed on test:index:Thing "t": boom/);
    });

    it("gives stack policies every resource with its parent, dependencies and protect flag", async () => {
        const seen: string[] = [];
        const policy: PlatformStackPolicy = {
            ...base,
            name: "test-stack-graph",
            validateStack: (args, report) => {
                for (const r of args.resources) {
                    seen.push(`${r.name} parent=${r.parent?.name ?? "-"} deps=${r.dependencies.map((d) => d.name).join(",")} protect=${r.opts.protect}`);
                }
                report("on the database", args.resources.find((r) => r.name === "db-primary")!.urn);
                report("on the stack");
            },
        };
        const component = resource("platform:index:Database", "db", {});
        const db: PlannedResource = { ...rdsPrimary(), parent: component.urn };
        const violations = await runStackPolicy(policy, [component, db, parameterGroup()]);
        expect(seen).to.deep.equal(["db parent=- deps= protect=false", "db-primary parent=db deps=db-params protect=true", "db-params parent=- deps= protect=false"]);
        expect(violations.map((v) => [v.type, v.name])).to.deep.equal([
            ["aws:rds/instance:Instance", "db-primary"],
            ["pulumi:pulumi:Stack", "(stack)"],
        ]);
    });

    it("uses the resources' tier tag when no tier is given, else development", async () => {
        const singleAz = rdsPrimary();
        singleAz.inputs!.multiAz = false;
        expect((await evaluate([singleAz, parameterGroup()])).tier).to.equal("production-medium");
        const untagged = [singleAz, parameterGroup()].map((r) => ({ ...r, inputs: { ...r.inputs, tags: undefined } }));
        expect((await evaluate(untagged)).tier).to.equal("development");
        const multiAz = (await evaluatePolicies([singleAz, parameterGroup()])).filter((v) => v.policy === "aws-rds-instance-multi-az");
        expect(multiAz.map((v) => v.level)).to.deep.equal(["mandatory"]);
        expect((await evaluatePolicies([singleAz, parameterGroup()], { tier: "development" })).filter((v) => v.policy === "aws-rds-instance-multi-az")).to.deep.equal([]);
    });

    it("applies the tier's config: the same backups are fine in development and too short in production", async () => {
        const db = rdsPrimary();
        db.inputs!.backupRetentionPeriod = 7;
        db.inputs!.tags = { ...TAGS, tier: "development" };
        const backup = async (tier?: "production-small") => (await evaluatePolicies([db, parameterGroup()], { tier })).filter((v) => v.policy === "aws-rds-instance-backup-retention");
        expect(await backup()).to.deep.equal([]);
        expect((await backup("production-small")).map((v) => v.level)).to.deep.equal(["mandatory"]);
    });
});

describe("required tags and the provider's default tags", () => {
    it("counts the provider's defaultTags (object or JSON text, as the engine may send them)", async () => {
        const untagged = resource("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: "k" });
        const provider = (defaultTags: unknown) => ({ type: "pulumi:providers:aws", name: "aws", urn: "urn:pulumi:test::platform::pulumi:providers:aws::aws", props: { region: "us-east-1", defaultTags } });
        const run = async (defaultTags?: unknown) => {
            const messages: string[] = [];
            const args = {
                type: untagged.type,
                name: untagged.name,
                urn: untagged.urn!,
                props: untagged.inputs!,
                opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
                provider: defaultTags === undefined ? undefined : provider(defaultTags),
                stackTags: new Map<string, string>(),
                isType: () => false,
                asType: () => undefined,
                getConfig: () => ({ requiredTags: ["project", "environment", "tier", "managed-by"] }),
                notApplicable: (reason?: string): never => {
                    throw new Error(reason);
                },
            };
            await (requiredTags.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (message) => messages.push(message));
            return messages;
        };
        const tags = { project: "p", environment: "e", tier: "staging", "managed-by": "pulumi" };
        expect(await run()).to.have.length(1);
        expect(await run({ tags })).to.deep.equal([]);
        expect(await run(JSON.stringify({ tags }))).to.deep.equal([]);
    });
});
