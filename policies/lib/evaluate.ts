// Runs the pack without the Pulumi engine, the way the policy server does
// (@pulumi/policy server.js): props wrapped in the unknown-checking proxy, every function of a
// `validateResource` array run on its own and awaited, "not applicable" skipped, a value unknown
// during preview turned into an advisory "can't run" diagnostic, getConfig() returning the
// reconciled config without its level, stack policies given every resource with its parent
// and dependencies. Used by the offline runner (tools/policy.ts), `npm run plan` and the tests.

import * as policySdk from "@pulumi/policy";
import type {
    EnforcementLevel,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { reconcilePolicyConfig, ReconciledConfig } from "./config";
import { isTierName, TierName, tierOfResources } from "./tiers";
import { isStackPolicy, PlatformPolicy, PlatformResourcePolicy, PlatformStackPolicy } from "./types";
import { UNKNOWN_PLACEHOLDER } from "./values";

/** A resource as `npm run plan -- <stack> --json` lists it; only type, name and inputs are required. */
export interface PlannedResource {
    type: string;
    name: string;
    inputs?: Record<string, unknown>;
    urn?: string;
    parent?: string | null;
    dependsOn?: string[];
    protect?: boolean;
    /** Input name -> URNs that fed it; the engine knows them, a plan does not. */
    propertyDependencies?: Record<string, string[]>;
}

export type ViolationLevel = "advisory" | "mandatory";

export interface Violation {
    policy: string;
    level: ViolationLevel;
    type: string;
    name: string;
    message: string;
    urn?: string;
}

export interface RunOptions {
    /** Reconciled config; defaults to the policies' own levels and schema defaults. */
    config?: ReconciledConfig;
    stackTags?: ReadonlyMap<string, string>;
}

/** The unknown-string sentinel of the engine's wire format; a plan prints it as "[unknown]". */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Proxy = (value: unknown) => Record<string, unknown>;
const unknownCheckingProxy: Proxy = (policySdk as unknown as { unknownCheckingProxy: Proxy }).unknownCheckingProxy;
const UnknownValueError: new (...args: never[]) => Error = (policySdk as unknown as { UnknownValueError: new (...args: never[]) => Error }).UnknownValueError;

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

/** Puts the engine's unknown sentinel back where a plan printed "[unknown]". */
function toEngineValue(value: unknown): unknown {
    if (value === UNKNOWN_PLACEHOLDER) {
        return UNKNOWN_STRING;
    }
    if (Array.isArray(value)) {
        return value.map(toEngineValue);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toEngineValue(item)]));
    }
    return value;
}

export function urnOf(resource: PlannedResource): string {
    return resource.urn ?? `urn:pulumi:offline::offline::${resource.type}::${resource.name}`;
}

function optionsOf(resource: PlannedResource): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: resource.protect === true,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent) {
        opts.parent = resource.parent;
    }
    return opts;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: string; isInstance?: (obj: unknown) => boolean };
    if (typeof cls?.__pulumiType === "string") {
        return cls.__pulumiType === type;
    }
    return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function levelOf(policy: PlatformPolicy, config: ReconciledConfig | undefined): EnforcementLevel {
    const level = config?.[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
    // The server reports remediate-level violations of validations as mandatory.
    return level === "remediate" ? "mandatory" : level;
}

function configOf(policy: PlatformPolicy, config: ReconciledConfig | undefined): () => Record<string, unknown> {
    const properties = config?.[policy.name]?.properties ?? reconcilePolicyConfig([policy])[policy.name].properties;
    return () => ({ ...properties });
}

function cantRun(policy: PlatformPolicy, err: Error): string {
    return `can't run policy '${policy.name}' during preview: ${err.message}`;
}

/** Runs one resource policy on one resource; the violations it reports. */
export async function runResourcePolicy(policy: PlatformResourcePolicy, resource: PlannedResource, options: RunOptions = {}): Promise<Violation[]> {
    const level = levelOf(policy, options.config);
    if (level === "disabled" || !policy.validateResource) {
        return [];
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    if (validations.length === 1) {
        const only = (validations[0] as unknown as { __pulumiType?: string }).__pulumiType;
        if (only && only !== resource.type) {
            return [];
        }
    }
    const urn = urnOf(resource);
    const violations: Violation[] = [];
    const report = (message: string, at: string = urn): void => {
        violations.push({ policy: policy.name, level: level as ViolationLevel, type: resource.type, name: resource.name, message, urn: at });
    };
    const getConfig = configOf(policy, options.config);
    for (const validation of validations) {
        const props = unknownCheckingProxy(toEngineValue(resource.inputs ?? {}));
        const args: ResourceValidationArgs = {
            type: resource.type,
            props,
            urn,
            name: resource.name,
            opts: optionsOf(resource),
            stackTags: options.stackTags ?? new Map(),
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
            getConfig: getConfig as ResourceValidationArgs["getConfig"],
            notApplicable: throwNotApplicable,
        };
        try {
            await Promise.resolve(validation(args, report));
        } catch (err) {
            if (err instanceof NotApplicable) {
                continue;
            }
            if (err instanceof UnknownValueError) {
                violations.push({ policy: policy.name, level: "advisory", type: resource.type, name: resource.name, message: cantRun(policy, err), urn });
                continue;
            }
            throw new PolicyRunError(`policy ${policy.name} failed on ${resource.type} "${resource.name}": ${(err as Error)?.message ?? String(err)}`);
        }
    }
    return violations;
}

/** The engine's view of a whole stack: parents and dependencies as resource objects. */
export function toPolicyResources(resources: readonly PlannedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map((resource) => {
        const props = unknownCheckingProxy(toEngineValue(resource.inputs ?? {}));
        const policyResource: PolicyResource = {
            type: resource.type,
            props,
            urn: urnOf(resource),
            name: resource.name,
            opts: optionsOf(resource),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(policyResource.urn, policyResource);
        return policyResource;
    });
    resources.forEach((resource, index) => {
        const target = built[index];
        if (resource.parent) {
            target.parent = byUrn.get(resource.parent);
        }
        target.dependencies = (resource.dependsOn ?? []).map((urn) => byUrn.get(urn)).filter((dep): dep is PolicyResource => dep !== undefined);
        for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            target.propertyDependencies[key] = urns.map((urn) => byUrn.get(urn)).filter((dep): dep is PolicyResource => dep !== undefined);
        }
    });
    return built;
}

/** Runs one stack policy once over all resources. */
export async function runStackPolicy(policy: PlatformStackPolicy, resources: readonly PlannedResource[], options: RunOptions = {}): Promise<Violation[]> {
    const level = levelOf(policy, options.config);
    if (level === "disabled") {
        return [];
    }
    const byUrn = new Map(resources.map((resource) => [urnOf(resource), resource]));
    const violations: Violation[] = [];
    const report = (message: string, urn?: string): void => {
        const resource = urn ? byUrn.get(urn) : undefined;
        violations.push({
            policy: policy.name,
            level: level as ViolationLevel,
            type: resource?.type ?? "pulumi:pulumi:Stack",
            name: resource?.name ?? "(stack)",
            message,
            urn,
        });
    };
    const args: StackValidationArgs = {
        resources: toPolicyResources(resources),
        stackTags: options.stackTags ?? new Map(),
        getConfig: configOf(policy, options.config) as StackValidationArgs["getConfig"],
        notApplicable: throwNotApplicable,
    };
    try {
        await Promise.resolve(policy.validateStack(args, report));
    } catch (err) {
        if (err instanceof NotApplicable) {
            return violations;
        }
        if (err instanceof UnknownValueError) {
            return [...violations, { policy: policy.name, level: "advisory", type: "pulumi:pulumi:Stack", name: "(stack)", message: cantRun(policy, err) }];
        }
        throw new PolicyRunError(`policy ${policy.name} failed: ${(err as Error)?.message ?? String(err)}`);
    }
    return violations;
}

/** A policy threw something other than "not applicable" or "unknown": a bug, as the server treats it. */
export class PolicyRunError extends Error {}

export interface EvaluateOptions {
    /** The tier whose config applies (a TierName; anything else throws); default: the resources' `tier` tag, else development. */
    tier?: string;
    /** A config in the engine's format; default: policies/config/<tier>.json. */
    config?: unknown;
    policies?: readonly PlatformPolicy[];
    /** Stack tags; the runner sets `tier` to the tier it evaluates. */
    stackTags?: ReadonlyMap<string, string>;
}

export interface Evaluation {
    tier: TierName;
    violations: Violation[];
}

/** The tier a list of resources belongs to: the most common `tier` tag, else development. */
export function tierOf(resources: readonly PlannedResource[], explicit?: string): TierName {
    if (explicit !== undefined) {
        if (!isTierName(explicit)) {
            throw new Error(`unknown tier "${explicit}"`);
        }
        return explicit;
    }
    return tierOfResources(resources.map((resource) => ({ props: resource.inputs ?? {} }))) ?? "development";
}

/** Every resource policy on every resource, then every stack policy once. */
export async function evaluateWith(
    policies: readonly PlatformPolicy[],
    resources: readonly PlannedResource[],
    config: ReconciledConfig,
    stackTags: ReadonlyMap<string, string>,
): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const policy of policies) {
        if (isStackPolicy(policy)) {
            violations.push(...(await runStackPolicy(policy, resources, { config, stackTags })));
        } else {
            for (const resource of resources) {
                violations.push(...(await runResourcePolicy(policy, resource, { config, stackTags })));
            }
        }
    }
    return violations;
}
