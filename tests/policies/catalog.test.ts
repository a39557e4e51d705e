// The pack as a whole: every rule module is in the list the pack serves, names and
// descriptions follow the conventions, levels match categories, and the derived files
// (tier configs, README table) are up to date.

import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/rules";
import { reconcilePolicyConfig, schemaDefaults, validatePolicyConfig } from "../../policies/lib/config";
import { TIER_NAMES, TIER_REQUIREMENTS } from "../../policies/lib/tiers";
import { CATEGORIES, defaultLevel, isStackPolicy, PlatformPolicy } from "../../policies/lib/types";
import { renderReadme } from "../../policies/tools/readme";
import { renderTierConfig } from "../../policies/tools/tier-configs";
import { TIERS } from "../../tiers";

const ROOT = path.join(__dirname, "..", "..");
const PACK = path.join(ROOT, "policies");
const RULES = path.join(PACK, "rules");

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? (entry.name === "node_modules" ? [] : tsFiles(full)) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

function looksLikePolicy(value: unknown): value is PlatformPolicy {
    const candidate = value as PlatformPolicy;
    return typeof candidate === "object" && candidate !== null && typeof candidate.name === "string" && ("validateResource" in candidate || "validateStack" in candidate);
}

/** Every policy object any module under rules/ exports, with the module it came from. */
function exportedPolicies(): { file: string; policy: PlatformPolicy }[] {
    return tsFiles(RULES).flatMap((file) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exports = require(file) as Record<string, unknown>;
        return Object.values(exports).flatMap((value) => (looksLikePolicy(value) ? [{ file, policy: value }] : []));
    });
}

describe("policy pack catalog", () => {
    it("has at least 60 rules", () => {
        expect(policies.length).to.be.at.least(60);
    });

    it("serves every policy any rule module exports, and nothing else", () => {
        const exported = exportedPolicies();
        const missing = exported.filter(({ policy }) => !policies.includes(policy)).map(({ file, policy }) => `${policy.name} (${path.relative(ROOT, file)})`);
        expect(missing, "rule modules missing from policies/rules/index.ts").to.deep.equal([]);
        const stray = policies.filter((policy) => !exported.some((entry) => entry.policy === policy)).map((policy) => policy.name);
        expect(stray, "listed policies that no rule module exports").to.deep.equal([]);
    });

    it("names each rule after its module: <cloud>-<resource>-<rule> from rules/<cloud>/<resource>/<rule>.ts", () => {
        const wrong = exportedPolicies()
            .map(({ file, policy }) => {
                const [cloud, resource, rule] = path.relative(RULES, file).replace(/\.ts$/, "").split(path.sep);
                return { expected: `${cloud}-${resource}-${rule}`, actual: policy.name };
            })
            .filter(({ expected, actual }) => expected !== actual);
        expect(wrong).to.deep.equal([]);
    });

    it("has unique, lower-case, well-formed names", () => {
        const names = policies.map((policy) => policy.name);
        expect(new Set(names).size, "duplicate names").to.equal(names.length);
        for (const name of names) {
            expect(name).to.match(/^(aws|gcp|azure|kubernetes)-[a-z0-9]+(-[a-z0-9]+)+$/);
            expect(name.length).to.be.at.most(100);
        }
    });

    it("describes each rule in a sentence that ends with its Checkov or CIS source (or, for cost hygiene, its seed section)", () => {
        for (const policy of policies) {
            expect(policy.description, policy.name).to.match(/^[A-Z][^\n]+ \([^()]*\)\.$/);
            const source = /\(([^()]*)\)\.$/.exec(policy.description)![1];
            // A FinOps rule, or an availability rule no benchmark covers, names the seed requirement
            // instead; outside hygiene it must say that no Checkov or CIS check exists.
            const seedSource = /LMS requirements, [A-Z][a-z]+ [A-Z][a-z]+/.test(source) && (policy.category === "hygiene" || /no Checkov or CIS check exists/.test(source));
            expect(seedSource || /\b(CKV2?_[A-Z0-9]+_\d+|CIS [A-Za-z0-9 ]+\d+(\.\d+)*)/.test(source), `${policy.name}: ${source}`).to.equal(true);
        }
    });

    it("gives each rule a severity, a category, the level of its category, its resource types and what it requires", () => {
        for (const policy of policies) {
            expect(["low", "medium", "high", "critical"], policy.name).to.include(policy.severity);
            expect(CATEGORIES, policy.name).to.include(policy.category);
            expect(policy.enforcementLevel, policy.name).to.equal(defaultLevel(policy.category));
            expect(policy.resourceTypes.length, policy.name).to.be.greaterThan(0);
            expect(policy.requires.length, policy.name).to.be.greaterThan(5);
            for (const tier of policy.tiers ?? []) {
                expect(TIER_NAMES, policy.name).to.include(tier);
            }
        }
    });

    it("has config schemas the policy server accepts, whose defaults validate", () => {
        for (const policy of policies.filter((candidate) => candidate.configSchema)) {
            expect(policy.configSchema!.properties, policy.name).not.to.have.property("enforcementLevel");
            expect(policy.configSchema!.required ?? [], policy.name).not.to.include("enforcementLevel");
            expect(validatePolicyConfig(policy, schemaDefaults(policy.configSchema)), policy.name).to.deep.equal([]);
        }
    });

    it("has stack policies only where rules join resources", () => {
        const stack = policies.filter(isStackPolicy).map((policy) => policy.name);
        expect(stack).to.include.members(["aws-s3-bucket-public-access-block", "aws-lb-load-balancer-waf-attached", "aws-stack-no-plaintext-secrets", "aws-rds-instance-tls-enforced"]);
    });

    it("ships tier configs that match the rules (npx tsx policies/tools/tier-configs.ts)", () => {
        for (const tier of TIER_NAMES) {
            const file = fs.readFileSync(path.join(PACK, "config", `${tier}.json`), "utf8");
            expect(file, `policies/config/${tier}.json is stale`).to.equal(renderTierConfig(tier));
            expect(() => reconcilePolicyConfig(policies, { config: JSON.parse(file) }), tier).not.to.throw();
        }
    });

    it("keeps development advisory except for data protection, and production mandatory but for hygiene", () => {
        for (const policy of policies) {
            const development = reconcilePolicyConfig([policy], { config: JSON.parse(renderTierConfig("development")) })[policy.name].enforcementLevel;
            const production = reconcilePolicyConfig([policy], { config: JSON.parse(renderTierConfig("production-small")) })[policy.name].enforcementLevel;
            expect(development, policy.name).to.equal(policy.category === "data-protection" ? "mandatory" : "advisory");
            expect(production, policy.name).to.equal(policy.category === "hygiene" ? "advisory" : "mandatory");
        }
    });

    it("ships a README whose rule table matches the rules (npx tsx policies/tools/readme.ts)", () => {
        const readme = fs.readFileSync(path.join(PACK, "README.md"), "utf8");
        expect(readme, "policies/README.md is stale").to.equal(renderReadme(readme));
        for (const policy of policies) {
            expect(readme).to.include(`\`${policy.name}\``);
        }
    });

    it("knows the same tier requirements as the program's tier table", () => {
        for (const tier of TIER_NAMES) {
            const spec = TIERS[tier];
            expect(TIER_REQUIREMENTS[tier], tier).to.deep.equal({
                backupDays: spec.database.backupRetentionDays,
                logRetentionDays: spec.logRetentionDays,
                highAvailability: spec.database.highAvailability,
                cacheFailover: spec.cache.replicasPerShard > 0,
                waf: spec.waf,
                deletionProtection: spec.deletionProtection,
                protectData: spec.protectData,
            });
        }
    });

    it("matches resources by type token: no provider SDK in the pack, one PolicyPack in index.ts", () => {
        const sources = tsFiles(PACK).filter((file) => !file.includes(`${path.sep}tools${path.sep}`));
        for (const file of sources) {
            const text = fs.readFileSync(file, "utf8");
            expect(text, path.relative(ROOT, file)).not.to.match(/from "@pulumi\/(aws|gcp|azure|azure-native|kubernetes)"/);
            if (!file.endsWith(`${path.sep}policies${path.sep}index.ts`)) {
                expect(text, path.relative(ROOT, file)).not.to.match(/new PolicyPack\(/);
            }
        }
        expect(fs.readFileSync(path.join(PACK, "index.ts"), "utf8")).to.match(/new PolicyPack\(\s*"platform-policies"/);
        // Constructing the pack starts a server: tests and tools import the rules, never the pack.
        for (const file of [...tsFiles(path.join(ROOT, "tests")), ...tsFiles(path.join(ROOT, "tools"))]) {
            expect(fs.readFileSync(file, "utf8"), path.relative(ROOT, file)).not.to.match(/from "(\.\.\/)+policies(\/index)?"/);
        }
    });

    it("is a policy pack the CLI can load: PulumiPolicy.yaml and a versioned package.json", () => {
        expect(fs.readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8")).to.match(/^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
        expect(pkg.version).to.equal("0.1.0");
        expect(pkg.dependencies).to.deep.equal({ "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.248.0" });
    });
});
