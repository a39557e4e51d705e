// Reads a Pulumi.<stack>.yaml and applies `-c key=value` overrides, the way the offline
// commands see a stack. Pure apart from reading the file.

import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { NAMESPACE } from "../config";
import { StackConfig } from "./synth";

export class UsageError extends Error {}


/** The `config:` map of a stack file; encrypted values cannot be read offline and stay redacted. */
export function readStackFile(file: string): StackConfig {
    if (!fs.existsSync(file)) {
        throw new UsageError(`stack file not found: ${file}`);
    }
    let document: unknown;
    try {
        document = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UsageError(`${file} is not valid YAML: ${(err as Error).message}`);
    }
    const config = (document as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new UsageError(`${file}: "config" must be a map of keys to values`);
    }
    const out: StackConfig = {};
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        out[key] = isSecure ? "[secret]" : value;
    }
    return out;
}

export function defaultStackFile(stack: string, root = process.cwd()): string {
    return path.join(root, `Pulumi.${stack}.yaml`);
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
    const [head, ...rest] = keys;
    if (rest.length === 0) {
        target[head] = value;
        return;
    }
    let child = target[head];
    if (typeof child === "string") {
        try {
            child = JSON.parse(child);
        } catch {
            child = undefined;
        }
    }
    const next = typeof child === "object" && child !== null && !Array.isArray(child) ? { ...(child as Record<string, unknown>) } : {};
    setPath(next, rest, value);
    target[head] = next;
}

/**
 * Applies "key=value" overrides. A key without namespace is the platform's (`cloud` means
 * `platform:cloud`); dots reach into objects (`budget.monthlyUsd=100`); values are read as
 * YAML scalars or flow collections, so numbers, booleans and lists keep their type.
 */
export function applyOverrides(config: StackConfig, overrides: string[]): StackConfig {
    const out: Record<string, unknown> = { ...config };
    for (const override of overrides) {
        const eq = override.indexOf("=");
        if (eq <= 0) {
            throw new UsageError(`-c expects key=value, got "${override}"`);
        }
        const key = override.slice(0, eq).trim();
        const rawValue = override.slice(eq + 1);
        let value: unknown;
        try {
            value = YAML.parse(rawValue);
        } catch {
            value = rawValue;
        }
        const [first, ...rest] = key.split(".");
        const namespaced = first.includes(":") ? first : `${NAMESPACE}:${first}`;
        setPath(out, [namespaced, ...rest], value ?? "");
    }
    return out;
}
