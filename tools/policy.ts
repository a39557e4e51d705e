// npm run policy -- <resources.json> [--tier T] [--json]
//
// Evaluates the CrossGuard pack (policies/) offline against a list of resources, e.g. the
// output of `npm run plan -- <stack> --json`: every resource policy on every resource, every
// stack policy once, with policies/config/<tier>.json applied as the engine would apply it.
// Exit 0 when nothing mandatory is violated, 1 when something is, 2 on unreadable input.

import * as fs from "fs";
import { isTierName, TIER_NAMES } from "../policies/lib/tiers";
import { evaluate, evaluatePolicies, PlannedResource, Violation } from "../policies/offline";

export { evaluate, evaluatePolicies };
export type { PlannedResource, Violation };

const USAGE = "usage: npm run policy -- <resources.json> [--tier T] [--json]";

export class InputError extends Error {}

export interface PolicyArgs {
    file: string;
    tier?: string;
    json: boolean;
}

export function parseArgs(argv: string[]): PolicyArgs {
    const args: PolicyArgs = { file: "", json: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--json") {
            args.json = true;
        } else if (arg === "--tier" || arg.startsWith("--tier=")) {
            const value = arg.includes("=") ? arg.slice("--tier=".length) : argv[++i];
            if (!value) {
                throw new InputError(`--tier needs a value (${TIER_NAMES.join(", ")})`);
            }
            if (!isTierName(value)) {
                throw new InputError(`--tier: "${value}" is not a tier; allowed: ${TIER_NAMES.join(", ")}`);
            }
            args.tier = value;
        } else if (arg.startsWith("-")) {
            throw new InputError(`unknown option ${arg}; ${USAGE}`);
        } else if (!args.file) {
            args.file = arg;
        } else {
            throw new InputError(`one resources file at a time, got "${args.file}" and "${arg}"; ${USAGE}`);
        }
    }
    if (!args.file) {
        throw new InputError(USAGE);
    }
    return args;
}

function describe(value: unknown): string {
    return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
}

/** Checks the `{ "resources": [ { type, name, inputs } ] }` shape (a whole plan JSON is fine). */
export function parseResources(text: string, file: string): PlannedResource[] {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (err) {
        throw new InputError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const resources = (document as { resources?: unknown } | null)?.resources;
    if (typeof document !== "object" || document === null || Array.isArray(document) || !Array.isArray(resources)) {
        throw new InputError(`${file} must be an object with a "resources" array, as \`npm run plan -- <stack> --json\` prints`);
    }
    resources.forEach((resource: unknown, index: number) => {
        const where = `${file}: resources[${index}]`;
        if (typeof resource !== "object" || resource === null || Array.isArray(resource)) {
            throw new InputError(`${where} must be an object, got ${describe(resource)}`);
        }
        const r = resource as Record<string, unknown>;
        for (const key of ["type", "name"]) {
            if (typeof r[key] !== "string" || r[key] === "") {
                throw new InputError(`${where}.${key} must be a non-empty string, got ${describe(r[key])}`);
            }
        }
        if (r.inputs !== undefined && (typeof r.inputs !== "object" || r.inputs === null || Array.isArray(r.inputs))) {
            throw new InputError(`${where}.inputs must be an object, got ${describe(r.inputs)}`);
        }
        if (r.dependsOn !== undefined && !(Array.isArray(r.dependsOn) && r.dependsOn.every((urn) => typeof urn === "string"))) {
            throw new InputError(`${where}.dependsOn must be a list of URNs`);
        }
        for (const key of ["urn", "parent"]) {
            if (r[key] !== undefined && r[key] !== null && typeof r[key] !== "string") {
                throw new InputError(`${where}.${key} must be a string, got ${describe(r[key])}`);
            }
        }
    });
    return resources as PlannedResource[];
}

export function readResources(file: string): PlannedResource[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message}`);
    }
    return parseResources(text, file);
}

/** Violations as lines: level, policy, resource, then the message indented below. */
export function formatViolations(violations: Violation[], tier: string, resourceCount: number): string {
    const ordered = [...violations].sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1));
    const lines = ordered.flatMap((violation) => [
        `${violation.level.padEnd(9)}  ${violation.policy}  ${violation.type}  ${violation.name}`,
        `           ${violation.message}`,
    ]);
    const mandatory = violations.filter((violation) => violation.level === "mandatory").length;
    const summary = `${violations.length} violation(s), ${mandatory} mandatory, on ${resourceCount} resources (tier ${tier}).`;
    return [...lines, ...(lines.length ? [""] : []), summary].join("\n");
}

async function run(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    const resources = readResources(args.file);
    const { tier, violations } = await evaluate(resources, { tier: args.tier });
    if (args.json) {
        const list = violations.map(({ policy, level, type, name, message }) => ({ policy, level, type, name, message }));
        process.stdout.write(`${JSON.stringify({ violations: list }, null, 2)}\n`);
    } else {
        process.stdout.write(`${formatViolations(violations, tier, resources.length)}\n`);
    }
    return violations.some((violation) => violation.level === "mandatory") ? 1 : 0;
}

if (require.main === module) {
    run(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(err instanceof InputError ? 2 : 1);
        },
    );
}
