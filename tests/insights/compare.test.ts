import { expect } from "chai";
import { comparePlans, summarizeByComponent } from "../../tools/insights/compare";
import { estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { isCloudResource } from "../../tools/insights/graph";
import { buildStackFile } from "../helpers/stacks";

describe("insights: compare", () => {
    it("prints two plans side by side: resources and cost per component, totals, deploy time", async () => {
        // One after the other: the offline engine is process-wide, two builds must not overlap.
        const dev = await buildStackFile("dev");
        const prod = await buildStackFile("prod");
        const [costDev, costProd] = [estimateCost(dev), estimateCost(prod)];
        const text = comparePlans(dev, prod, costDev, costProd, estimateDeploy(dev), estimateDeploy(prod));
        for (const component of ["Network", "ObjectStore", "Database", "Cache", "AppFleet", "Observability"]) {
            expect(text).to.match(new RegExp(`^${component}\\s+\\d+ res, \\$`, "m"));
        }
        expect(text).to.include("dev (aws, development)").and.include("prod (aws, production-medium)");
        expect(text).to.include(`$${costProd.monthlyTotal.toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
        expect(text).to.match(/Deploy time\s+[\d.]+ min\s+[\d.]+ min/);
        expect(text).to.include("Difference (right - left): +$");
    });

    it("counts every cloud resource and every priced dollar in exactly one component", async () => {
        const prod = await buildStackFile("prod");
        const cost = estimateCost(prod);
        const summary = summarizeByComponent(prod, cost);
        const resources = Object.values(summary).reduce((sum, s) => sum + s.resources, 0);
        const monthly = Object.values(summary).reduce((sum, s) => sum + s.monthly, 0);
        expect(resources).to.equal(prod.resources.filter(isCloudResource).length);
        expect(monthly).to.be.closeTo(cost.monthlyTotal, 0.01);
        expect(summary.Database.monthly).to.be.greaterThan(summary.Observability.monthly);
    });
});
