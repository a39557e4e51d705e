// Whether a credential input came from a generator in the stack (the random provider) rather
// than a literal in the program or the stack file. Under the engine the input's property
// dependencies say it; an offline plan shows the value redacted and records the dependency.

import type { PolicyResource } from "@pulumi/policy";
import { isProtectedSecret, read } from "./values";

export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

/** Undefined when the input is absent; else whether it is generated (never plain text, fed by a random password). */
export function isGenerated(resource: PolicyResource, key: string): boolean | undefined {
    const value = read(() => resource.props[key]);
    if (value === undefined || value === null || value === "") {
        return undefined;
    }
    if (!isProtectedSecret(value)) {
        return false;
    }
    const fed = resource.propertyDependencies?.[key] ?? [];
    const sources = fed.length > 0 ? fed : resource.dependencies;
    return sources.some((dependency) => dependency.type === RANDOM_PASSWORD);
}
