// The escape hatch every adapter offers: `overrides.<component>.<cloud>` from the stack file,
// merged last into the args of the component's primary resource, so a team is never blocked
// by the abstraction.

import { Cloud, ComponentName } from "../config/types";
import { PlatformSpec } from "../tiers/types";

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (lists, scalars) in `extra` replaces the base value. */
export function deepMerge(base: Plain, extra: Plain): Plain {
    const merged: Plain = { ...base };
    for (const [key, value] of Object.entries(extra)) {
        const current = merged[key];
        merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
    }
    return merged;
}

/** `args` with the stack's overrides for this component on this cloud merged in last. */
export function mergeOverrides<T extends object>(platform: PlatformSpec, component: ComponentName, cloud: Cloud, args: T): T {
    const extra = platform.overrides[component]?.[cloud];
    return extra ? (deepMerge(args as Plain, extra) as T) : args;
}
