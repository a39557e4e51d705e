// The pre-flight check of the Azure names derived from the stack name: the shipped-style stacks
// pass, a long stack name is refused once with the length that fits, characters Azure refuses
// are named, global names stay within their limits, and production needs a paired region.

import { expect } from "chai";
import { parseConfig } from "../../config";
import { derivedNames, validateNames } from "../../providers/azure/names";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { tierConfig } from "../helpers/stacks";

function spec(stack: string, tier = "production-large", extra: Record<string, unknown> = {}): PlatformSpec {
    return resolvePlatformSpec(parseConfig(tierConfig(tier, { cloud: "azure", region: "eastus", ...extra })), "platform", stack);
}

function named(stack: string, what: string): string {
    const found = derivedNames(spec(stack)).find((name) => name.what === what);
    expect(found, what).to.not.equal(undefined);
    return found!.name;
}

describe("azure names", () => {
    it("accepts ordinary stack names on every tier", () => {
        for (const tier of ["development", "staging", "production-small", "production-medium", "production-large"]) {
            expect(validateNames(spec("prod", tier)), tier).to.deep.equal([]);
        }
        expect(validateNames(spec("staging-eu-2"))).to.deep.equal([]);
    });

    it("keeps global names within Azure's limits whatever the stack name: Key Vault and storage 24, PostgreSQL and Redis 63", () => {
        const long = "a-very-long-stack-name-for-the-production-environment-of-the-platform";
        expect(named(long, "Key Vault").length).to.be.at.most(24);
        expect(named(long, "Key Vault")).to.match(/^[a-z][a-z0-9-]*[a-z0-9]$/);
        for (const what of ["documents storage account", "flow-log storage account", "Redis snapshot storage account"]) {
            expect(named(long, what)).to.match(/^[a-z0-9]{3,24}$/);
        }
        expect(named(long, "PostgreSQL server").length).to.be.at.most(63);
        expect(named(long, "PostgreSQL replica").length).to.be.at.most(63);
        expect(named(long, "Redis cache").length).to.be.at.most(63);
    });

    it("gives two stacks different global names", () => {
        expect(named("prod", "Key Vault")).to.not.equal(named("prod2", "Key Vault"));
        expect(named("prod", "documents storage account")).to.not.equal(named("prod2", "documents storage account"));
        expect(named("prod", "PostgreSQL server")).to.match(/^platform-prod-pg-[0-9a-f]{6}$/);
    });

    it("refuses a stack name that makes a private endpoint longer than 64 characters, once, with the length that fits", () => {
        const problems = validateNames(spec("a-very-long-stack-name-for-the-production-environment"));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/storage private endpoint .* 94 characters long; Azure allows 64: keep "<project>-<stack>" within 32 characters/);
        expect(problems[0]).to.include("also too long: the virtual network");
        // 32 characters is exactly what fits.
        expect(validateNames(spec("a-stack-of-23-character"))).to.deep.equal([]);
        expect(validateNames(spec("a-stack-of-24-characters"))).to.have.length(1);
    });

    it("makes DNS labels of the characters Pulumi allows in stack names, and refuses them where a name takes them as they are", () => {
        // The workspace, budget and credentials job are named after the platform as it is.
        expect(validateNames(spec("prod_eu.1"))).to.deep.equal(
            ["Log Analytics workspace", "budget", "credentials container group"].map(
                (what) => `stack name: project and stack "platform-prod_eu.1" make the ${what} "platform-prod_eu.1-${{ "Log Analytics workspace": "logs", budget: "monthly", "credentials container group": "credentials" }[what]}" invalid (characters Azure refuses); use a project and stack name of lowercase letters, digits and single hyphens, starting with a letter`,
            ),
        );
        expect(named("prod_eu.1", "private DNS zone label")).to.equal("platform-prod-eu-1");
        expect(named("prod_eu.1", "Key Vault")).to.equal("platform-prodeu1-k28ba84");
    });

    it("refuses production in a region without a pair for geo-redundant backups, not development", () => {
        expect(validateNames(spec("prod", "production-medium", { region: "qatarcentral" }))).to.deep.equal([
            'platform:region: "qatarcentral" has no paired region known to the program, and production keeps geo-redundant database backups there; use a region with a pair (e.g. eastus, westeurope)',
        ]);
        expect(validateNames(spec("dev", "development", { region: "qatarcentral" }))).to.deep.equal([]);
    });
});
