// GCP and Azure: every resource type of every tier is priced or deliberately free, and timed,
// and the price books are dated and sourced like the AWS one.
import { expect } from "chai";
import awsPrices from "../../tools/prices/aws.json";
import azurePrices from "../../tools/prices/azure.json";
import gcpPrices from "../../tools/prices/gcp.json";
import kubernetesPrices from "../../tools/prices/kubernetes.json";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { isCloudResource } from "../../tools/insights/graph";
import { postgresSkuFor, redisSkuFor, vmSizeFor } from "../../providers/azure/sizes";
import { machineTypeFor, redisClusterNodeTypeFor } from "../../providers/gcp/sizes";
import { searchInstanceTypeFor } from "../../providers/aws/sizes";
import { build, buildClusterTier, buildStackFile, buildTier, cloudTierConfig, WEB_SERVICE, WORKER_SERVICE } from "../helpers/stacks";

const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];
const BOOKS = {
    gcp: { book: gcpPrices, region: "us-central1", shipped: "gcp-prod" },
    azure: { book: azurePrices, region: "eastus", shipped: "azure-prod" },
    // An existing cluster: every object free with its reason, the requested capacity in a note.
    kubernetes: { book: kubernetesPrices, region: "existing cluster", shipped: "local" },
};

for (const [cloud, { book, region, shipped }] of Object.entries(BOOKS)) {
    describe(`insights: every ${cloud} resource type is priced or deliberately free, and timed`, () => {
        const stacks = [...TIERS.map((tier) => ({ label: tier, build: () => buildTier(cloud, tier) })), { label: `Pulumi.${shipped}.yaml`, build: () => buildStackFile(shipped) }];
        if (cloud !== "kubernetes") {
            // The cost levers on: an arm64 web service, a spot worker above its base, the schedule.
            const levers = { services: [{ ...WEB_SERVICE, architecture: "arm64" }, { ...WORKER_SERVICE, minReplicas: 2, maxReplicas: 5, spot: true, onDemandBase: 2 }], schedule: { days: ["Mon", "Fri"], start: "08:00", stop: "18:00", timezone: "Europe/Berlin" } };
            stacks.push({ label: "staging with the cost levers on", build: () => build(`levers-${cloud}`, cloudTierConfig(cloud, "staging", levers)) });
            // The VPN gateway and tunnels to a peer (an existing cluster has no network of its own to attach them to).
            const vpn = { enabled: true, peerAddress: "93.184.216.34", peerCidrs: ["192.168.0.0/16"] };
            stacks.push({ label: "production-small with vpn", build: () => build(`cov-vpn-${cloud}`, cloudTierConfig(cloud, "production-small", { vpn })) });
        }
        for (const stack of stacks) {
            it(`${stack.label}: nothing unpriced, nothing silently zero, every type timed`, async () => {
                const result = await stack.build();
                const estimate = estimateCost(result);
                expect(estimate.unpriced, JSON.stringify(estimate.unpriced, null, 1)).to.deep.equal([]);
                const freeCount = estimate.free.reduce((sum, f) => sum + f.count, 0);
                expect(estimate.items.length + freeCount).to.equal(result.resources.filter(isCloudResource).length);
                for (const item of estimate.items) {
                    expect(item.monthly, `${item.urn}: ${item.basis}`).to.be.greaterThan(0);
                    expect(item.basis, item.urn).to.match(/\$\d/);
                }
                expect(estimate.region).to.equal(region);
                expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
            });
        }

        it("the price file is dated, in USD, and every item has a price, a unit, evidence and a source", () => {
            expect(book.cloud).to.equal(cloud);
            expect(book.priceDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
            expect(book.currency).to.equal("USD");
            expect(book.regions).to.include(region);
            for (const [key, item] of Object.entries(book.items as Record<string, { price: number; unit: string; evidence: string; source: string }>)) {
                expect(item.price, key).to.be.a("number").and.greaterThan(0);
                expect(item.unit, key).to.be.a("string").and.not.equal("");
                expect(["src", "derived", "mem"], key).to.include(item.evidence);
                expect(item.source, key).to.be.a("string").and.not.equal("");
            }
        });
    });
}

describe("insights: the disaster-recovery copies are priced or deliberately free, and timed", () => {
    // The same stacks as tests/disasterRecovery.test.ts, so a run of both synthesizes each once.
    const DR_STACKS: [string, string, Record<string, unknown>][] = [
        ["dr-aws", "aws", { drRegion: "us-west-2" }],
        ["dr-gcp", "gcp", { drRegion: "us-east1" }],
    ];
    for (const [stack, cloud, extra] of DR_STACKS) {
        it(`${cloud} with drRegion: nothing unpriced, every type timed`, async () => {
            const result = await build(stack, cloudTierConfig(cloud, "production-small", extra));
            const estimate = estimateCost(result);
            expect(estimate.unpriced, JSON.stringify(estimate.unpriced, null, 1)).to.deep.equal([]);
            expect(estimate.items.some((item) => /-dr-/.test(item.urn))).to.equal(true);
            expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
        });
    }
    it("azure with drRegion: nothing unpriced, every type timed", async () => {
        const result = await build("dr-azure", cloudTierConfig("azure", "staging", { drRegion: "westus" }));
        expect(estimateCost(result).unpriced).to.deep.equal([]);
        expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
    });
});

describe("insights: services on a cloud's managed cluster are priced, and every type timed", () => {
    // The cluster fee and the node pool are the cloud's; the Kubernetes objects run on those nodes.
    const REGIONS: Record<string, string> = { aws: "us-east-1", gcp: "us-central1", azure: "eastus" };
    for (const cloud of ["aws", "gcp", "azure"]) {
        for (const tier of ["development", "production-large"]) {
            it(`${cloud} ${tier} on its cluster: nothing unpriced, the cluster and its nodes priced, every type timed`, async () => {
                const result = await buildClusterTier(cloud, tier);
                const estimate = estimateCost(result);
                expect(estimate.unpriced, JSON.stringify(estimate.unpriced, null, 1)).to.deep.equal([]);
                expect(estimate.region).to.equal(REGIONS[cloud]);
                const clusterTypes = estimate.items.map((item) => item.type).filter((type) => /eks|container|containerservice/i.test(type));
                expect(clusterTypes.length, "cluster and node pool items").to.be.greaterThan(1);
                expect(estimate.free.find((entry) => entry.type === "kubernetes:apps/v1:Deployment")?.reason).to.contain("node pool");
                expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
            });
        }
    }
});

/** What a size table picks for a probe, or nothing when the table has no answer (an error). */
function chosen<T>(pick: () => T): T | undefined {
    try {
        return pick();
    } catch {
        return undefined;
    }
}

describe("insights: every SKU the GCP and Azure size tables can choose is in the price book", () => {
    // Probes the shape tables through their public functions: a size added there without a price
    // fails here, not in a user's plan.
    const shapes = [1, 2, 4, 8, 16, 32, 64].flatMap((vcpus) => [1, 2, 4, 8, 16, 32, 64, 128, 256].map((memoryGb) => ({ vcpus, memoryGb })));
    const memories = Array.from({ length: 40 }, (_, i) => 0.25 * 1.25 ** i).filter((gb) => gb <= 256);

    it("gcp: machine types and Redis Cluster node types", () => {
        const keys = new Set<string>();
        shapes.forEach((shape) => {
            const type = chosen(() => machineTypeFor(shape));
            if (type) keys.add(`gce:${type}`);
        });
        memories.forEach((gb) => {
            const node = chosen(() => redisClusterNodeTypeFor(gb));
            if (node) keys.add(`memorystore-cluster:${node.toLowerCase().replace(/_/g, "-")}`);
        });
        expect(keys.size).to.be.greaterThan(5);
        for (const key of keys) {
            expect(Object.keys(gcpPrices.items), key).to.include(key);
        }
    });

    it("azure: VM sizes, flexible server SKUs and Redis sizes", () => {
        const keys = new Set<string>();
        shapes.forEach((shape) => {
            const vm = chosen(() => vmSizeFor(shape));
            const pg = chosen(() => postgresSkuFor(shape).name);
            const burstable = chosen(() => postgresSkuFor(shape, true).name);
            [vm && `vm:${vm}`, pg && `pgflex:${pg}`, burstable && `pgflex:${burstable}`].forEach((key) => key && keys.add(key));
        });
        for (const gb of memories) {
            for (const [shards, replicas] of [[1, 0], [1, 1], [1, 2], [3, 1]]) {
                const sku = chosen(() => redisSkuFor(gb, shards, replicas));
                if (sku) keys.add(`redis:${sku.name}:${sku.family}${sku.capacity}`);
            }
        }
        expect(keys.size).to.be.greaterThan(10);
        for (const key of keys) {
            expect(Object.keys(azurePrices.items), key).to.include(key);
        }
    });
});

describe("insights: the search cluster with shipped logs is priced and timed on AWS", () => {
    it("production-large with search.shipLogs: the domain, its stream and their companions priced or free, every type timed", async () => {
        const result = await build("coverage-search-aws", cloudTierConfig("aws", "production-large", { search: { shipLogs: true } }));
        const estimate = estimateCost(result);
        expect(estimate.unpriced, JSON.stringify(estimate.unpriced, null, 1)).to.deep.equal([]);
        const domain = estimate.items.find((item) => item.type === "aws:opensearch/domain:Domain");
        expect(domain?.monthly).to.be.greaterThan(0);
        expect(estimate.items.some((item) => item.type === "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).to.equal(true);
        expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
    });

    it("every OpenSearch node type the size table can choose is in the price book", () => {
        for (const shape of [{ vcpus: 2, memoryGb: 8 }, { vcpus: 4, memoryGb: 16 }, { vcpus: 8, memoryGb: 32 }, { vcpus: 16, memoryGb: 64 }]) {
            expect(Object.keys(awsPrices.items)).to.include(`opensearch:${searchInstanceTypeFor(shape)}`);
        }
    });
});
