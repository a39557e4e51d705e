// Lookups on a recorded stack that cost, deploy time, diagram and compare all need: resources
// by URN, the platform component a resource belongs to, and dependencies with component
// dependencies expanded to the component's cloud resources (what the Node.js SDK does).

import type { RecordedResource, RecordedStack } from "../synth";

export const COMPONENT_PREFIX = "platform:index:";
export const COMPONENTS = ["Network", "ObjectStore", "Database", "Cache", "AppFleet", "Observability"] as const;

/** A resource the cloud creates: not a component, not a provider, not the stack. */
export function isCloudResource(resource: RecordedResource): boolean {
    return resource.custom && !resource.type.startsWith("pulumi:");
}

export class StackGraph {
    readonly byUrn = new Map<string, RecordedResource>();
    private readonly children = new Map<string, RecordedResource[]>();

    constructor(public readonly result: RecordedStack) {
        for (const resource of result.resources) {
            this.byUrn.set(resource.urn, resource);
            if (resource.parent) {
                this.children.set(resource.parent, [...(this.children.get(resource.parent) ?? []), resource]);
            }
        }
    }

    get resources(): RecordedResource[] {
        return this.result.resources;
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((resource) => resource.type === type);
    }

    /** The nearest platform:index:* ancestor other than Platform itself, e.g. "Database". */
    componentOf(resource: RecordedResource): string {
        let current: RecordedResource | undefined = resource;
        while (current) {
            if (current.type.startsWith(COMPONENT_PREFIX) && current.type !== `${COMPONENT_PREFIX}Platform`) {
                return current.type.slice(COMPONENT_PREFIX.length);
            }
            current = current.parent ? this.byUrn.get(current.parent) : undefined;
        }
        return "(stack)";
    }

    /** Cloud resources under a component or other non-custom resource, at any depth. */
    descendants(urn: string): RecordedResource[] {
        const out: RecordedResource[] = [];
        for (const child of this.children.get(urn) ?? []) {
            out.push(child, ...this.descendants(child.urn));
        }
        return out;
    }

    /**
     * What a resource waits for. Depending on a component means waiting for every resource in
     * it; a child never waits for its parent component, which finishes last, not first.
     */
    dependencies(resource: RecordedResource): RecordedResource[] {
        const out = new Map<string, RecordedResource>();
        for (const urn of resource.dependsOn) {
            const dep = this.byUrn.get(urn);
            if (!dep) {
                continue;
            }
            const expanded = dep.custom ? [dep] : this.descendants(dep.urn).filter((r) => r.custom);
            for (const member of expanded) {
                out.set(member.urn, member);
            }
        }
        return [...out.values()];
    }

    /** Direct dependencies of the given type. */
    dependenciesOfType(resource: RecordedResource, type: string): RecordedResource[] {
        return this.dependencies(resource).filter((dep) => dep.type === type);
    }

    /** Resources that depend directly on this one. */
    dependents(resource: RecordedResource): RecordedResource[] {
        return this.resources.filter((other) => other.dependsOn.includes(resource.urn));
    }
}

/** The region the stack's provider was configured with, if any. */
export function stackRegion(result: RecordedStack): string | undefined {
    // AWS and GCP providers take a region, azure-native a location.
    const provider = result.resources.find((r) => r.type.startsWith("pulumi:providers:") && typeof (r.inputs.region ?? r.inputs.location) === "string");
    return (provider?.inputs.region ?? provider?.inputs.location) as string | undefined;
}
