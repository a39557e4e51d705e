// Specs and a cluster for the workload manifests, resolved from stack configs without the
// engine: the manifests are pure functions of them.

import { parseConfig } from "../../config";
import { readStackFile } from "../../tools/stackFile";
import { StackConfig } from "../../tools/synth";
import { PlatformSpec, resolvePlatformSpec } from "../../tiers";
import { ManifestScope } from "../../providers/kubernetes/workloads/common";
import { PodPlacement } from "../../providers/kubernetes/workloads/deployment";
import { IngressSetup } from "../../providers/kubernetes/workloads/types";
import { tierConfig } from "../helpers/stacks";

export function platformOf(stack: string, config: StackConfig): PlatformSpec {
    const raw = Object.fromEntries(Object.entries(config).map(([key, value]) => [key.replace(/^platform:/, ""), value]));
    return resolvePlatformSpec(parseConfig(raw), "platform", stack);
}

/** The LMS document's production-large stack: one web service on /api/health and /api/ready, a worker. */
export const LMS = platformOf("lms", tierConfig("production-large", { runtime: "kubernetes" }));
/** The idea-management stack as shipped (API on /health and /ready, a Celery worker), on Kubernetes. */
export const IDEATION = platformOf("ideation", { ...readStackFile("Pulumi.ideation.yaml"), "platform:runtime": "kubernetes" });
/** A development stack: one replica allowed, no domain. */
export const DEV = platformOf("dev", withoutDomain(tierConfig("development", { runtime: "kubernetes" })));

function withoutDomain(config: StackConfig): StackConfig {
    const { domain: _domain, ...rest } = config;
    return rest;
}

export const NAMESPACE = "platform-prod";

export function scopeFor(platform: PlatformSpec): ManifestScope {
    return { namespace: NAMESPACE, instance: platform.name, labels: { "app.kubernetes.io/part-of": platform.name, "app.kubernetes.io/managed-by": "pulumi" } };
}

export const ROLE_ARN = "arn:aws:iam::123456789012:role/platform-prod-web";

export const PLACEMENT: PodPlacement = {
    zoneTopologyKey: "topology.kubernetes.io/zone",
    zones: 3,
    identity: (service) => ({ serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": `${ROLE_ARN}-${service.name}` }, podLabels: {}, automountServiceAccountToken: true }),
    environmentSecret: (service) => `${service.name}-env`,
    certificates: { kind: "ConfigMap", name: "platform-certs" },
};

export const NGINX: IngressSetup = {
    className: "nginx",
    annotations: { "nginx.ingress.kubernetes.io/force-ssl-redirect": "true" },
    tls: { secretName: "public-tls", clusterIssuer: "platform-issuer" },
    sources: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } } }],
};
