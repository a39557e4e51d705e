// Joins between resources for stack policies (Checkov's graph checks): "this versioning
// resource belongs to that bucket". Under the engine, `propertyDependencies` says which
// resources fed an input and decides. An offline plan has no property dependencies, only
// values: an input holds the target's id (the offline engine makes ids `${name}-id`), its
// name, or an ARN ending in its name, and the source depends on the target.

import type { PolicyResource } from "@pulumi/policy";
import { asArray, read } from "./values";

/** Strings that identify a resource when another resource's input points at it. */
export function identifiersOf(resource: PolicyResource): Set<string> {
    const ids = new Set<string>([resource.name, `${resource.name}-id`]);
    for (const key of ["id", "arn", "name", "bucket", "identifier", "replicationGroupId"]) {
        const value = read(() => resource.props[key]);
        if (typeof value === "string" && value !== "") {
            ids.add(value);
        }
    }
    return ids;
}

function lastSegment(value: string): string {
    return value.split(/[/:]/).pop() ?? value;
}

/**
 * Whether `source.props[key]` refers to `target`. `value` is the part of the input to match
 * when the reference is nested (e.g. a load balancer's `accessLogs.bucket`).
 */
export function refersTo(source: PolicyResource, key: string, target: PolicyResource, value?: unknown): boolean {
    if (source.propertyDependencies?.[key]?.some((dependency) => dependency.urn === target.urn)) {
        return true;
    }
    const raw = value === undefined ? read(() => source.props[key]) : value;
    const values = asArray(raw).filter((item): item is string => typeof item === "string");
    const ids = identifiersOf(target);
    const dependsOnTarget = source.dependencies.some((dependency) => dependency.urn === target.urn);
    return values.some((item) => ids.has(item) || (dependsOnTarget && item.startsWith("arn:") && ids.has(lastSegment(item))));
}

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((resource) => types.includes(resource.type));
}

/** The resources of `types` whose `key` input refers to `target`. */
export function referrers(resources: PolicyResource[], target: PolicyResource, key: string, ...types: string[]): PolicyResource[] {
    return ofType(resources, ...types).filter((source) => refersTo(source, key, target));
}
