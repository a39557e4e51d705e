// The idea-management document's PgBouncer on GCP: Cloud SQL's managed connection pooling, which
// only Enterprise Plus offers, so pooling moves the instance to the performance-optimized machine
// holding the tier's shape. The application reaches the pool on the primary's own name and
// certificate at port 6432, and the app tier's firewall lets it.

import { expect } from "chai";
import { connectionPoolConfigsFor, MANAGED_POOL_PORT } from "../../providers/gcp/database";
import { databaseEditionFor, databaseTierFor, pooledDatabaseTierFor } from "../../providers/gcp/sizes";
import { SynthResult } from "../../tools/synth";
import { bootConfigOf } from "../helpers/bootConfig";
import { build, cloudTierConfig, inputs, ofType } from "../helpers/stacks";

const INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";

function primary(result: SynthResult) {
    return inputs(ofType(result, INSTANCE).find((r) => r.name.endsWith("-db-primary"))!);
}

describe("pooling on GCP: Cloud SQL managed connection pooling", function () {
    let pooled: SynthResult;
    let direct: SynthResult;

    before(async () => {
        pooled = await build("pool-gcp", cloudTierConfig("gcp", "production-small"));
        direct = await build("pool-gcp-off", cloudTierConfig("gcp", "production-small", { pooling: false }));
    });

    it("takes the smallest Enterprise Plus machine holding the shape, and keeps one that already is", () => {
        expect(pooledDatabaseTierFor({ vcpus: 4, memoryGb: 16 })).to.equal("db-perf-optimized-N-4");
        expect(pooledDatabaseTierFor({ vcpus: 16, memoryGb: 64 })).to.equal("db-perf-optimized-N-16");
        expect(pooledDatabaseTierFor({ vcpus: 2, memoryGb: 4 })).to.equal("db-perf-optimized-N-2");
        expect(pooledDatabaseTierFor({ vcpus: 4, memoryGb: 32 })).to.equal(databaseTierFor({ vcpus: 4, memoryGb: 32 }));
        expect(databaseEditionFor(pooledDatabaseTierFor({ vcpus: 4, memoryGb: 16 }))).to.equal("ENTERPRISE_PLUS");
    });

    it("configures transaction pooling with 20 server connections, idle ones closed after 600 s, and no pool when off", () => {
        const pooling = { enabled: true, mode: "transaction" as const, poolSize: 20, reservePoolSize: 5, idleTimeoutSeconds: 600 };
        expect(connectionPoolConfigsFor({ pooling })).to.deep.equal([
            {
                connectionPoolingEnabled: true,
                flags: [
                    { name: "pool_mode", value: "transaction" },
                    { name: "max_pool_size", value: "20" },
                    { name: "server_connection_idle_timeout", value: "600" },
                ],
            },
        ]);
        expect(connectionPoolConfigsFor({ pooling: { ...pooling, enabled: false } })).to.equal(undefined);
    });

    it("moves production-small's primary to Enterprise Plus with pooling, and leaves it on Enterprise without", () => {
        const settings = primary(pooled).settings;
        expect(settings).to.deep.include({ tier: "db-perf-optimized-N-4", edition: "ENTERPRISE_PLUS" });
        expect(settings.connectionPoolConfigs[0].connectionPoolingEnabled).to.equal(true);
        expect(settings.connectionPoolConfigs[0].flags).to.deep.include({ name: "max_pool_size", value: "20" });
        const plain = primary(direct).settings;
        expect(plain.edition).to.equal("ENTERPRISE");
        expect(plain.connectionPoolConfigs).to.equal(undefined);
    });

    it("points DATABASE_URL at port 6432 of the primary's name and opens that port to the app tier", () => {
        expect(MANAGED_POOL_PORT).to.equal(6432);
        const template = ofType(pooled, "gcp:compute/instanceTemplate:InstanceTemplate")[0];
        const config = bootConfigOf(inputs(template).metadata["startup-script"]);
        expect(config.database.pool?.port).to.equal(6432);
        expect(config.database.pool?.host).to.be.a("string").and.match(/\./);
        const egress = ofType(pooled, "gcp:compute/firewall:Firewall").find((r) => r.name.endsWith("-data-egress"))!;
        expect(inputs(egress).allows[0].ports).to.include.members(["5432", "6432"]);
        const plainTemplate = ofType(direct, "gcp:compute/instanceTemplate:InstanceTemplate")[0];
        expect(bootConfigOf(inputs(plainTemplate).metadata["startup-script"]).database.pool).to.equal(undefined);
    });
});
