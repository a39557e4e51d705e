// Policy pack configuration exactly as the Pulumi engine reconciles it
// (pkg/resource/analyzer/config.go, ReconcilePolicyPackConfig): start from each policy's
// level and its configSchema defaults, apply the pack's initial config, then the given
// config (--policy-pack-config); within one config `all` goes first, then each policy.
// The result is validated against each policy's configSchema, as the engine does.

import type { EnforcementLevel, Policy, PolicyConfigSchema, PolicyPackConfig } from "@pulumi/policy";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface EffectiveConfig {
    enforcementLevel: EnforcementLevel;
    /** What `args.getConfig()` returns: the properties without `enforcementLevel`. */
    properties: Record<string, unknown>;
}

export type ReconciledConfig = Record<string, EffectiveConfig>;

export class PolicyConfigError extends Error {}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

interface ParsedEntry {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** One config file's entries, checked the way the engine parses them. */
export function parsePolicyPackConfig(config: unknown, source = "policy pack config"): Record<string, ParsedEntry> {
    if (config === undefined || config === null) {
        return {};
    }
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new PolicyConfigError(`${source}: must be a JSON object of policy names`);
    }
    const parsed: Record<string, ParsedEntry> = {};
    for (const [name, value] of Object.entries(config as Record<string, unknown>)) {
        if (typeof value === "string") {
            if (!isLevel(value)) {
                throw new PolicyConfigError(`${source}: parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            parsed[name] = { enforcementLevel: value, properties: {} };
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new PolicyConfigError(`${source}: parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
            }
            parsed[name] = { enforcementLevel, properties };
        } else {
            throw new PolicyConfigError(`${source}: parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    return parsed;
}

export function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if ("default" in property) {
            defaults[key] = structuredClone((property as { default: unknown }).default);
        }
    }
    return defaults;
}

function apply(result: ReconciledConfig, entries: Record<string, ParsedEntry>): void {
    const all = entries.all;
    if (all?.enforcementLevel) {
        for (const name of Object.keys(result)) {
            result[name] = { ...result[name], enforcementLevel: all.enforcementLevel };
        }
    }
    for (const [name, entry] of Object.entries(entries)) {
        if (name === "all") {
            continue;
        }
        const current = result[name];
        if (!current) {
            // The engine keeps config for policies the pack does not have; nothing reads it.
            continue;
        }
        result[name] = {
            enforcementLevel: entry.enforcementLevel ?? current.enforcementLevel,
            properties: { ...current.properties, ...entry.properties },
        };
    }
}

type JsonSchema = Record<string, unknown>;

/** The subset of JSON Schema our configSchemas use: type, enum, minimum, maximum, items. */
function validateValue(value: unknown, schema: JsonSchema, path: string, errors: string[]): void {
    const type = schema.type;
    const typeOk =
        type === undefined ||
        (type === "integer" && Number.isInteger(value)) ||
        (type === "number" && typeof value === "number") ||
        (type === "string" && typeof value === "string") ||
        (type === "boolean" && typeof value === "boolean") ||
        (type === "array" && Array.isArray(value)) ||
        (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
    if (!typeOk) {
        errors.push(`${path}: Invalid type. Expected: ${String(type)}, given: ${Array.isArray(value) ? "array" : value === null ? "null" : typeof value}`);
        return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
        errors.push(`${path}: must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`);
    }
    if (typeof value === "number" && typeof schema.minimum === "number" && value < schema.minimum) {
        errors.push(`${path}: Must be greater than or equal to ${schema.minimum}`);
    }
    if (typeof value === "number" && typeof schema.maximum === "number" && value > schema.maximum) {
        errors.push(`${path}: Must be less than or equal to ${schema.maximum}`);
    }
    if (Array.isArray(value) && schema.items && typeof schema.items === "object") {
        value.forEach((item, index) => validateValue(item, schema.items as JsonSchema, `${path}.${index}`, errors));
    }
}

export function validatePolicyConfig(policy: Policy, properties: Record<string, unknown>): string[] {
    const schema = policy.configSchema;
    if (!schema) {
        return [];
    }
    const errors: string[] = [];
    for (const required of schema.required ?? []) {
        if (!(required in properties)) {
            errors.push(`${policy.name}: ${required} is required`);
        }
    }
    for (const [key, value] of Object.entries(properties)) {
        const property = schema.properties[key] as JsonSchema | undefined;
        if (property) {
            validateValue(value, property, `${policy.name}: ${key}`, errors);
        }
    }
    return errors;
}

export interface ReconcileOptions {
    /** The PolicyPack's own `enforcementLevel` (the SDK's default is advisory). */
    packLevel?: EnforcementLevel;
    /** The third argument of the PolicyPack constructor. */
    initialConfig?: PolicyPackConfig;
    /** A `--policy-pack-config` file's content, e.g. policies/config/production-small.json. */
    config?: unknown;
}

/** Every policy's level and getConfig() result, as the engine would hand them to the pack. */
export function reconcilePolicyConfig(policies: readonly Policy[], options: ReconcileOptions = {}): ReconciledConfig {
    const result: ReconciledConfig = {};
    for (const policy of policies) {
        result[policy.name] = {
            enforcementLevel: policy.enforcementLevel ?? options.packLevel ?? "advisory",
            properties: schemaDefaults(policy.configSchema),
        };
    }
    apply(result, parsePolicyPackConfig(options.initialConfig, "initial config"));
    apply(result, parsePolicyPackConfig(options.config));
    const errors = policies.flatMap((policy) => validatePolicyConfig(policy, result[policy.name].properties));
    if (errors.length > 0) {
        throw new PolicyConfigError(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
    }
    return result;
}
