// The idea-management document's PgBouncer on Azure: the flexible server's built-in PgBouncer,
// on the server's own name and certificate at port 6432, reached by the app tier and refused
// (with the key and the tier named) on a Burstable server, which has none.

import { expect } from "chai";
import { parseConfig } from "../../config";
import { pgBouncerFor, poolingProblems, PGBOUNCER_PORT } from "../../providers/azure/database";
import { validateNames } from "../../providers/azure/names";
import { resolvePlatformSpec } from "../../tiers";
import { SynthResult } from "../../tools/synth";
import { bootConfigOf, decodeBase64 } from "../helpers/bootConfig";
import { build, cloudTierConfig, inputs, ofType } from "../helpers/stacks";

function parameters(result: SynthResult): Record<string, string> {
    return Object.fromEntries(
        ofType(result, "azure-native:dbforpostgresql:Configuration")
            .filter((r) => r.name.includes("-primary-"))
            .map((r) => [inputs(r).configurationName, inputs(r).value]),
    );
}

describe("pooling on Azure: the flexible server's PgBouncer", function () {
    let staging: SynthResult;
    let unpooled: SynthResult;

    before(async () => {
        staging = await build("pool-azure", cloudTierConfig("azure", "staging"));
        unpooled = await build("pool-azure-off", cloudTierConfig("azure", "staging", { pooling: false }));
    });

    it("turns PgBouncer on in transaction mode with the document's pool of 20 and idle timeout of 600 s", () => {
        expect(parameters(staging)).to.include({
            "pgbouncer.enabled": "true",
            "pgbouncer.pool_mode": "transaction",
            "pgbouncer.default_pool_size": "20",
            "pgbouncer.server_idle_timeout": "600",
        });
        // Azure's PgBouncer has no reserve pool parameter: the document's 5 has nowhere to go.
        expect(Object.keys(parameters(staging))).to.not.include("pgbouncer.reserve_pool_size");
        expect(parameters(unpooled)).to.not.have.property("pgbouncer.enabled");
    });

    it("points DATABASE_URL and PGPORT at port 6432 on the server's own name, and opens that port to the app tier", () => {
        expect(PGBOUNCER_PORT).to.equal(6432);
        const scaleSet = ofType(staging, "azure-native:compute:VirtualMachineScaleSet")[0];
        const config = bootConfigOf(decodeBase64(inputs(scaleSet).virtualMachineProfile.osProfile.customData));
        expect(config.database.pool?.port).to.equal(6432);
        expect(config.database.pool?.host).to.match(/\.postgres\.database\.azure\.com$/);
        const rule = ofType(staging, "azure-native:network:SecurityRule").find((r) => r.name.endsWith("-app-postgres"))!;
        expect(inputs(rule).destinationPortRanges).to.include.members(["5432", "6432"]);
        const direct = bootConfigOf(decodeBase64(inputs(ofType(unpooled, "azure-native:compute:VirtualMachineScaleSet")[0]).virtualMachineProfile.osProfile.customData));
        expect(direct.database.pool).to.equal(undefined);
    });

    it("refuses pooling on a Burstable server, naming the key and the SKU", () => {
        const development = resolvePlatformSpec(parseConfig(cloudTierConfig("azure", "development", { pooling: true })), "platform", "dev");
        expect(pgBouncerFor(development.database)).to.equal(false);
        expect(poolingProblems(development.database).join()).to.match(/platform:pooling: true .*Burstable tier \(Standard_B\w+/);
        expect(validateNames(development).join("\n")).to.include("platform:pooling");
        const defaults = resolvePlatformSpec(parseConfig(cloudTierConfig("azure", "development")), "platform", "dev");
        expect(poolingProblems(defaults.database)).to.deep.equal([]);
    });
});
