// GCP sizes for every shape the tiers and services ask for: the machine types exist with at
// least the shape, Cloud SQL custom tiers obey the custom-machine rules, Memorystore sizes are
// whole GB with the 5 GB floor read replicas need.

import { expect } from "chai";
import { COMPUTE_SHAPES } from "../../config/types";
import { shapeOf, TIERS } from "../../tiers";
import { databaseEditionFor, databaseTierFor, machineTypeFor, redisClusterNodeTypeFor, redisMemoryGbFor } from "../../providers/gcp/sizes";

describe("GCP sizes (providers/gcp/sizes.ts)", () => {
    it("maps every service shape to a Compute Engine type of that shape (n2-standard-4 as in the LMS document)", () => {
        expect(COMPUTE_SHAPES.map((name) => machineTypeFor(shapeOf(name)))).to.deep.equal(["e2-medium", "n2-standard-2", "n2-standard-4", "n2-standard-8"]);
        expect(() => machineTypeFor({ vcpus: 3, memoryGb: 5 })).to.throw(/No Compute Engine machine type for 3x5/);
    });

    it("gives every tier's database and replica shape a Cloud SQL tier with at least its vCPUs and memory", () => {
        for (const [tier, spec] of Object.entries(TIERS)) {
            for (const shape of [spec.database.shape, spec.database.replicaShape]) {
                const name = databaseTierFor(shape);
                const perfOptimized = /^db-perf-optimized-N-(\d+)$/.exec(name);
                if (perfOptimized) {
                    // Enterprise Plus performance-optimized: 8 GB per vCPU, exactly the shape.
                    expect(Number(perfOptimized[1]), tier).to.equal(shape.vcpus);
                    expect(shape.memoryGb, tier).to.equal(8 * shape.vcpus);
                    expect(databaseEditionFor(name)).to.equal("ENTERPRISE_PLUS");
                    continue;
                }
                const match = /^db-custom-(\d+)-(\d+)$/.exec(name);
                expect(match, tier).to.not.equal(null);
                expect(databaseEditionFor(name)).to.equal("ENTERPRISE");
                const [vcpus, memoryMb] = [Number(match![1]), Number(match![2])];
                expect(vcpus === 1 || vcpus % 2 === 0, `${tier} vCPUs`).to.equal(true);
                expect(vcpus).to.be.at.least(shape.vcpus);
                expect(memoryMb).to.be.at.least(shape.memoryGb * 1024);
                expect(memoryMb % 256, `${tier} memory step`).to.equal(0);
                expect(memoryMb / vcpus).to.be.within(0.9 * 1024, 6.5 * 1024);
            }
        }
    });

    it("sizes the documents' database shapes exactly where Cloud SQL allows it", () => {
        expect(databaseTierFor({ vcpus: 2, memoryGb: 4 })).to.equal("db-custom-2-4096");
        expect(databaseTierFor({ vcpus: 4, memoryGb: 16 })).to.equal("db-custom-4-16384");
        expect(databaseTierFor({ vcpus: 8, memoryGb: 32 })).to.equal("db-custom-8-32768");
        expect(databaseTierFor({ vcpus: 16, memoryGb: 64 })).to.equal("db-custom-16-65536");
    });

    it("gives production-medium's 4 vCPU / 32 GB exactly, as Enterprise Plus: Enterprise custom machines hold at most 26 GB on 4 vCPUs", () => {
        expect(databaseTierFor({ vcpus: 4, memoryGb: 32 })).to.equal("db-perf-optimized-N-4");
        expect(databaseEditionFor("db-perf-optimized-N-4")).to.equal("ENTERPRISE_PLUS");
        expect(databaseTierFor({ vcpus: 3, memoryGb: 24 })).to.equal("db-custom-4-24576");
    });

    it("raises odd vCPU counts to even and tiny memory to Cloud SQL's 3.75 GB floor", () => {
        expect(databaseTierFor({ vcpus: 3, memoryGb: 8 })).to.equal("db-custom-4-8192");
        expect(databaseTierFor({ vcpus: 1, memoryGb: 1 })).to.equal("db-custom-1-3840");
        expect(databaseTierFor({ vcpus: 1, memoryGb: 8 })).to.equal("db-custom-2-8192");
        expect(() => databaseTierFor({ vcpus: 96, memoryGb: 1000 })).to.throw(/No Cloud SQL custom tier/);
    });

    it("rounds Redis memory up to whole GB, with 5 GB under read replicas", () => {
        expect(redisMemoryGbFor(1)).to.equal(1);
        expect(redisMemoryGbFor(3.2)).to.equal(4);
        expect(redisMemoryGbFor(3, true)).to.equal(5);
        expect(redisMemoryGbFor(13, true)).to.equal(13);
        expect(() => redisMemoryGbFor(301)).to.throw(/largest has 300/);
    });

    it("picks the smallest Redis Cluster node type that holds a shard node", () => {
        expect(redisClusterNodeTypeFor(1)).to.equal("REDIS_SHARED_CORE_NANO");
        expect(redisClusterNodeTypeFor(6)).to.equal("REDIS_STANDARD_SMALL");
        expect(redisClusterNodeTypeFor(13)).to.equal("REDIS_HIGHMEM_MEDIUM");
        expect(redisClusterNodeTypeFor(16)).to.equal("REDIS_HIGHMEM_XLARGE");
        expect(() => redisClusterNodeTypeFor(59)).to.throw(/largest has 58/);
    });
});
