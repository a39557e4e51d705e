// Wall time of `pulumi up` on a fresh stack: the engine starts a create as soon as everything it
// waits for is done, so the time is the longest chain of create times through the recorded
// dependency graph (the critical path). Create times per type: tools/createTimes.json.
//
// Some resources also wait for things the engine does not know about: an Auto Scaling group's
// instances boot at once but hold in their launch hook until the platform's credentials exist
// (written once the database is up), and the group is only complete when they serve. A case's
// `bootWait` models that: the resource finishes no earlier than the last resource of the named
// types plus the minutes it takes from there to serving.

import type { RecordedResource, SynthResult } from "../synth";
import createTimes from "../createTimes.json";
import { minutes as fmtMinutes, table } from "./format";
import { isCloudResource, StackGraph } from "./graph";

export interface CreateTimeCase {
    /** Recorded inputs that select this case: a value, or "present". */
    when?: Record<string, unknown>;
    range: number[];
    minutes: number;
    evidence: string;
    source: string;
    why?: string;
    /** Instances of this resource wait at boot for resources of these types, then need `minutes`. */
    bootWait?: { types: string[]; minutes: number; source: string };
    /** The platform serves once every resource of a serving case has finished. */
    serves?: boolean;
}

export interface CreateTimeTable {
    componentMinutes: number;
    defaultCase: CreateTimeCase;
    types: Record<string, CreateTimeCase[]>;
}

export const CREATE_TIMES = createTimes as CreateTimeTable;

export interface PathStep {
    urn: string;
    type: string;
    minutes: number;
    startsAt: number;
    finishesAt: number;
}

export interface DeployEstimate {
    estimatedMinutes: number;
    /** URNs from the first resource to the last one to finish. */
    criticalPath: string[];
    slowestResource: string;
    slowestMinutes: number;
    /** The critical path with the timing of each step. */
    steps: PathStep[];
    /** Types without an entry in the table, timed with its default case. */
    untimedTypes: string[];
    /** When the last serving resource (the app fleets) is ready: what users wait for. */
    servingMinutes?: number;
}

export interface DeployOptions {
    times?: CreateTimeTable;
    /** What-if analysis: drop the edge "from waits for on" when this returns true. */
    ignoreDependency?: (from: RecordedResource, on: RecordedResource) => boolean;
}

/** An input by its dotted path ("settings.availabilityType"). */
function inputAt(inputs: Record<string, unknown>, path: string): unknown {
    return path.split(".").reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined), inputs);
}

function matches(inputs: Record<string, unknown>, when: Record<string, unknown> = {}): boolean {
    return Object.entries(when).every(([key, expected]) => {
        const actual = inputAt(inputs, key);
        return expected === "present" ? actual !== undefined && actual !== null && actual !== "" : actual === expected;
    });
}

function caseOf(resource: RecordedResource, times: CreateTimeTable): CreateTimeCase | undefined {
    return times.types[resource.type]?.find((candidate) => matches(resource.inputs, candidate.when));
}

/** Typical create minutes of one resource; components, providers and the stack take none. */
export function createMinutes(resource: RecordedResource, times: CreateTimeTable = CREATE_TIMES): { minutes: number; known: boolean; source?: string } {
    if (!isCloudResource(resource)) {
        return { minutes: times.componentMinutes, known: true };
    }
    const found = caseOf(resource, times);
    if (!found) {
        return { minutes: times.defaultCase.minutes, known: false, source: times.defaultCase.source };
    }
    return { minutes: found.minutes, known: true, source: found.source };
}

export function estimateDeploy(result: SynthResult, options: DeployOptions = {}): DeployEstimate {
    const graph = new StackGraph(result);
    const times = options.times ?? CREATE_TIMES;
    const own = new Map<string, number>();
    const untimed = new Set<string>();
    for (const resource of result.resources) {
        const timed = createMinutes(resource, times);
        own.set(resource.urn, timed.minutes);
        if (!timed.known) untimed.add(resource.type);
    }
    const waitsFor = new Map<string, RecordedResource[]>();
    for (const resource of result.resources) {
        const deps = graph.dependencies(resource).filter((dep) => !options.ignoreDependency?.(resource, dep));
        waitsFor.set(resource.urn, deps);
    }
    // What each resource's instances wait for at boot (bootWait), by type.
    const bootWaits = new Map<string, { on: RecordedResource[]; minutes: number }>();
    for (const resource of result.resources) {
        const wait = isCloudResource(resource) ? caseOf(resource, times)?.bootWait : undefined;
        if (wait) {
            bootWaits.set(resource.urn, { on: result.resources.filter((other) => wait.types.includes(other.type)), minutes: wait.minutes });
        }
    }
    // Longest path by memoised depth-first search; the recorded graph is acyclic (the engine
    // refuses cycles), the guard only turns a broken recording into a clear error.
    const finish = new Map<string, number>();
    const visiting = new Set<string>();
    const finishOf = (resource: RecordedResource): number => {
        const known = finish.get(resource.urn);
        if (known !== undefined) return known;
        if (visiting.has(resource.urn)) throw new Error(`dependency cycle through ${resource.urn}`);
        visiting.add(resource.urn);
        const start = Math.max(0, ...(waitsFor.get(resource.urn) ?? []).map(finishOf));
        const boot = bootWaits.get(resource.urn);
        const bootReady = boot && boot.on.length ? Math.max(...boot.on.map(finishOf)) + boot.minutes : 0;
        visiting.delete(resource.urn);
        const value = Math.max(start + (own.get(resource.urn) ?? 0), bootReady);
        finish.set(resource.urn, value);
        return value;
    };
    const ordered = [...result.resources].sort((a, b) => a.urn.localeCompare(b.urn));
    ordered.forEach(finishOf);
    /** What a resource waited for last: a dependency, or what its instances waited for at boot. */
    const predecessors = (resource: RecordedResource): RecordedResource[] => {
        const boot = bootWaits.get(resource.urn);
        const deps = waitsFor.get(resource.urn) ?? [];
        const start = Math.max(0, ...deps.map(finishOf));
        const bootWon = boot && boot.on.length && finishOf(resource) > start + (own.get(resource.urn) ?? 0) + 1e-9;
        return bootWon ? boot.on : deps;
    };

    const latest = (candidates: RecordedResource[]): RecordedResource | undefined =>
        candidates.reduce<RecordedResource | undefined>((best, r) => (!best || finishOf(r) > finishOf(best) ? r : best), undefined);
    const steps: PathStep[] = [];
    let current = latest(ordered);
    while (current) {
        const end = finishOf(current);
        const previous = latest(predecessors(current));
        const length = previous ? end - finishOf(previous) : end;
        steps.unshift({ urn: current.urn, type: current.type, minutes: round(length), startsAt: round(end - length), finishesAt: round(end) });
        current = previous;
    }
    const serving = ordered.filter((resource) => isCloudResource(resource) && caseOf(resource, times)?.serves);
    const slowest = ordered.reduce((best, r) => ((own.get(r.urn) ?? 0) > (own.get(best.urn) ?? 0) ? r : best), ordered[0]);
    return {
        estimatedMinutes: round(steps.length ? steps[steps.length - 1].finishesAt : 0),
        criticalPath: steps.map((step) => step.urn),
        slowestResource: slowest?.urn ?? "",
        slowestMinutes: own.get(slowest?.urn ?? "") ?? 0,
        steps,
        untimedTypes: [...untimed].sort(),
        ...(serving.length ? { servingMinutes: round(Math.max(...serving.map(finishOf))) } : {}),
    };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

export function formatDeploy(estimate: DeployEstimate): string {
    const rows = [["start", "finish", "takes", "resource", "type"]];
    for (const step of estimate.steps.filter((s) => s.minutes > 0)) {
        rows.push([fmtMinutes(step.startsAt), fmtMinutes(step.finishesAt), fmtMinutes(step.minutes), nameOf(step.urn), step.type]);
    }
    const serving =
        estimate.servingMinutes !== undefined
            ? ` The app fleets serve at ${fmtMinutes(estimate.servingMinutes)} (${(estimate.servingMinutes / Math.max(estimate.slowestMinutes, 1e-9)).toFixed(2)}x the slowest resource).`
            : "";
    const lines = [
        `Estimated deploy time (fresh stack): ${fmtMinutes(estimate.estimatedMinutes)}; slowest single resource: ${nameOf(estimate.slowestResource)} (${fmtMinutes(estimate.slowestMinutes)}).${serving}`,
        "Critical path:",
        table(rows)
            .split("\n")
            .map((line) => `  ${line}`)
            .join("\n"),
        "Typical create times from tools/createTimes.json (sourced, midpoints); provider start-up and checkpointing add well under a minute.",
    ];
    if (estimate.untimedTypes.length) {
        lines.push(`No create time for: ${estimate.untimedTypes.join(", ")} (counted with the default).`);
    }
    return lines.join("\n");
}
