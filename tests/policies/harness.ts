// Runs single policies the way the policy server does (policies/lib/evaluate.ts), and builds
// the baseline-and-mutation cases every rule is tested with.

import { reconcilePolicyConfig } from "../../policies/lib/config";
import { PlannedResource, runResourcePolicy, runStackPolicy, Violation } from "../../policies/lib/evaluate";
import { TierName } from "../../policies/lib/tiers";
import { isStackPolicy, PlatformPolicy } from "../../policies/lib/types";

export type Inputs = Record<string, unknown>;

export function resource(type: string, name: string, inputs: Inputs, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { type, name, inputs, urn: `urn:pulumi:test::platform::${type}::${name}`, dependsOn: [], protect: false, ...extra };
}

export interface RunOptions {
    tier?: TierName;
    /** A policy pack config in the engine's format, e.g. `{ "<name>": { minimumDays: 10 } }`. */
    config?: unknown;
}

/** Every violation one policy reports on the resources, at the given tier (default production-medium). */
export async function violationsOf(policy: PlatformPolicy, resources: PlannedResource[], options: RunOptions = {}): Promise<Violation[]> {
    const config = reconcilePolicyConfig([policy], { config: options.config });
    const stackTags = new Map([["tier", options.tier ?? "production-medium"]]);
    if (isStackPolicy(policy)) {
        return runStackPolicy(policy, resources, { config, stackTags });
    }
    const all: Violation[] = [];
    for (const item of resources) {
        all.push(...(await runResourcePolicy(policy, item, { config, stackTags })));
    }
    return all;
}

export interface Mutation {
    title: string;
    /** Returns the mutated stack; the baseline passed in is a deep copy. */
    apply: (resources: PlannedResource[]) => PlannedResource[] | void;
    /** The violation expected; omitted with `expectNone`. */
    message?: RegExp;
    /** The mutation is compliant (e.g. outside the tiers that require the rule). */
    expectNone?: boolean;
    tier?: TierName;
    config?: unknown;
}

export interface PolicyCase {
    policy: PlatformPolicy;
    baseline: () => PlannedResource[];
    tier?: TierName;
    mutations: Mutation[];
}

function clone(resources: PlannedResource[]): PlannedResource[] {
    return JSON.parse(JSON.stringify(resources)) as PlannedResource[];
}

export function mutate(baseline: PlannedResource[], mutation: Mutation): PlannedResource[] {
    const copy = clone(baseline);
    return mutation.apply(copy) ?? copy;
}

function find(resources: PlannedResource[], name: string): PlannedResource {
    const found = resources.find((candidate) => candidate.name === name);
    if (!found) {
        throw new Error(`fixture has no resource named ${name}`);
    }
    return found;
}

/** Sets `inputs.<path>` (dotted, numeric segments index arrays) on the named resource; undefined deletes. */
export function set(name: string, path: string, value: unknown): Mutation["apply"] {
    return (resources) => {
        const target = find(resources, name);
        const keys = path.split(".");
        let node = (target.inputs ??= {}) as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) {
            node[key] ??= /^\d+$/.test(key) ? [] : {};
            node = node[key] as Record<string, unknown>;
        }
        const last = keys[keys.length - 1];
        if (value === undefined) {
            delete node[last];
        } else {
            node[last] = value;
        }
    };
}

/** Sets a field of the planned resource itself (protect, parent, ...). */
export function setResource<K extends keyof PlannedResource>(name: string, key: K, value: PlannedResource[K]): Mutation["apply"] {
    return (resources) => {
        find(resources, name)[key] = value;
    };
}

export function remove(...names: string[]): Mutation["apply"] {
    return (resources) => resources.filter((candidate) => !names.includes(candidate.name));
}

export function add(...extra: PlannedResource[]): Mutation["apply"] {
    return (resources) => [...resources, ...extra];
}

export function all(...steps: Mutation["apply"][]): Mutation["apply"] {
    return (resources) => steps.reduce((current, step) => step(current) ?? current, resources);
}
