// What every shared Kubernetes object has in common: where it lives, its labels and the options
// it is registered with. The manifests themselves are plain values built by pure functions;
// only the thin wrappers in index.ts register them.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../../adapter";
import { labelsFor } from "../common";
import { ServiceSpec } from "../../../tiers/types";

/** Where the app's objects go: the cluster's provider and the app namespace. */
export interface ClusterRef {
    provider: k8s.Provider;
    namespace: pulumi.Input<string>;
}

/** What a pure manifest function needs besides the spec: the namespace and the stack's labels. */
export interface ManifestScope {
    namespace: pulumi.Input<string>;
    /** The platform's name: the app.kubernetes.io/instance of every pod. */
    instance: string;
    /** Labels of every object (app.kubernetes.io/part-of, managed-by, the stack's tags). */
    labels: Record<string, string>;
}

export function scopeOf(ctx: AdapterContext, namespace: pulumi.Input<string>): ManifestScope {
    return { namespace, instance: ctx.platform.name, labels: labelsFor(ctx, "workloads") };
}

/** The labels that select one service's pods; never changed once deployed (selectors are immutable). */
export function selectorOf(scope: Pick<ManifestScope, "instance">, service: Pick<ServiceSpec, "name">): Record<string, string> {
    return { "app.kubernetes.io/name": service.name, "app.kubernetes.io/instance": scope.instance };
}

/** An object's metadata: explicit name, namespace and labels. */
export function metadataOf(scope: ManifestScope, name: string, extraLabels: Record<string, string> = {}, annotations?: Record<string, pulumi.Input<string>>): k8s.types.input.meta.v1.ObjectMeta {
    return { name, namespace: scope.namespace, labels: { ...scope.labels, ...extraLabels }, ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}) };
}

/** Children of the component, on the cluster's provider. */
export function k8sOpts(ctx: AdapterContext, provider: k8s.Provider, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, provider, ...extra };
}

/** The replica floor of a service: its own minimum, and at least two pods from production on. */
export function replicaRange(service: Pick<ServiceSpec, "minReplicas" | "maxReplicas">, productionMinReplicas: number): { min: number; max: number } {
    const min = Math.max(service.minReplicas, productionMinReplicas);
    return { min, max: Math.max(min, service.maxReplicas) };
}
