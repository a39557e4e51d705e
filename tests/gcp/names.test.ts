// The pre-flight check of the GCP names the network and data layers derive from the stack name:
// what it reports and to whom, and the bounded ids that can never fail.

import { expect } from "chai";
import { parseConfig } from "../../config";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { tierConfig } from "../helpers/stacks";
import { derivedNames, redisInstanceIdFor, serviceAccountIdFor, sqlInstanceNameFor, validateNames } from "../../providers/gcp/names";

function spec(stack: string, extra: Record<string, unknown> = {}): PlatformSpec {
    return resolvePlatformSpec(parseConfig(tierConfig("production-large", { cloud: "gcp", region: "us-central1", gcpProject: "acme-platform", ...extra })), "platform", stack);
}

describe("GCP names derived from the stack (providers/gcp/names.ts)", () => {
    it("accepts the shipped stack names and a lowercase name of 22 characters; refuses 23 (firewall names are 63 at most)", () => {
        for (const stack of ["dev", "prod", "ideation", "a".repeat(22)]) {
            expect(validateNames(spec(stack)), stack).to.deep.equal([]);
        }
        expect(validateNames(spec("a".repeat(23)))).to.deep.equal([
            `stack "${"a".repeat(23)}": the platform name "platform-${"a".repeat(23)}" makes the firewall rule name "platform-${"a".repeat(23)}-network-fw-deny-ingress" plus Pulumi's suffix ("-" and 7 random hex digits) 64 characters long; GCP allows 63: the platform name may have at most 31 characters, so the stack name at most 22 (the project is "platform")`,
        ]);
    });

    it("with a bastion the tightest name is its egress rule: 20 characters of stack name", () => {
        const admin = { adminCidrs: ["203.0.113.0/24"] };
        expect(validateNames(spec("a".repeat(20), admin))).to.deep.equal([]);
        expect(validateNames(spec("a".repeat(21), admin))[0]).to.match(/firewall rule name ".*-network-fw-bastion-egress" .* 64 characters long; GCP allows 63/);
    });

    it("names each kind of name an upper-case stack breaks, once, with what is allowed", () => {
        const problems = validateNames(spec("Prod"));
        expect(problems.map((problem) => /makes the (.+?) "/.exec(problem)?.[1])).to.deep.equal([
            "Compute Engine name",
            "firewall rule name",
            "network tag",
            "Cloud Storage bucket name",
            "Cloud DNS zone name",
            "service connection policy name",
        ]);
        expect(problems[2]).to.equal(
            'stack "Prod": the platform name "platform-Prod" makes the network tag "platform-Prod-app" invalid (it contains upper case "P"); allowed: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
        );
    });

    it("refuses what KMS, Secret Manager and Cloud SQL refuse in a stack name with \"_\" and \".\"", () => {
        const kinds = validateNames(spec("my_stack.1")).map((problem) => /makes the (.+?) "/.exec(problem)?.[1]);
        expect(kinds).to.include.members(["KMS key ring name", "KMS key name", "Secret Manager secret id", "Cloud SQL instance id", "Cloud SQL replica id"]);
    });

    it("holds the Cloud SQL id to 98 characters together with the project id", () => {
        const project = "p".repeat(30);
        const sql = derivedNames(spec("prod", { gcpProject: project })).find((name) => name.what === "Cloud SQL instance id")!;
        expect(sql.name).to.equal("platform-prod-db");
        expect(sql.rule.max).to.equal(98 - 31);
    });

    it("refuses IPv6 admin ranges: the GCP network is IPv4 only", () => {
        expect(validateNames(spec("prod", { adminCidrs: ["203.0.113.0/24", "2001:db8::/32"] }))).to.deep.equal([
            'platform:adminCidrs[1]: "2001:db8::/32" is an IPv6 range, but the gcp network is IPv4 only and it would admit nobody; allowed: IPv4 ranges such as 203.0.113.0/24',
        ]);
    });

    it("bounds service account ids to 6-30 characters and Memorystore ids to 40, with a hash when cut", () => {
        expect(serviceAccountIdFor("platform-prod", "bastion")).to.equal("platform-prod-bastion");
        const long = serviceAccountIdFor("platform-a-very-long-stack-name", "bastion");
        expect(long).to.match(/^platform-a-very-long-st-[0-9a-f]{6}$/);
        expect(long).to.have.length(30);
        expect(serviceAccountIdFor("platform-Prod", "bastion")).to.match(/^platform-prod-bastion-[0-9a-f]{6}$/);
        expect(serviceAccountIdFor("platform-Prod", "bastion")).to.not.equal(serviceAccountIdFor("platform-prod", "bastion"));
        expect(redisInstanceIdFor("platform-prod")).to.equal("platform-prod-redis");
        const redis = redisInstanceIdFor(`platform-${"x".repeat(40)}`);
        expect(redis.length).to.equal(40);
        expect(redis).to.match(/^platform-x+-[0-9a-f]{6}-redis$/);
        expect(sqlInstanceNameFor("platform-Prod")).to.equal("platform-prod-db");
    });
});
