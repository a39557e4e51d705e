import { expect } from "chai";
import { budgetCheck, budgetFromResult, estimateCost } from "../../tools/insights/cost";
import { estimateDeploy } from "../../tools/insights/deploy";
import { readStackFile } from "../../tools/stackFile";
import { synthesize } from "../../tools/synth";
import { buildStackFile } from "../helpers/stacks";

/**
 * Sane ranges, USD per month at on-demand list prices:
 * - dev: one t3.medium, db.t4g.medium, one cache.t4g.small, one NAT, an ALB and small fixed
 *   charges: each a few tens of dollars, so 100-400.
 * - prod (production-medium): perf-cost.md's sanity check puts compute + primary storage at
 *   about 1,650-1,750 before data transfer; WAF, logs and S3 come on top: 1,500-3,500.
 * - ideation: the seed claims 1,940-2,240 and perf-cost.md finds that ~500-850 low at
 *   on-demand rates (2,470-3,070 with 5-10 instances per fleet); at the stack's minimum of
 *   2 + 2 instances it sits at the low end: 1,900-3,500.
 */
const RANGES: Record<string, [number, number]> = { dev: [100, 400], prod: [1500, 3500], ideation: [1900, 3500] };

describe("insights: the shipped stacks", () => {
    for (const [stack, [low, high]] of Object.entries(RANGES)) {
        it(`${stack}: the cost estimate is stable and within ${low}-${high} USD a month`, async () => {
            const result = await buildStackFile(stack);
            const first = estimateCost(result);
            const again = estimateCost(await synthesize(stack, readStackFile(`Pulumi.${stack}.yaml`)));
            expect(again).to.deep.equal(first);
            expect(JSON.parse(JSON.stringify(first))).to.deep.equal(first);
            expect(first.monthlyTotal).to.be.within(low, high);
            expect(first.currency).to.equal("USD");
            expect(first.unpriced).to.deep.equal([]);
        });

        it(`${stack}: deploy time is bounded by the slowest resource and includes it on the critical path`, async () => {
            const result = await buildStackFile(stack);
            const deploy = estimateDeploy(result);
            expect(deploy).to.deep.equal(estimateDeploy(result));
            expect(deploy.estimatedMinutes).to.be.at.least(deploy.slowestMinutes);
            // perf-cost.md: the AWS floor is about 30-40 minutes even with read replicas.
            expect(deploy.estimatedMinutes).to.be.below(40);
            expect(deploy.criticalPath).to.include(deploy.slowestResource);
            expect(deploy.criticalPath.every((urn) => result.resources.some((r) => r.urn === urn))).to.equal(true);
        });
    }

    it("prod: the biggest item is the Multi-AZ database, and the 5,000 USD budget is not exceeded", async () => {
        const result = await buildStackFile("prod");
        const estimate = estimateCost(result);
        expect(estimate.items[0].type).to.equal("aws:rds/instance:Instance");
        expect(estimate.items[0].basis).to.include("Multi-AZ");
        expect(budgetFromResult(result)).to.equal(5000);
        expect(budgetCheck(estimate, 5000)).to.equal(undefined);
        expect(budgetCheck(estimate, 1000)).to.be.a("string");
    });
});
