// GCP and Azure: every resource type of every tier is priced or deliberately free, and timed,
// and the price books are dated and sourced like the AWS one.
import { expect } from "chai";
import azurePrices from "../../tools/prices/azure.json";
import gcpPrices from "../../tools/prices/gcp.json";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { isCloudResource } from "../../tools/insights/graph";
import { buildStackFile, buildTier } from "../helpers/stacks";

const TIERS = ["development", "staging", "production-small", "production-medium", "production-large"];
const BOOKS = { gcp: { book: gcpPrices, region: "us-central1", shipped: "gcp-prod" }, azure: { book: azurePrices, region: "eastus", shipped: "azure-prod" } };

for (const [cloud, { book, region, shipped }] of Object.entries(BOOKS)) {
    describe(`insights: every ${cloud} resource type is priced or deliberately free, and timed`, () => {
        const stacks = [...TIERS.map((tier) => ({ label: tier, build: () => buildTier(cloud, tier) })), { label: `Pulumi.${shipped}.yaml`, build: () => buildStackFile(shipped) }];
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
