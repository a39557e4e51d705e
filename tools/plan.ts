// npm run plan -- <stack> [--config-file F] [-c key=value ...] [--json]
//
// Builds a stack offline with the real program under the mock engine and prints every
// resource as a tree (or one JSON object). Exit 0 on success, 2 on bad input or config.

import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config";
import { applyOverrides, defaultStackFile, readStackFile, UsageError } from "./stackFile";
import { RecordedResource, synthesize, SynthResult } from "./synth";

export interface PlanArgs {
    stack: string;
    configFile?: string;
    overrides: string[];
    json: boolean;
}

const USAGE = "usage: npm run plan -- <stack> [--config-file FILE] [-c key=value ...] [--json]";

export function parseArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stack: "", overrides: [], json: false };
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

export async function buildPlan(args: PlanArgs): Promise<SynthResult> {
    const file = args.configFile ?? defaultStackFile(args.stack);
    const config = applyOverrides(readStackFile(file), args.overrides);
    return synthesize(args.stack, config);
}

function isUserError(err: unknown): err is Error {
    return err instanceof UsageError || err instanceof ConfigError || err instanceof pulumi.RunError;
}

async function run(): Promise<number> {
    const args = parseArgs(process.argv.slice(2));
    const result = await buildPlan(args);
    await writeOut(args.json ? `${JSON.stringify(planJson(result), null, 2)}\n` : `${planTree(result)}\n`);
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
