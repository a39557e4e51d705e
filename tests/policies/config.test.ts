// The tier-config merge, checked against the engine's rules (pulumi/pulumi
// pkg/resource/analyzer/config.go): policy levels and schema defaults, then the pack's initial
// config, then the given config; `all` before each policy; the result validated.

import { expect } from "chai";
import { PolicyConfigError, reconcilePolicyConfig } from "../../policies/lib/config";
import { runResourcePolicy } from "../../policies/lib/evaluate";
import { PlatformResourcePolicy } from "../../policies/lib/types";
import { TIER_CONFIGS } from "../../policies/offline";
import { policies } from "../../policies/rules";
import { resource } from "./harness";

function probe(name: string, level: PlatformResourcePolicy["enforcementLevel"], seen: Record<string, unknown>[] = []): PlatformResourcePolicy {
    return {
        name,
        description: "A probe (Checkov CKV_AWS_1).",
        enforcementLevel: level,
        severity: "low",
        category: "hygiene",
        resourceTypes: ["test:index:Thing"],
        requires: "nothing at all",
        configSchema: {
            properties: {
                minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 },
                names: { type: "array", items: { type: "string" }, default: ["a"] },
                note: { type: "string" },
            },
        },
        validateResource: (args, report) => {
            seen.push(args.getConfig());
            report("always");
        },
    };
}

describe("policy config reconciliation", () => {
    const a = probe("test-thing-a", "mandatory");
    const b = probe("test-thing-b", "advisory");

    it("starts from each policy's level (or the pack's) and its schema defaults", () => {
        const noLevel = { ...probe("test-thing-c", "advisory"), enforcementLevel: undefined } as unknown as PlatformResourcePolicy;
        const result = reconcilePolicyConfig([a, noLevel], { packLevel: "disabled" });
        expect(result["test-thing-a"]).to.deep.equal({ enforcementLevel: "mandatory", properties: { minimumDays: 7, names: ["a"] } });
        expect(result["test-thing-c"].enforcementLevel).to.equal("disabled");
    });

    it("applies `all` first, then each policy, keeping the properties", () => {
        const result = reconcilePolicyConfig([a, b], { config: { "test-thing-b": "mandatory", all: "advisory" } });
        expect(result["test-thing-a"]).to.deep.equal({ enforcementLevel: "advisory", properties: { minimumDays: 7, names: ["a"] } });
        expect(result["test-thing-b"].enforcementLevel).to.equal("mandatory");
    });

    it("merges an object entry's properties over the defaults and leaves the level alone when it has none", () => {
        const result = reconcilePolicyConfig([a], { config: { "test-thing-a": { minimumDays: 30, note: "x" } } });
        expect(result["test-thing-a"]).to.deep.equal({ enforcementLevel: "mandatory", properties: { minimumDays: 30, names: ["a"], note: "x" } });
    });

    it("applies the initial config before the given config", () => {
        const result = reconcilePolicyConfig([a, b], {
            initialConfig: { all: "disabled", "test-thing-a": { enforcementLevel: "advisory", minimumDays: 10 } },
            config: { "test-thing-a": { minimumDays: 20 } },
        });
        expect(result["test-thing-a"]).to.deep.equal({ enforcementLevel: "advisory", properties: { minimumDays: 20, names: ["a"] } });
        expect(result["test-thing-b"].enforcementLevel).to.equal("disabled");
        // A later `all` overrides levels the initial config set per policy.
        expect(reconcilePolicyConfig([a], { initialConfig: { "test-thing-a": "disabled" }, config: { all: "mandatory" } })["test-thing-a"].enforcementLevel).to.equal("mandatory");
    });

    it("ignores config for policies the pack does not have", () => {
        expect(Object.keys(reconcilePolicyConfig([a], { config: { "not-a-policy": "mandatory" } }))).to.deep.equal(["test-thing-a"]);
    });

    it("rejects what the engine rejects: bad levels, bad shapes, values outside the schema", () => {
        expect(() => reconcilePolicyConfig([a], { config: { all: "blocking" } })).to.throw(PolicyConfigError, /"blocking" is not a valid enforcement level/);
        expect(() => reconcilePolicyConfig([a], { config: { "test-thing-a": { enforcementLevel: 3 } } })).to.throw(PolicyConfigError, /3 is not a valid enforcement level/);
        expect(() => reconcilePolicyConfig([a], { config: { "test-thing-a": 5 } })).to.throw(PolicyConfigError, /must be a string or object/);
        expect(() => reconcilePolicyConfig([a], { config: [] })).to.throw(PolicyConfigError, /JSON object/);
        expect(() => reconcilePolicyConfig([a], { config: { "test-thing-a": { minimumDays: 90 } } })).to.throw(PolicyConfigError, /test-thing-a: minimumDays: Must be less than or equal to 35/);
        expect(() => reconcilePolicyConfig([a], { config: { "test-thing-a": { minimumDays: "30" } } })).to.throw(PolicyConfigError, /Expected: integer, given: string/);
        expect(() => reconcilePolicyConfig([a], { config: { "test-thing-a": { names: [1] } } })).to.throw(PolicyConfigError, /names.0: Invalid type/);
    });

    it("hands getConfig() the properties without the level, and honours disabled and remediate", async () => {
        const seen: Record<string, unknown>[] = [];
        const policy = probe("test-thing-a", "advisory", seen);
        const thing = resource("test:index:Thing", "t", {});
        const config = reconcilePolicyConfig([policy], { config: { "test-thing-a": { enforcementLevel: "remediate", minimumDays: 9 } } });
        const violations = await runResourcePolicy(policy, thing, { config });
        expect(seen).to.deep.equal([{ minimumDays: 9, names: ["a"] }]);
        expect(violations.map((v) => v.level)).to.deep.equal(["mandatory"]);
        const disabled = reconcilePolicyConfig([policy], { config: { all: "disabled" } });
        expect(await runResourcePolicy(policy, thing, { config: disabled })).to.deep.equal([]);
    });

    it("reconciles every shipped tier file with the real rules", () => {
        const backup = (tier: keyof typeof TIER_CONFIGS) => reconcilePolicyConfig(policies, { config: TIER_CONFIGS[tier] })["aws-rds-instance-backup-retention"];
        expect(backup("development")).to.deep.equal({ enforcementLevel: "advisory", properties: { minimumDays: 7 } });
        expect(backup("staging")).to.deep.equal({ enforcementLevel: "mandatory", properties: { minimumDays: 14 } });
        expect(backup("production-large")).to.deep.equal({ enforcementLevel: "mandatory", properties: { minimumDays: 30 } });
        const tags = reconcilePolicyConfig(policies, { config: TIER_CONFIGS["production-small"] })["aws-resource-required-tags"];
        expect(tags).to.deep.equal({ enforcementLevel: "mandatory", properties: { requiredTags: ["project", "environment", "tier", "managed-by"] } });
    });
});
