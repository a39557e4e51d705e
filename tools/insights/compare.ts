// Two plans side by side (`npm run plan -- <stack> --compare cloud=gcp`): cloud resources and
// monthly cost per platform component, then totals and deploy time, so a reader sees where
// the clouds or tiers differ.

import type { SynthResult } from "../synth";
import { CostEstimate } from "./cost";
import { DeployEstimate } from "./deploy";
import { minutes, money, table } from "./format";
import { COMPONENTS, isCloudResource, StackGraph } from "./graph";

export interface ComponentSummary {
    resources: number;
    monthly: number;
}

/** Cloud resources and priced cost per component (Network, ..., Observability). */
export function summarizeByComponent(result: SynthResult, cost: CostEstimate): Record<string, ComponentSummary> {
    const graph = new StackGraph(result);
    const summary: Record<string, ComponentSummary> = {};
    const entry = (component: string): ComponentSummary => (summary[component] ??= { resources: 0, monthly: 0 });
    COMPONENTS.forEach(entry);
    for (const resource of result.resources.filter(isCloudResource)) {
        entry(graph.componentOf(resource)).resources += 1;
    }
    for (const item of cost.items) {
        const resource = graph.byUrn.get(item.urn);
        if (resource) entry(graph.componentOf(resource)).monthly += item.monthly;
    }
    return summary;
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** The estimate less what the levers that are on save, and which they are. */
function leversCell(cost: CostEstimate): string {
    const on = cost.levers?.items.filter((item) => item.on) ?? [];
    return on.length && cost.levers ? `${money(cost.levers.monthlyWithLeversOn)} (${on.map((item) => item.lever).join(", ")})` : "-";
}

/** "prod (aws, production-medium)", or "(aws kubernetes, ...)" when the services run on a cluster the cloud hosts. */
function heading(result: SynthResult): string {
    const onCluster = result.config.runtime === "kubernetes" && result.cloud !== "kubernetes" ? " kubernetes" : "";
    return `${result.stack} (${result.cloud}${onCluster}, ${result.tier})`;
}

export function comparePlans(a: SynthResult, b: SynthResult, costA: CostEstimate, costB: CostEstimate, deployA: DeployEstimate, deployB: DeployEstimate): string {
    const sa = summarizeByComponent(a, costA);
    const sb = summarizeByComponent(b, costB);
    const components = [...new Set([...Object.keys(sa), ...Object.keys(sb)])];
    const cell = (s: ComponentSummary | undefined): string => (s ? `${s.resources} res, ${money(s.monthly)}` : "-");
    const count = (r: SynthResult): string => String(r.resources.filter(isCloudResource).length);
    const delta = costB.monthlyTotal - costA.monthlyTotal;
    const rows: string[][] = [
        ["", heading(a), heading(b)],
        ...components.map((component) => [component, cell(sa[component]), cell(sb[component])]),
        ["Cloud resources", count(a), count(b)],
        ["Monthly cost", money(costA.monthlyTotal), money(costB.monthlyTotal)],
        ["  not priced", String(costA.unpriced.length), String(costB.unpriced.length)],
        ["  price date", costA.priceDate, costB.priceDate],
        ["  with levers on", leversCell(costA), leversCell(costB)],
        ["Deploy time", minutes(deployA.estimatedMinutes), minutes(deployB.estimatedMinutes)],
        ["  slowest resource", `${nameOf(deployA.slowestResource)} (${minutes(deployA.slowestMinutes)})`, `${nameOf(deployB.slowestResource)} (${minutes(deployB.slowestMinutes)})`],
        ["  critical path ends", nameOf(deployA.criticalPath[deployA.criticalPath.length - 1] ?? ""), nameOf(deployB.criticalPath[deployB.criticalPath.length - 1] ?? "")],
    ];
    const sign = delta >= 0 ? "+" : "-";
    return [
        table(rows, false),
        `Difference (right - left): ${sign}${money(Math.abs(delta))} per month, ${sign}${minutes(Math.abs(deployB.estimatedMinutes - deployA.estimatedMinutes))} to deploy.`,
    ].join("\n");
}
