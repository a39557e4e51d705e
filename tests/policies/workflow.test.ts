// The CI workflow runs the tests, then previews each shipped stack with the pack and the
// policy config of the tier its stack file declares.

import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { TIER_NAMES } from "../../policies/lib/tiers";

const ROOT = path.join(__dirname, "..", "..");

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    "working-directory"?: string;
}
interface Job {
    needs?: string;
    if?: string;
    steps: Step[];
    strategy?: { matrix: { include: { stack: string; tier: string }[] } };
}

describe("CI workflow (.github/workflows/ci.yml)", () => {
    const workflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "ci.yml"), "utf8")) as { jobs: Record<string, Job> };

    it("runs npm ci and npm test on node 20", () => {
        const test = workflow.jobs.test;
        expect(test.steps.find((step) => step.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).to.equal(20);
        expect(test.steps.some((step) => step.run === "npm ci && npm test")).to.equal(true);
    });

    // Each cloud's preview job signs in with its own OIDC credentials and runs only when they are configured.
    const PREVIEWS: Record<string, { job: string; gate: RegExp; signIn: string }> = {
        aws: { job: "preview", gate: /vars\.AWS_ROLE_ARN != ''/, signIn: "aws-actions/configure-aws-credentials@" },
        gcp: { job: "preview-gcp", gate: /vars\.GCP_WORKLOAD_IDENTITY_PROVIDER != ''/, signIn: "google-github-actions/auth@" },
        azure: { job: "preview-azure", gate: /vars\.AZURE_CLIENT_ID != ''/, signIn: "azure/login@" },
    };

    it("previews every shipped stack, in the job of its stack file's cloud, with the policy config of its tier", () => {
        // A stack for an existing cluster (cloud kubernetes) has no cloud account to preview in: the suite plans it offline.
        const cloudOf = (stack: string) => (parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config["platform:cloud"];
        const stacks = fs
            .readdirSync(ROOT)
            .filter((file) => /^Pulumi\.[^.]+\.yaml$/.test(file))
            .map((file) => file.split(".")[1])
            .filter((stack) => cloudOf(stack) !== "kubernetes")
            .sort();
        const previewed: string[] = [];
        for (const [cloud, { job, gate, signIn }] of Object.entries(PREVIEWS)) {
            const preview = workflow.jobs[job];
            expect(preview, job).to.not.equal(undefined);
            expect(preview.needs).to.equal("test");
            expect(preview.if).to.match(gate);
            for (const { stack, tier } of preview.strategy!.matrix.include) {
                const stackFile = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
                expect(stackFile.config["platform:cloud"], stack).to.equal(cloud);
                expect(tier, stack).to.equal(stackFile.config["platform:tier"]);
                expect(TIER_NAMES).to.include(tier);
                expect(fs.existsSync(path.join(ROOT, "policies", "config", `${tier}.json`))).to.equal(true);
                previewed.push(stack);
            }
            expect(preview.steps.some((step) => step.run === "npm ci" && step["working-directory"] === "policies")).to.equal(true);
            expect(preview.steps.some((step) => step.uses?.startsWith(signIn)), `${job} signs in`).to.equal(true);
            const pulumi = preview.steps.find((step) => step.uses === "pulumi/actions@v6")!;
            expect(pulumi.with).to.include({ command: "preview", policyPacks: "policies", policyPackConfigs: "policies/config/${{ matrix.tier }}.json" });
        }
        expect(previewed.sort()).to.deep.equal(stacks);
    });

    it("has a lock file for the policy pack, so `npm ci` works in policies/", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
        expect(lock.packages["node_modules/@pulumi/policy"].version).to.equal("1.21.0");
        expect(lock.packages["node_modules/@pulumi/pulumi"].version).to.equal("3.248.0");
    });
});
