// Type tokens and readers of the Kubernetes objects around the workloads (Services, Ingress,
// policies, autoscalers, namespaces, RBAC), shared by the rules of this folder.

import type { PolicyResource } from "@pulumi/policy";
import { WORKLOAD_POD_SPECS, WORKLOAD_TYPES } from "../../lib/kubernetes";
import { asRecord, at, isUnknown, Props, read } from "../../lib/values";

export const SERVICE = "kubernetes:core/v1:Service";
export const CNPG_POOLER = "kubernetes:postgresql.cnpg.io/v1:Pooler";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const RESOURCE_QUOTA = "kubernetes:core/v1:ResourceQuota";
export const LIMIT_RANGE = "kubernetes:core/v1:LimitRange";
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
export const POD_DISRUPTION_BUDGET = "kubernetes:policy/v1:PodDisruptionBudget";
export const HORIZONTAL_POD_AUTOSCALER = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
export const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";
export const ROLE_TYPES = ["kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"];
export const BINDING_TYPES = ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"];
export { WORKLOAD_TYPES };

/** A string field, or undefined when absent or unknown during preview. */
export function text(props: unknown, path: string): string | undefined {
    const value = read(() => at(props, path));
    return typeof value === "string" ? value : undefined;
}

/** The object's namespace, or undefined when unknown (preview) or unset. */
export function namespaceOf(resource: Pick<PolicyResource, "props">): string | undefined {
    return text(resource.props, "metadata.namespace");
}

/** The object's own name (metadata.name), falling back to the Pulumi name. */
export function objectName(resource: Pick<PolicyResource, "props" | "name">): string {
    return text(resource.props, "metadata.name") ?? resource.name;
}

export function labelsOf(value: unknown): Record<string, string> {
    const record = asRecord(read(() => value));
    return Object.fromEntries(Object.entries(record ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Whether a label selector's matchLabels all appear in the labels (matchExpressions are not evaluated). */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
    const wanted = labelsOf(at(selector, "matchLabels"));
    return Object.keys(wanted).length > 0 && Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/** The labels of a workload's pods. */
export function podLabelsOf(resource: Pick<PolicyResource, "type" | "props">): Record<string, string> {
    const specPath = WORKLOAD_POD_SPECS[resource.type];
    if (!specPath) {
        return {};
    }
    const templatePath = specPath.replace(/\.spec$/, ".metadata.labels");
    return labelsOf(at(resource.props, resource.type === "kubernetes:core/v1:Pod" ? "metadata.labels" : templatePath));
}

export function isKnown(value: unknown): boolean {
    return !isUnknown(value);
}

export type { Props };
