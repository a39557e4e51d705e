// References between GCP resources for stack policies. An input holds the target's id, its
// self link (".../global/urlMaps/<name>") or its name; under the engine the property
// dependencies decide, and an offline plan falls back on the source depending on the target.

import type { PolicyResource } from "@pulumi/policy";
import { ofType, refersTo } from "../../lib/graph";
import { asArray, isUnknown, read } from "../../lib/values";

function endsWithName(value: string, target: PolicyResource): boolean {
    const name = read(() => target.props.name);
    return typeof name === "string" && name !== "" && (value === name || value.endsWith(`/${name}`));
}

/** Whether `source.props[key]` refers to `target`. */
export function refersToGcp(source: PolicyResource, key: string, target: PolicyResource): boolean {
    if (refersTo(source, key, target)) {
        return true;
    }
    const raw = read(() => source.props[key]);
    const dependsOnTarget = source.dependencies.some((dependency) => dependency.urn === target.urn);
    if (isUnknown(raw) || raw === undefined || raw === "[unknown]") {
        return dependsOnTarget;
    }
    return asArray(raw).some((item) => typeof item === "string" && endsWithName(item, target));
}

/** The resources of `types` that `source.props[key]` refers to. */
export function targetsOf(resources: PolicyResource[], source: PolicyResource, key: string, ...types: string[]): PolicyResource[] {
    return ofType(resources, ...types).filter((target) => refersToGcp(source, key, target));
}
