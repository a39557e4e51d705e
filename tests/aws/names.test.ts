// The pre-flight check of the AWS names derived from the stack and service names: what it
// reports and to whom, that the list it checks is the program's own (every name it derives is
// in the recorded plans, every named resource of the plans is in it), and that `npm run plan`
// turns its refusal into exit code 2.

import { expect } from "chai";
import { spawnSync } from "child_process";
import { parseConfig } from "../../config";
import { derivedNames, validateNames } from "../../providers/aws/names";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { RecordedResource, SynthResult } from "../../tools/synth";
import { build, buildStackFile, tierConfig } from "../helpers/stacks";
import { RULES } from "./rules/table";

function spec(stack: string, extra: Record<string, unknown> = {}): PlatformSpec {
    return resolvePlatformSpec(parseConfig(tierConfig("production-large", extra)), "platform", stack);
}

/** Names of resources the program is about to create; found in a plan, they must leave this list. */
const NOT_BUILT_YET: RegExp[] = [];

function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return value !== null && typeof value === "object" ? Object.values(value).flatMap(strings) : [];
}

/** What AWS names each named resource of the plan: its name input, else its logical name (auto-named). */
function namedInPlan(resources: RecordedResource[]): string[] {
    return resources.flatMap((resource) => {
        const source = RULES[resource.type]?.name;
        if (!source) {
            return [];
        }
        const explicit = source.input ? resource.inputs[source.input] : undefined;
        return [typeof explicit === "string" ? explicit : resource.name];
    });
}

describe("AWS names derived from the stack and services (providers/aws/names.ts)", function () {
    this.timeout(600000);

    it("accepts the shipped stack names and a lowercase name of 24 characters; refuses 25", () => {
        for (const stack of ["dev", "prod", "ideation", "a".repeat(24)]) {
            expect(validateNames(spec(stack)), stack).to.deep.equal([]);
        }
        expect(validateNames(spec("a".repeat(25)))).to.deep.equal([
            `stack "${"a".repeat(25)}": the platform name "platform-${"a".repeat(25)}" makes the IAM role name "platform-${"a".repeat(25)}-network-flow-logs-role" plus Pulumi's suffix ("-" and 7 random hex digits) 65 characters long; AWS allows 64: the platform name may have at most 33 characters, so the stack name at most 24 (the project is "platform")`,
        ]);
    });

    it("names every kind of name an upper-case, _ or . stack breaks, once each, with what is allowed", () => {
        const problems = validateNames(spec("My_Stack.1"));
        expect(problems.every((problem) => problem.startsWith('stack "My_Stack.1": the platform name "platform-My_Stack.1" makes the '))).to.equal(true);
        expect(problems).to.include('stack "My_Stack.1": the platform name "platform-My_Stack.1" makes the RDS identifier "platform-my_stack.1-db" invalid (it contains "_", "."); allowed: lowercase letters, digits and hyphens, starting with a letter, without "--" or a trailing "-"');
        expect(problems.filter((problem) => problem.includes("the KMS alias"))).to.have.length(1);
        // Upper case alone breaks only what the provider itself validates as lowercase.
        expect(validateNames(spec("Prod")).map((problem) => /makes the (.+?) "/.exec(problem)?.[1])).to.deep.equal(["RDS subnet group name", "RDS parameter group name"]);
    });

    it("refuses a stack name that ends with a hyphen: RDS identifiers may not contain --", () => {
        expect(validateNames(spec("prod-")).join("\n")).to.contain('the RDS identifier "platform-prod--db" invalid (it contains "--")');
    });

    it("blames the service when a shorter service name would fix the name, the stack otherwise", () => {
        const longStack = "s".repeat(51);
        const worker = "w".repeat(20);
        const problems = validateNames(spec(longStack, { services: [{ name: "web", image: "x", port: 3000, healthPath: "/h", readyPath: "/r" }, { name: worker, kind: "worker", image: "x" }] }));
        // platform-sss... (60) + "-" + 20 + "-dlq" = 85 > 80: five characters too many, and the service has 20.
        expect(problems).to.include(
            `platform:services[1].name: "${worker}" with the platform name "platform-${longStack}" makes the SQS dead-letter queue name "platform-${longStack}-${worker}-dlq" 85 characters long; AWS allows 80: this service name may have at most 15 characters with this platform name; also too long: the SQS queue name`,
        );
        expect(problems.filter((problem) => problem.startsWith(`stack "${longStack}"`))).to.have.length(1);
    });

    describe("lists exactly the names of the recorded plans", () => {
        const plans: [string, () => Promise<SynthResult>][] = [
            ...["dev", "prod", "ideation"].map((stack): [string, () => Promise<SynthResult>] => [`Pulumi.${stack}.yaml`, () => buildStackFile(stack)]),
            ...["development", "production-large"].map((tier): [string, () => Promise<SynthResult>] => [`tier ${tier}`, () => build(`t-${tier}`, tierConfig(tier))]),
        ];
        for (const [label, load] of plans) {
            it(`${label}: every derived name is in the plan, every named resource of the plan is derived`, async () => {
                const result = await load();
                const derived = derivedNames(resolvePlatformSpec(result.config, result.project, result.stack));
                const logicalNames = new Set(result.resources.map((r) => r.name));
                const values = new Set(result.resources.flatMap((r) => strings(r.inputs)));
                const inPlan = (name: (typeof derived)[number]) => (name.logicalName ? logicalNames.has(name.logicalName) : values.has(name.name));
                const coming = (name: (typeof derived)[number]) => NOT_BUILT_YET.some((pattern) => pattern.test(name.logicalName ?? name.name));
                expect(derived.filter((name) => !inPlan(name) && !coming(name)).map((name) => `${name.what} ${name.name}`)).to.deep.equal([]);
                expect(derived.filter((name) => inPlan(name) && coming(name)).map((name) => `${name.what}: built now, remove it from NOT_BUILT_YET`)).to.deep.equal([]);
                const derivedSet = new Set(derived.map((name) => name.logicalName ?? name.name));
                const platformName = `${result.project}-${result.stack}`;
                expect(namedInPlan(result.resources).filter((name) => name.includes(platformName) && !derivedSet.has(name))).to.deep.equal([]);
            });
        }
    });

    it("npm run plan exits 2 with the problems and no stack trace", () => {
        const run = spawnSync("npx", ["tsx", "tools/plan.ts", "My_Stack.1", "--config-file", "Pulumi.dev.yaml"], { encoding: "utf8" });
        expect(run.status, run.stderr).to.equal(2);
        expect(run.stderr).to.contain("Invalid stack configuration");
        expect(run.stderr).to.contain('stack "My_Stack.1": the platform name "platform-My_Stack.1" makes the RDS identifier');
        expect(run.stderr).not.to.match(/\n\s+at /);
    });
});
