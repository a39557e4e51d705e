import { expect } from "chai";
import awsPrices from "../../tools/prices/aws.json";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { isCloudResource } from "../../tools/insights/graph";
import { cacheNodeTypeFor, dbInstanceClassFor, instanceTypeFor } from "../../providers/aws/sizes";
import { build, buildStackFile, tierConfig } from "../helpers/stacks";

const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];
const SHIPPED = ["dev", "prod", "ideation"];

/** Every tier with a web service and a worker, plus the shipped stacks (dev has no domain). */
const stacks = () => [
    ...TIERS.map((tier) => ({ label: tier, build: () => build(`t-${tier}`, tierConfig(tier)) })),
    ...SHIPPED.map((stack) => ({ label: `Pulumi.${stack}.yaml`, build: () => buildStackFile(stack) })),
];

describe("insights: every AWS resource type is priced or deliberately free", () => {
    for (const stack of stacks()) {
        it(`${stack.label}: nothing unpriced, nothing silently zero, every type timed`, async () => {
            const result = await stack.build();
            const estimate = estimateCost(result);
            expect(estimate.unpriced, JSON.stringify(estimate.unpriced, null, 1)).to.deep.equal([]);
            const accounted = new Set([...estimate.items.map((i) => i.urn)]);
            const freeTypes = new Set(estimate.free.map((f) => f.type));
            for (const resource of result.resources.filter(isCloudResource)) {
                expect(accounted.has(resource.urn) || freeTypes.has(resource.type), resource.urn).to.equal(true);
            }
            const freeCount = estimate.free.reduce((sum, f) => sum + f.count, 0);
            expect(estimate.items.length + freeCount).to.equal(result.resources.filter(isCloudResource).length);
            for (const item of estimate.items) {
                expect(item.monthly, `${item.urn}: ${item.basis}`).to.be.greaterThan(0);
                expect(item.basis, item.urn).to.match(/\$\d/);
            }
            expect(estimateDeploy(result).untimedTypes).to.deep.equal([]);
        });
    }

    it("every SKU the AWS size tables can choose is in the price book", () => {
        // Probes the shape tables through their public functions: a size added there without a
        // price fails here, not in a user's plan.
        const chosen = (pick: () => string): string | undefined => {
            try {
                return pick();
            } catch {
                return undefined;
            }
        };
        const shapes = [1, 2, 4, 8, 16, 32, 64].flatMap((vcpus) => [1, 2, 4, 8, 16, 32, 64, 128, 256].map((memoryGb) => ({ vcpus, memoryGb })));
        const keys = new Set<string>();
        shapes.forEach((shape) => {
            const ec2 = chosen(() => instanceTypeFor(shape));
            const rds = chosen(() => dbInstanceClassFor(shape));
            if (ec2) keys.add(`ec2:${ec2}`);
            if (rds) keys.add(`rds-postgres:${rds}`);
        });
        for (let memoryGb = 0.5; memoryGb <= 512; memoryGb *= 1.25) {
            const node = chosen(() => cacheNodeTypeFor(memoryGb));
            if (node) keys.add(`elasticache-redis:${node}`);
        }
        expect(keys.size).to.be.greaterThan(10);
        for (const key of keys) {
            expect(Object.keys(awsPrices.items), key).to.include(key);
        }
    });

    it("the price file is dated, in USD, and every item has a price, a unit, evidence and a source", () => {
        expect(awsPrices.priceDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
        expect(awsPrices.currency).to.equal("USD");
        expect(awsPrices.regions).to.include("us-east-1");
        for (const [key, item] of Object.entries(awsPrices.items as Record<string, { price: number; unit: string; evidence: string; source: string }>)) {
            expect(item.price, key).to.be.a("number").and.greaterThan(0);
            expect(item.unit, key).to.be.a("string").and.not.equal("");
            expect(["src", "derived", "mem"], key).to.include(item.evidence);
            expect(item.source, key).to.be.a("string").and.not.equal("");
        }
    });
});
