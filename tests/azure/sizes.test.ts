// Shapes -> Azure SKUs: every shape a tier or service may ask for maps to a real size with at
// least its vCPUs and memory, and the storage and cache steps round up, never down.

import { expect } from "chai";
import { COMPUTE_SHAPES } from "../../config/types";
import { shapeOf, TIERS } from "../../tiers";
import { postgresMaxConnectionsFor, postgresSkuFor, postgresStorageGbFor, redisSkuFor, vmSizeFor } from "../../providers/azure/sizes";

describe("azure sizes", () => {
    it("gives the app fleet the smallest v5 size holding each shape", () => {
        expect(vmSizeFor({ vcpus: 2, memoryGb: 4 })).to.equal("Standard_D2ls_v5");
        expect(vmSizeFor({ vcpus: 2, memoryGb: 8 })).to.equal("Standard_D2s_v5");
        expect(vmSizeFor({ vcpus: 4, memoryGb: 16 })).to.equal("Standard_D4s_v5");
        expect(vmSizeFor({ vcpus: 8, memoryGb: 32 })).to.equal("Standard_D8s_v5");
        expect(vmSizeFor({ vcpus: 2, memoryGb: 12 })).to.equal("Standard_E2s_v5");
    });

    it("has a VM size for every shape a service may ask for and every tier's fleet", () => {
        for (const name of COMPUTE_SHAPES) {
            expect(vmSizeFor(shapeOf(name)), name).to.match(/^Standard_/);
        }
        for (const [tier, spec] of Object.entries(TIERS)) {
            expect(vmSizeFor(spec.fleet.shape), tier).to.match(/^Standard_/);
        }
    });

    it("maps database shapes to flexible server SKUs, Burstable only when allowed", () => {
        expect(postgresSkuFor({ vcpus: 2, memoryGb: 4 }, true)).to.deep.equal({ name: "Standard_B2s", tier: "Burstable" });
        expect(postgresSkuFor({ vcpus: 2, memoryGb: 4 })).to.deep.equal({ name: "Standard_D2ds_v5", tier: "GeneralPurpose" });
        expect(postgresSkuFor({ vcpus: 2, memoryGb: 8 })).to.deep.equal({ name: "Standard_D2ds_v5", tier: "GeneralPurpose" });
        expect(postgresSkuFor({ vcpus: 4, memoryGb: 16 })).to.deep.equal({ name: "Standard_D4ds_v5", tier: "GeneralPurpose" });
        expect(postgresSkuFor({ vcpus: 4, memoryGb: 32 })).to.deep.equal({ name: "Standard_E4ds_v5", tier: "MemoryOptimized" });
        expect(postgresSkuFor({ vcpus: 8, memoryGb: 32 })).to.deep.equal({ name: "Standard_D8ds_v5", tier: "GeneralPurpose" });
        expect(postgresSkuFor({ vcpus: 16, memoryGb: 64 })).to.deep.equal({ name: "Standard_D16ds_v5", tier: "GeneralPurpose" });
    });

    it("has a database SKU for every tier's primary and replicas", () => {
        for (const [tier, spec] of Object.entries(TIERS)) {
            expect(postgresSkuFor(spec.database.shape).name, tier).to.match(/^Standard_/);
            expect(postgresSkuFor(spec.database.replicaShape).name, tier).to.match(/^Standard_/);
        }
    });

    it("rounds storage up to the flexible server's fixed sizes", () => {
        expect(postgresStorageGbFor(20)).to.equal(32);
        expect(postgresStorageGbFor(32)).to.equal(32);
        expect(postgresStorageGbFor(50)).to.equal(64);
        expect(postgresStorageGbFor(100)).to.equal(128);
        expect(postgresStorageGbFor(500)).to.equal(512);
        expect(postgresStorageGbFor(1000)).to.equal(1024);
        expect(() => postgresStorageGbFor(40000)).to.throw(/32768/);
    });

    it("keeps max_connections within Azure's 25-5000", () => {
        expect(postgresMaxConnectionsFor(3000)).to.equal(3000);
        expect(postgresMaxConnectionsFor(7500)).to.equal(5000);
        expect(postgresMaxConnectionsFor(10)).to.equal(25);
    });

    it("sizes the cache: Basic for one unreplicated node, else the smallest Premium holding the shard", () => {
        expect(redisSkuFor(1, 1, 0)).to.include({ name: "Basic", family: "C", capacity: 1 });
        expect(redisSkuFor(3, 1, 2)).to.include({ name: "Premium", family: "P", capacity: 1 });
        expect(redisSkuFor(4, 1, 2)).to.include({ name: "Premium", family: "P", capacity: 1 });
        expect(redisSkuFor(13, 1, 2)).to.include({ name: "Premium", family: "P", capacity: 2 });
        expect(redisSkuFor(16, 3, 1)).to.include({ name: "Premium", family: "P", capacity: 3 });
        expect(redisSkuFor(50, 3, 1)).to.include({ name: "Premium", family: "P", capacity: 4 });
        expect(() => redisSkuFor(500, 3, 1)).to.throw(/120/);
    });
});
