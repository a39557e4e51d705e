// Names the cluster gives the platform's objects, and the limits the API server enforces on
// them: a namespace or object name is a DNS label (RFC 1123, at most 63 characters, lower-case
// letters, digits and '-'), a Helm release name at most 53 characters (Helm appends suffixes).

import { PlatformSpec } from "../../tiers/types";

export const DNS_LABEL_MAX = 63;
export const HELM_RELEASE_MAX = 53;

/** The longest suffix the adapter appends to the platform name for a namespace or an object. */
const LONGEST_OBJECT_SUFFIX = "-monitoring";
/** The longest suffix of a Helm release the adapter installs (`<platform>-ingress-nginx`). */
const LONGEST_RELEASE_SUFFIX = "-ingress-nginx";

/** The services' namespace: quota, limits and default-deny policies. */
export function appNamespaceName(platformName: string): string {
    return platformName;
}

/** PostgreSQL, Redis and the object store. */
export function dataNamespaceName(platformName: string): string {
    return `${platformName}-data`;
}

/** kube-prometheus-stack, its rules and dashboards. */
export function monitoringNamespaceName(platformName: string): string {
    return `${platformName}-monitoring`;
}

/** Where the ingress controller's pods run: the workloads admit traffic from them only. */
export function ingressNamespaceName(platformName: string): string {
    return `${platformName}-ingress`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Problems with the names derived from the stack, each naming the stack and the limit. */
export function validateNames(spec: PlatformSpec): string[] {
    const problems: string[] = [];
    const name = spec.name;
    if (!DNS_LABEL.test(name)) {
        problems.push(
            `platform:cloud: kubernetes: the platform name "${name}" (project-stack) must be a DNS label (lower-case letters, digits and '-', starting and ending with a letter or digit) to name the stack's namespaces; rename the stack`,
        );
    }
    const longestObject = `${name}${LONGEST_OBJECT_SUFFIX}`;
    if (longestObject.length > DNS_LABEL_MAX) {
        problems.push(
            `platform:cloud: kubernetes: the platform name "${name}" makes the namespace "${longestObject}" ${longestObject.length} characters long; Kubernetes names are at most ${DNS_LABEL_MAX}: use a stack name of at most ${DNS_LABEL_MAX - LONGEST_OBJECT_SUFFIX.length - (name.length - stackPart(spec).length)} characters`,
        );
    }
    const longestRelease = `${name}${LONGEST_RELEASE_SUFFIX}`;
    if (longestRelease.length > HELM_RELEASE_MAX) {
        problems.push(
            `platform:cloud: kubernetes: the platform name "${name}" makes the Helm release "${longestRelease}" ${longestRelease.length} characters long; Helm release names are at most ${HELM_RELEASE_MAX}: use a stack name of at most ${HELM_RELEASE_MAX - LONGEST_RELEASE_SUFFIX.length - (name.length - stackPart(spec).length)} characters`,
        );
    }
    return problems;
}

/** The stack's part of `${project}-${stack}` (the environment tag), else the whole name. */
function stackPart(spec: PlatformSpec): string {
    const stack = spec.tags.environment;
    return stack && spec.name.endsWith(stack) ? stack : spec.name;
}
