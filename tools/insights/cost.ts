// Monthly cost of a recorded stack at on-demand list prices: every cloud resource is priced,
// deliberately free (with the reason), or listed as not priced. Usage-based charges use the
// stated assumptions (usage.ts), which a stack can override.

import type { RecordedResource, RecordedStack, SynthResult } from "../synth";
import { awsPricer } from "./costAws";
import { azurePricer } from "./costAzure";
import { gcpPricer } from "./costGcp";
import { capacityNote, kubernetesPricer } from "./costKubernetes";
import { money, cents, table } from "./format";
import { isCloudResource, StackGraph, stackRegion } from "./graph";
import { CostLevers, costLevers, formatLevers } from "./levers";
import { MissingPrice, priceBookFor, Prices } from "./prices";
import { resolveUsage, UsageAssumptions } from "./usage";

export interface CostItem {
    urn: string;
    type: string;
    monthly: number;
    /** The formula, e.g. "3 x (1 x t3.xlarge x 730 h x $0.1664/h)". */
    basis: string;
}

export interface UnpricedItem {
    urn: string;
    type: string;
    reason: string;
}

export interface FreeType {
    type: string;
    count: number;
    reason: string;
}

export interface CostEstimate {
    currency: "USD";
    priceDate: string;
    region: string;
    monthlyTotal: number;
    items: CostItem[];
    unpriced: UnpricedItem[];
    free: FreeType[];
    assumptions: UsageAssumptions;
    notes: string[];
    /** What spot, the schedule and ARM save or would save; absent for a stack recorded without its config. */
    levers?: CostLevers;
}

export interface CostOptions {
    /** Overrides of the tier's default usage assumptions (the stack's `usage` object). */
    assumptions?: Partial<UsageAssumptions>;
}

export interface CostLine {
    monthly: number;
    formula: string;
}

export type Pricing = { lines: CostLine[]; note?: string } | { free: string } | { unpriced: string };

export interface PricingContext {
    graph: StackGraph;
    prices: Prices;
    usage: UsageAssumptions;
    /** Resources of a type in the stack: stack-wide usage is shared among them. */
    count(type: string): number;
}

export type Pricer = (resource: RecordedResource, ctx: PricingContext) => Pricing;

export const NODE_POOL_OBJECT_REASON = "runs on the cluster's node pool, priced with the nodes";

/** One pricer per cloud; a cloud without one lists every resource as not priced. */
const PRICERS: Record<string, Pricer> = {
    aws: awsPricer,
    gcp: gcpPricer,
    azure: azurePricer,
    kubernetes: kubernetesPricer,
};

function price(pricer: Pricer, resource: RecordedResource, ctx: PricingContext): Pricing {
    try {
        return pricer(resource, ctx);
    } catch (err) {
        if (err instanceof MissingPrice) {
            return { unpriced: err.message };
        }
        throw err;
    }
}

export function estimateCost(result: RecordedStack, options: CostOptions = {}): CostEstimate {
    const graph = new StackGraph(result);
    const book = priceBookFor(result.cloud);
    const pricer = PRICERS[result.cloud];
    // An existing cluster has no region: its price book names the one place it prices.
    const region = stackRegion(result) ?? (result.cloud === "kubernetes" && book ? book.regions[0] : "unknown");
    const usage = resolveUsage(result.tier, options.assumptions);
    const estimate: CostEstimate = { currency: "USD", priceDate: book?.priceDate ?? "n/a", region, monthlyTotal: 0, items: [], unpriced: [], free: [], assumptions: usage, notes: [] };
    const cloudResources = result.resources.filter(isCloudResource).sort((a, b) => a.urn.localeCompare(b.urn));
    if (!book || !pricer) {
        estimate.unpriced = cloudResources.map(({ urn, type }) => ({ urn, type, reason: `no price book for cloud ${result.cloud} yet` }));
        return estimate;
    }
    if (!book.regions.includes(region)) {
        estimate.notes.push(`${region} is priced at the ${book.regions.join("/")} list. ${book.otherRegions}`);
    }
    const counts = new Map<string, number>();
    cloudResources.forEach((r) => counts.set(r.type, (counts.get(r.type) ?? 0) + 1));
    const ctx: PricingContext = { graph, prices: new Prices(book), usage, count: (type) => counts.get(type) ?? 0 };
    const free = new Map<string, FreeType>();
    for (const resource of cloudResources) {
        // On a cloud's managed cluster the objects run on its node pool, which the cloud's pricer prices.
        const onNodePool = result.cloud !== "kubernetes" && resource.type.startsWith("kubernetes:");
        const pricing: Pricing = onNodePool ? { free: NODE_POOL_OBJECT_REASON } : price(pricer, resource, ctx);
        if ("lines" in pricing) {
            const monthly = cents(pricing.lines.reduce((sum, line) => sum + line.monthly, 0));
            const basis = pricing.lines.map((line) => line.formula).join(" + ") + (pricing.note ? ` (${pricing.note})` : "");
            estimate.items.push({ urn: resource.urn, type: resource.type, monthly, basis });
        } else if ("free" in pricing) {
            const entry = free.get(resource.type) ?? { type: resource.type, count: 0, reason: pricing.free };
            entry.count += 1;
            free.set(resource.type, entry);
        } else {
            estimate.unpriced.push({ urn: resource.urn, type: resource.type, reason: pricing.unpriced });
        }
    }
    if (result.cloud === "kubernetes") {
        estimate.notes.push(capacityNote(result));
    }
    estimate.items.sort((a, b) => b.monthly - a.monthly || a.urn.localeCompare(b.urn));
    estimate.free = [...free.values()].sort((a, b) => a.type.localeCompare(b.type));
    estimate.monthlyTotal = cents(estimate.items.reduce((sum, item) => sum + item.monthly, 0));
    if ("config" in result) {
        estimate.levers = costLevers(result as SynthResult, ctx.prices, estimate.monthlyTotal);
    }
    return estimate;
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);
/** "aws:rds/subnetGroup:SubnetGroup" -> "rds.SubnetGroup"; "random:index/x:X" -> "random.X". */
function shortType(type: string): string {
    const [pkg, path = "", kind = type] = type.split(":");
    const module = path.split("/")[0];
    return `${module === "index" || !module ? pkg : module}.${kind}`;
}

/** Items of a dollar or more one per line; smaller ones summed per type so the table stays readable. */
export function formatCost(estimate: CostEstimate): string {
    const rows: string[][] = [["monthly", "resource", "basis"]];
    const small = new Map<string, { count: number; monthly: number }>();
    for (const item of estimate.items) {
        if (item.monthly >= 1) {
            rows.push([money(item.monthly), nameOf(item.urn), item.basis]);
        } else {
            const entry = small.get(item.type) ?? { count: 0, monthly: 0 };
            small.set(item.type, { count: entry.count + 1, monthly: entry.monthly + item.monthly });
        }
    }
    for (const [type, entry] of [...small.entries()].sort((a, b) => b[1].monthly - a[1].monthly)) {
        rows.push([money(entry.monthly), `${entry.count} x ${shortType(type)}`, "items under $1 each, summed"]);
    }
    const lines = [
        `Estimated monthly cost: ${money(estimate.monthlyTotal)} ${estimate.currency} (on-demand list prices of ${estimate.priceDate}, ${estimate.region}, 730 h/month)`,
        table(rows),
        `Total: ${money(estimate.monthlyTotal)} per month; prices of ${estimate.priceDate}.`,
    ];
    if (estimate.unpriced.length) {
        lines.push(`Not priced (${estimate.unpriced.length}): ${estimate.unpriced.map((u) => `${nameOf(u.urn)} (${shortType(u.type)}: ${u.reason})`).join("; ")}`);
    }
    const freeCount = estimate.free.reduce((sum, entry) => sum + entry.count, 0);
    lines.push(`Free (${freeCount} resources of ${estimate.free.length} types): ${estimate.free.map((entry) => shortType(entry.type)).join(", ")}.`);
    const assumptions = Object.entries(estimate.assumptions).map(([key, value]) => `${key}=${value}`).join(", ");
    lines.push(`Usage assumptions (override with usage.<name>): ${assumptions}. Fleets are priced at their minimum size.`);
    lines.push(...estimate.notes.map((note) => `Note: ${note}`));
    if (estimate.levers) {
        lines.push("", formatLevers(estimate.levers));
    }
    return lines.join("\n");
}

/** A warning when the estimate exceeds the budget, otherwise undefined. */
export function budgetCheck(estimate: CostEstimate, monthlyUsd: number): string | undefined {
    if (!(monthlyUsd > 0) || estimate.monthlyTotal <= monthlyUsd) {
        return undefined;
    }
    const over = estimate.monthlyTotal - monthlyUsd;
    const percent = Math.round((estimate.monthlyTotal / monthlyUsd) * 100);
    return `estimated monthly cost ${money(estimate.monthlyTotal)} exceeds the budget of ${money(monthlyUsd)} by ${money(over)} (${percent}% of budget)`;
}

/** The monthly limit of the stack's own budget resource, if it has one (on any cloud). */
export function budgetFromResult(result: SynthResult): number | undefined {
    const limits = result.resources.map((r): unknown => {
        switch (r.type) {
            case "aws:budgets/budget:Budget":
                return r.inputs.limitUnit === "USD" ? r.inputs.limitAmount : undefined;
            case "gcp:billing/budget:Budget":
                return ((r.inputs.amount as { specifiedAmount?: { units?: unknown } } | undefined)?.specifiedAmount)?.units;
            case "azure-native:consumption:Budget":
                return r.inputs.amount;
            default:
                return undefined;
        }
    });
    const limit = Number(limits.find((value) => value !== undefined));
    return Number.isFinite(limit) && limit > 0 ? limit : undefined;
}
