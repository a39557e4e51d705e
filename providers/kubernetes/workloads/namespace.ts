// The app namespace and what it holds before any workload: Pod Security admission at
// "restricted", the tier's ResourceQuota (the LMS document's for production-large), default
// requests and limits for containers that set none, and a default-deny network posture with
// DNS as the only way out.

import * as k8s from "@pulumi/kubernetes";
import { NamespaceQuota } from "../../../tiers/types";
import { ManifestScope, metadataOf } from "./common";

type Manifest<T> = T & { apiVersion: string; kind: string };

/** Pod Security Standards enforced, audited and warned at the same level. */
export const POD_SECURITY_LEVEL = "restricted";

export function namespaceManifest(name: string, labels: Record<string, string>): Manifest<k8s.types.input.core.v1.Namespace> {
    const podSecurity = Object.fromEntries(["enforce", "audit", "warn"].flatMap((mode) => [
        [`pod-security.kubernetes.io/${mode}`, POD_SECURITY_LEVEL],
        [`pod-security.kubernetes.io/${mode}-version`, "latest"],
    ]));
    return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { ...labels, ...podSecurity } } };
}

export function resourceQuotaManifest(scope: ManifestScope, quota: NamespaceQuota): Manifest<k8s.types.input.core.v1.ResourceQuota> {
    return {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: metadataOf(scope, "platform-quota"),
        spec: {
            hard: {
                "requests.cpu": String(quota.requestsCpu),
                "requests.memory": `${quota.requestsMemoryGi}Gi`,
                "limits.cpu": String(quota.limitsCpu),
                "limits.memory": `${quota.limitsMemoryGi}Gi`,
                persistentvolumeclaims: String(quota.persistentVolumeClaims),
            },
        },
    };
}

/**
 * With a quota on requests and limits, a container that sets neither is refused: these defaults
 * let sidecars and debug pods start. Small on purpose: every platform service sets its own.
 */
export const CONTAINER_DEFAULTS = { defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" } };

export function limitRangeManifest(scope: ManifestScope): Manifest<k8s.types.input.core.v1.LimitRange> {
    return {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: metadataOf(scope, "platform-defaults"),
        spec: { limits: [{ type: "Container", defaultRequest: CONTAINER_DEFAULTS.defaultRequest, default: CONTAINER_DEFAULTS.default }] },
    };
}

/** Nothing in, nothing out, for every pod of the namespace; each allowed path is its own policy. */
export function defaultDenyManifest(scope: ManifestScope): Manifest<k8s.types.input.networking.v1.NetworkPolicy> {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: metadataOf(scope, "default-deny"),
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    };
}

/** Name resolution: the cluster DNS pods (k8s-app=kube-dns on EKS, GKE, AKS and kind alike) on port 53. */
export function dnsEgressManifest(scope: ManifestScope): Manifest<k8s.types.input.networking.v1.NetworkPolicy> {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: metadataOf(scope, "allow-dns"),
        spec: {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [
                        { port: 53, protocol: "UDP" },
                        { port: 53, protocol: "TCP" },
                    ],
                },
            ],
        },
    };
}
