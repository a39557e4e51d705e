// npm run plan -- <stack> [--config-file F] [-c key=value ...] [--json] [--diagram out.svg]
//                         [--compare key=value ...]
//
// Builds a stack offline with the real program under the mock engine and prints every
// resource as a tree (or one JSON object), then what the policy pack finds, the estimated
// monthly cost and the estimated `pulumi up` time. Exit 0 on success, 2 on bad input or config.

import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { evaluate, Violation } from "../policies/offline";
import {
    budgetCheck,
    comparePlans,
    CostEstimate,
    DeployEstimate,
    estimateCost,
    estimateDeploy,
    formatCost,
    formatDeploy,
    formatRecovery,
    recoveryReport,
    RecoveryReport,
    renderDiagram,
} from "./insights";
import { formatViolations } from "./policy";
import { defaultStackFile, moveToCloud, readStackFile, UsageError } from "./stackFile";
import { RecordedResource, synthesize, SynthResult } from "./synth";

export interface PlanArgs {
    stack: string;
    configFile?: string;
    overrides: string[];
    json: boolean;
    /** Where to write the SVG diagram. */
    diagram?: string;
    /** Overrides of a second plan printed beside the first. */
    compare: string[];
}

const USAGE =
    "usage: npm run plan -- <stack> [--config-file FILE] [-c key=value ...] [--json] [--diagram FILE.svg] [--compare key=value ...]";

export function parseArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stack: "", overrides: [], json: false, compare: [] };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const next = (): string => {
            const value = argv[++i];
            if (value === undefined) {
                throw new UsageError(`${arg} needs a value\n${USAGE}`);
            }
            return value;
        };
        if (arg === "--json") {
            args.json = true;
        } else if (arg === "--config-file") {
            args.configFile = next();
        } else if (arg === "-c" || arg === "--config") {
            args.overrides.push(next());
        } else if (arg === "--diagram") {
            args.diagram = next();
        } else if (arg === "--compare") {
            args.compare.push(next());
        } else if (arg.startsWith("-")) {
            throw new UsageError(`unknown option ${arg}\n${USAGE}`);
        } else if (!args.stack) {
            args.stack = arg;
        } else {
            throw new UsageError(`only one stack may be planned at a time, got "${args.stack}" and "${arg}"\n${USAGE}`);
        }
    }
    if (!args.stack) {
        throw new UsageError(USAGE);
    }
    return args;
}

/** The plan as JSON: resources sorted by URN so two runs are byte-identical. */
export function planJson(result: SynthResult): Record<string, unknown> {
    const resources = [...result.resources]
        .sort((a, b) => a.urn.localeCompare(b.urn))
        .map(({ urn, type, name, parent, dependsOn, protect, inputs }) => ({ urn, type, name, parent: parent ?? null, dependsOn, protect, inputs }));
    return { project: result.project, stack: result.stack, cloud: result.cloud, tier: result.tier, resources, outputs: result.outputs };
}

export function planTree(result: SynthResult): string {
    const children = new Map<string, RecordedResource[]>();
    const roots: RecordedResource[] = [];
    for (const resource of result.resources) {
        if (resource.parent) {
            children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
        } else {
            roots.push(resource);
        }
    }
    const lines: string[] = [];
    const walk = (resource: RecordedResource, prefix: string, last: boolean, depth: number): void => {
        const marker = depth === 0 ? "" : last ? "└─ " : "├─ ";
        const flags = resource.protect ? "  [protected]" : "";
        lines.push(`${prefix}${marker}${resource.type}  ${resource.name}${flags}`);
        const kids = [...(children.get(resource.urn) ?? [])].sort((a, b) => a.urn.localeCompare(b.urn));
        const childPrefix = depth === 0 ? "" : prefix + (last ? "   " : "│  ");
        kids.forEach((kid, index) => walk(kid, childPrefix, index === kids.length - 1, depth + 1));
    };
    roots.forEach((root) => walk(root, "", true, 0));
    const custom = result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    const protectedCount = custom.filter((r) => r.protect).length;
    lines.push("");
    lines.push(`${custom.length} cloud resources in ${result.resources.length - custom.length} components/providers; ${protectedCount} protected.`);
    return lines.join("\n");
}

export async function buildPlan(args: PlanArgs, extraOverrides: string[] = []): Promise<SynthResult> {
    const file = args.configFile ?? defaultStackFile(args.stack);
    const config = moveToCloud(readStackFile(file), [...args.overrides, ...extraOverrides], args.stack);
    return synthesize(args.stack, config);
}

/** What the plan reports beyond the resources. */
export interface PlanInsights {
    violations: Violation[];
    cost: CostEstimate;
    deploy: DeployEstimate;
    /** Set when the estimate exceeds budget.monthlyUsd. */
    budgetWarning?: string;
    /** Targets beside promises, when the stack has a DR region. */
    recovery?: RecoveryReport;
}

export async function analyse(result: SynthResult): Promise<PlanInsights> {
    const { violations } = await evaluate(result.resources, { tier: result.tier });
    const cost = estimateCost(result, { assumptions: result.config.usage });
    return {
        violations,
        cost,
        deploy: estimateDeploy(result),
        budgetWarning: budgetCheck(cost, result.config.budget.monthlyUsd),
        recovery: recoveryReport(result.outputs),
    };
}

export function insightsJson(insights: PlanInsights): Record<string, unknown> {
    const { cost, deploy } = insights;
    return {
        violations: insights.violations.map(({ policy, level, type, name, message }) => ({ policy, level, type, name, message })),
        cost: { currency: cost.currency, priceDate: cost.priceDate, monthlyTotal: cost.monthlyTotal, items: cost.items, unpriced: cost.unpriced, ...(cost.levers ? { levers: cost.levers } : {}) },
        deploy: {
            estimatedMinutes: deploy.estimatedMinutes,
            criticalPath: deploy.criticalPath,
            slowestResource: deploy.slowestResource,
            slowestMinutes: deploy.slowestMinutes,
            ...(deploy.servingMinutes !== undefined ? { servingMinutes: deploy.servingMinutes } : {}),
        },
        ...(insights.budgetWarning ? { budgetWarning: insights.budgetWarning } : {}),
        ...(insights.recovery ? { disasterRecovery: insights.recovery } : {}),
    };
}

export function insightsText(result: SynthResult, insights: PlanInsights): string {
    return [
        "Policy pack:",
        formatViolations(insights.violations, result.tier, result.resources.length),
        "",
        formatCost(insights.cost),
        ...(insights.budgetWarning ? ["", `WARNING: ${insights.budgetWarning}`] : []),
        "",
        formatDeploy(insights.deploy),
        ...(insights.recovery ? ["", formatRecovery(insights.recovery)] : []),
    ].join("\n");
}

/** A mistake in the command or the stack (ConfigError and UnsupportedCloudError are RunErrors). */
function isUserError(err: unknown): err is Error {
    return err instanceof UsageError || err instanceof pulumi.RunError;
}

async function run(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    const result = await buildPlan(args);
    const insights = await analyse(result);
    if (args.diagram) {
        fs.writeFileSync(args.diagram, await renderDiagram(result));
    }
    if (args.compare.length) {
        // Stacks are built one after the other: the mock engine is process-wide.
        const other = await buildPlan(args, args.compare);
        const otherInsights = await analyse(other);
        await writeOut(
            args.json
                ? `${JSON.stringify({ a: { ...planJson(result), ...insightsJson(insights) }, b: { ...planJson(other), ...insightsJson(otherInsights) } }, null, 2)}\n`
                : `${comparePlans(result, other, insights.cost, otherInsights.cost, insights.deploy, otherInsights.deploy)}\n`,
        );
        return 0;
    }
    await writeOut(
        args.json
            ? `${JSON.stringify({ ...planJson(result), ...insightsJson(insights) }, null, 2)}\n`
            : `${planTree(result)}\n\n${insightsText(result, insights)}\n${args.diagram ? `\nDiagram written to ${args.diagram}\n` : ""}`,
    );
    return 0;
}

/** Resolves once the text is flushed: a pipe takes large output in pieces, and exiting early would cut it. */
export function writeOut(text: string): Promise<void> {
    return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

if (require.main === module) {
    run().then(
        (code) => process.exit(code),
        (err: unknown) => {
            if (isUserError(err)) {
                process.stderr.write(`${err.message}\n`);
                process.exit(2);
            }
            process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
            process.exit(1);
        },
    );
}
