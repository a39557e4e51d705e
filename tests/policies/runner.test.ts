// `npm run policy` end to end: spawn `npx tsx tools/policy.ts` on small fixture files and check
// the exit codes (0 clean, 1 mandatory violation, 2 unreadable input) and both output formats.

import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const fixture = (name: string): string => path.join("tests", "policies", "fixtures", "runner", name);

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const result = spawnSync("npx", ["tsx", "tools/policy.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120000 });
    // npm may warn about the environment's own npmrc; that is not the runner's output.
    const stderr = result.stderr.split("\n").filter((line) => line && !line.startsWith("npm warn")).join("\n");
    return { code: result.status, stdout: result.stdout, stderr };
}

describe("npm run policy (tools/policy.ts)", function () {
    this.timeout(120000);

    it("exits 0 on a compliant stack", () => {
        const { code, stdout } = run(fixture("clean.json"));
        expect(code).to.equal(0);
        expect(stdout).to.match(/0 violation\(s\), 0 mandatory, on 2 resources \(tier production-medium\)\./);
    });

    it("exits 1 on a mandatory violation and names policy, level, resource and message", () => {
        const { code, stdout } = run(fixture("public-database.json"));
        expect(code).to.equal(1);
        expect(stdout).to.match(/^mandatory {2}aws-rds-instance-not-publicly-accessible {2}aws:rds\/instance:Instance {2}db-primary$/m);
        expect(stdout).to.match(/publiclyAccessible is true/);
    });

    it("prints { violations: [ { policy, level, type, name, message } ] } with --json", () => {
        const { code, stdout } = run(fixture("public-database.json"), "--json");
        expect(code).to.equal(1);
        const parsed = JSON.parse(stdout) as { violations: Record<string, string>[] };
        expect(Object.keys(parsed)).to.deep.equal(["violations"]);
        expect(parsed.violations).to.deep.include({
            policy: "aws-rds-instance-not-publicly-accessible",
            level: "mandatory",
            type: "aws:rds/instance:Instance",
            name: "db-primary",
            message: "publiclyAccessible is true: the database gets a public address; keep it in the data subnets only.",
        });
        for (const violation of parsed.violations) {
            expect(Object.keys(violation)).to.deep.equal(["policy", "level", "type", "name", "message"]);
        }
    });

    it("applies --tier: a single-AZ database blocks production and is fine in development", () => {
        const production = run(fixture("single-az-database.json"), "--tier", "production-large");
        expect(production.code).to.equal(1);
        expect(production.stdout).to.match(/mandatory {2}aws-rds-instance-multi-az/);
        expect(production.stdout).to.match(/advisory {3}aws-rds-instance-iam-authentication/);
        const development = run(fixture("single-az-database.json"), "--tier=development");
        expect(development.code).to.equal(0);
        expect(development.stdout).not.to.match(/multi-az/);
        expect(development.stdout).to.match(/advisory {3}aws-rds-instance-iam-authentication/);
    });

    for (const [title, args, message] of [
        ["a missing file", [fixture("nope.json")], /cannot read .*nope\.json: no such file/],
        ["a file that is not JSON", [fixture("not-json.json")], /not-json\.json is not valid JSON/],
        ["a resource without a name", [fixture("bad-shape.json")], /resources\[0\]\.name must be a non-empty string/],
        ["an unknown tier", [fixture("clean.json"), "--tier", "prod"], /--tier: "prod" is not a tier; allowed: development, staging/],
        ["no file at all", [], /^usage: npm run policy -- <resources.json> \[--tier T\] \[--json\]$/],
    ] as [string, string[], RegExp][]) {
        it(`exits 2 with one clear line on ${title}`, () => {
            const { code, stdout, stderr } = run(...args);
            expect(code).to.equal(2);
            expect(stdout).to.equal("");
            expect(stderr).to.match(message);
            expect(stderr.split("\n")).to.have.length(1);
            expect(stderr).not.to.match(/\n\s+at /);
        });
    }
});
