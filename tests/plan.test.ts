// The offline plan as a user runs it: arguments, overrides, JSON shape, determinism, errors.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { adapterFor } from "../providers";
import { UnsupportedCloudError } from "../providers/adapter";
import { parseArgs, planJson } from "../tools/plan";
import { applyOverrides, readStackFile } from "../tools/stackFile";
import { synthesize } from "../tools/synth";

function runPlan(...args: string[]) {
    return spawnSync("npx", ["tsx", "tools/plan.ts", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

describe("npm run plan", () => {
    it("parses the stack, --config-file, repeated -c and --json", () => {
        expect(parseArgs(["prod", "--config-file", "x.yaml", "-c", "tier=staging", "-c", "budget.monthlyUsd=100", "--json", "--diagram", "p.svg", "--compare", "tier=production-large"])).to.deep.equal({
            stack: "prod",
            configFile: "x.yaml",
            overrides: ["tier=staging", "budget.monthlyUsd=100"],
            json: true,
            diagram: "p.svg",
            compare: ["tier=production-large"],
        });
        expect(() => parseArgs([])).to.throw(/usage/);
        expect(() => parseArgs(["dev", "--bogus"])).to.throw(/unknown option --bogus/);
    });

    it("applies -c overrides with types: namespaced keys, dotted paths into objects, YAML values", () => {
        const config = applyOverrides(readStackFile("Pulumi.prod.yaml"), ["tier=production-large", "budget.monthlyUsd=9000", "concurrentUsers=8000", "aws:profile=ops"]);
        expect(config["platform:tier"]).to.equal("production-large");
        expect(config["platform:budget"]).to.deep.equal({ monthlyUsd: 9000, alertPercent: 80 });
        expect(config["platform:concurrentUsers"]).to.equal(8000);
        expect(config["aws:profile"]).to.equal("ops");
    });

    it("gives the documented JSON shape with secrets redacted and no component missing", async () => {
        const plan = planJson(await synthesize("dev", readStackFile("Pulumi.dev.yaml")));
        expect(plan).to.include.keys("project", "stack", "cloud", "tier", "resources", "outputs");
        expect([plan.project, plan.stack, plan.cloud, plan.tier]).to.deep.equal(["platform", "dev", "aws", "development"]);
        const resources = plan.resources as { urn: string; type: string; name: string; parent: string | null; dependsOn: string[]; protect: boolean; inputs: object }[];
        for (const resource of resources) {
            expect(resource).to.have.all.keys("urn", "type", "name", "parent", "dependsOn", "protect", "inputs");
        }
        const components = resources.filter((r) => r.type.startsWith("platform:index:")).map((r) => r.type).sort();
        // Telemetry is on in every tier; development has no logical backups, search, VPN or DR copy.
        expect(components).to.deep.equal(
            ["AppFleet", "Cache", "Database", "Network", "ObjectStore", "Observability", "Platform", "Telemetry"].map((c) => `platform:index:${c}`),
        );
        const text = JSON.stringify(plan);
        expect(text).to.contain('"[secret]"');
        expect(text).not.to.match(/mock-[a-z0-9-]+-Aa1|BEGIN PRIVATE KEY/);
    });

    it("every child is parented to its component and named after it", async () => {
        const plan = planJson(await synthesize("prod", readStackFile("Pulumi.prod.yaml")));
        const resources = plan.resources as { urn: string; type: string; name: string; parent: string | null }[];
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const parents = new Set<string>();
        for (const resource of resources.filter((r) => r.type.startsWith("aws:"))) {
            const parent = byUrn.get(resource.parent ?? "");
            expect(parent?.type, resource.name).to.match(/^platform:index:(Network|ObjectStore|Database|Cache|AppFleet|Observability|Telemetry|Search|Backups|Vpn|DisasterRecovery)$/);
            expect(resource.name.startsWith(`${parent!.name}-`), resource.name).to.equal(true);
            parents.add(parent!.type.replace("platform:index:", ""));
        }
        // production-medium turns telemetry and logical backups on, and search, the VPN and the DR copy stay off.
        expect([...parents].sort()).to.deep.equal(["AppFleet", "Backups", "Cache", "Database", "Network", "ObjectStore", "Observability", "Telemetry"]);
    });

    it("prints a tree and gives byte-identical JSON on two runs", () => {
        const tree = runPlan("dev");
        expect(tree.status, tree.stderr).to.equal(0);
        expect(tree.stdout).to.match(/platform:index:Database\s+platform-dev-db/);
        const first = runPlan("prod", "--json");
        const second = runPlan("prod", "--json");
        expect(first.status, first.stderr).to.equal(0);
        expect(first.stdout.length).to.be.greaterThan(100_000);
        expect(first.stdout).to.equal(second.stdout);
        const plan = JSON.parse(first.stdout);
        expect(plan).to.include.keys("violations", "cost", "deploy");
        expect(plan.cost).to.include.keys("currency", "priceDate", "monthlyTotal", "items", "unpriced");
        expect(plan.cost.monthlyTotal).to.be.greaterThan(0);
        expect(plan.deploy).to.include.keys("estimatedMinutes", "criticalPath", "slowestResource", "slowestMinutes");
        expect(plan.violations.filter((v: { level: string }) => v.level === "mandatory")).to.deep.equal([]);
    });

    it("reports policy, cost and deploy time after the tree, writes the diagram, and compares two plans", () => {
        const svg = path.join(os.tmpdir(), `plan-${process.pid}.svg`);
        const run = runPlan("dev", "--diagram", svg, "-c", "budget.monthlyUsd=50");
        expect(run.status, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/violation\(s\), 0 mandatory/);
        expect(run.stdout).to.match(/Estimated monthly cost: \$[\d,]+\.\d\d USD/);
        expect(run.stdout).to.match(/WARNING: .*exceeds the budget of \$50\.00/);
        expect(run.stdout).to.match(/Estimated deploy time \(fresh stack\): [\d.]+ min/);
        expect(fs.readFileSync(svg, "utf8")).to.match(/<\/svg>\s*$/);
        const compare = runPlan("prod", "--compare", "tier=production-large");
        expect(compare.status, compare.stderr).to.equal(0);
        expect(compare.stdout).to.contain("production-medium").and.to.contain("production-large");
        expect(compare.stdout).to.match(/Monthly cost/);
    });

    it("exits 2 with every problem and no stack trace on a bad config", () => {
        const run = runPlan("dev", "-c", "tier=prod", "-c", "network.cidr=10.0.0.0/33", "-c", "adminCidrs=[0.0.0.0/0]");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.contain("Invalid stack configuration (3 problems)");
        expect(run.stderr).to.contain('platform:tier: "prod"');
        expect(run.stderr).to.contain("platform:network.cidr");
        expect(run.stderr).to.contain("platform:adminCidrs[0]");
        expect(run.stderr).not.to.match(/\n\s+at /);
    });

    it("exits 2 with a clear message for a missing stack file", () => {
        const missing = runPlan("nope");
        expect(missing.status).to.equal(2);
        expect(missing.stderr).to.match(/stack file not found: .*Pulumi\.nope\.yaml/);
    });

    it("refuses a runtime the cloud's adapter does not build, naming the ones it does", () => {
        // An existing cluster has no instance groups: its adapter builds the kubernetes runtime only.
        expect(() => adapterFor("kubernetes", "vm")).to.throw(UnsupportedCloudError, 'platform:runtime: "vm" is not built for cloud kubernetes in this version of the program; available: kubernetes.');
    });
});
