import type { PolicyResource } from "@pulumi/policy";
import { budgetCheck, estimateCost } from "../../../../tools/insights/cost";
import type { RecordedResource, RecordedStack } from "../../../../tools/synth";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { tierOfStack } from "../../../lib/tiers";
import { read } from "../../../lib/values";
import { BUDGET } from "../types";

/** The estimator reads recorded resources; a policy sees the same inputs as `props`. */
function asRecorded(resource: PolicyResource): RecordedResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        parent: resource.parent?.urn,
        dependsOn: resource.dependencies.map((dependency) => dependency.urn),
        protect: false,
        custom: !resource.type.startsWith("platform:") && !resource.type.startsWith("pulumi:pulumi:"),
        inputs: resource.props as Record<string, unknown>,
    };
}

export const policy: PlatformStackPolicy = {
    name: "aws-budgets-budget-estimate-within-limit",
    description:
        "The stack's estimated monthly cost (on-demand list prices, stated usage assumptions) stays within its AWS Budget (LMS requirements, Cost Monitoring: no Checkov or CIS check exists for cost).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [BUDGET],
    requires: "the `npm run plan` cost estimate at or under the Budget's `limitAmount` (USD)",
    validateStack: (args, report) => {
        for (const budget of ofType(args.resources, BUDGET)) {
            const limit = Number(read(() => budget.props.limitAmount));
            if (read(() => budget.props.limitUnit) !== "USD" || !Number.isFinite(limit)) {
                continue;
            }
            const stack: RecordedStack = {
                cloud: "aws",
                // Usage assumptions scale with the tier; production-medium's are the seed's figures.
                tier: tierOfStack(args) ?? "production-medium",
                resources: args.resources.map(asRecorded),
            };
            const warning = budgetCheck(estimateCost(stack), limit);
            if (warning) {
                report(warning, budget.urn);
            }
        }
    },
};
