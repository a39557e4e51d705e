// The public entry of an existing cluster: ingress-nginx (when the stack's ingress class is
// "nginx"; otherwise the cluster's own controller of that class) and the cert-manager issuer
// of the Ingress's certificate. Values and manifests are pure so the tests read them as plain
// objects.

import { AppFleetSpec } from "../../tiers/types";

export const INGRESS_NGINX_CHART = {
    chart: "ingress-nginx",
    // 4.14.1 ships controller v1.14.1, past the admission-webhook fixes of CVE-2025-1974.
    version: "4.14.1",
    repo: "https://kubernetes.github.io/ingress-nginx",
} as const;

/** Let's Encrypt's production directory: browsers trust what it issues. */
export const ACME_SERVER = "https://acme-v02.api.letsencrypt.org/directory";

/** The documents' WAF rule is 2,000 requests per 5 minutes per client address. */
export const RATE_LIMIT_WINDOW_MINUTES = 5;

/** The controller's replicas: as many as the web services' minimum, capped at 2 (from staging up: 2). */
export function controllerReplicas(fleet: Pick<AppFleetSpec, "services">): number {
    const web = fleet.services.filter((service) => service.kind === "web").map((service) => service.minReplicas);
    return Math.min(2, Math.max(1, ...web));
}

/**
 * Requests per minute per client address each controller replica admits: nginx counts per
 * replica, so the documents' per-address budget is shared between the replicas.
 */
export function perReplicaRequestsPerMinute(fleet: Pick<AppFleetSpec, "services" | "waf">): number {
    return Math.max(1, Math.floor(fleet.waf.rateLimitPerIp / RATE_LIMIT_WINDOW_MINUTES / controllerReplicas(fleet)));
}

/** The Ingress's annotations for ingress-nginx: HTTPS only, and the per-address rate limit where the tier has a WAF. */
export function nginxIngressAnnotations(fleet: Pick<AppFleetSpec, "services" | "waf">): Record<string, string> {
    return {
        "nginx.ingress.kubernetes.io/ssl-redirect": "true",
        "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
        ...(fleet.waf.enabled
            ? {
                  "nginx.ingress.kubernetes.io/limit-rpm": String(perReplicaRequestsPerMinute(fleet)),
                  // No burst above the rate: the budget is the documents' number, not five times it.
                  "nginx.ingress.kubernetes.io/limit-burst-multiplier": "1",
              }
            : {}),
    };
}

/** Hardened values of the ingress-nginx chart. */
export function ingressNginxValues(fleet: Pick<AppFleetSpec, "services" | "waf" | "http2">, className: string): Record<string, unknown> {
    const replicas = controllerReplicas(fleet);
    return {
        controller: {
            replicaCount: replicas,
            ingressClass: className,
            ingressClassResource: { name: className, enabled: true, default: false, controllerValue: `k8s.io/ingress-${className}` },
            // Snippets run arbitrary nginx configuration from any Ingress author (CVE-2021-25742).
            allowSnippetAnnotations: false,
            config: {
                "ssl-protocols": "TLSv1.2 TLSv1.3",
                "ssl-redirect": "true",
                "force-ssl-redirect": "true",
                hsts: "true",
                "hsts-max-age": "31536000",
                "hsts-include-subdomains": "true",
                "use-http2": fleet.http2 ? "true" : "false",
                "server-tokens": "false",
                "limit-req-status-code": "429",
                "limit-conn-status-code": "429",
                // The client address the rate limit counts is the connection's, never a header the client sets.
                "use-forwarded-headers": "false",
            },
            service: { type: "LoadBalancer", externalTrafficPolicy: "Local" },
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
            // Prometheus scrapes the controller's request counts and latencies (the 5xx and p95 alerts).
            metrics: { enabled: true, serviceMonitor: { enabled: false } },
            ...(replicas > 1 ? { minAvailable: 1 } : {}),
            podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
            admissionWebhooks: { enabled: true },
        },
        defaultBackend: { enabled: false },
    };
}

type ClusterIssuerManifest = { apiVersion: string; kind: string; metadata: { name: string; labels: Record<string, string> }; spec: Record<string, unknown> };

/**
 * The ClusterIssuer of the Ingress's certificate. With a domain: Let's Encrypt, answering the
 * http-01 challenge through the ingress class. Without one: the platform CA (a Secret in
 * cert-manager's namespace), so a browser that trusts that one CA trusts the local platform.
 */
export function clusterIssuerManifest(name: string, labels: Record<string, string>, fleet: Pick<AppFleetSpec, "domain">, className: string, email: string | undefined, caSecretName: string): ClusterIssuerManifest {
    const spec = fleet.domain
        ? {
              acme: {
                  server: ACME_SERVER,
                  ...(email ? { email } : {}),
                  privateKeySecretRef: { name: `${name}-account` },
                  solvers: [{ http01: { ingress: { ingressClassName: className } } }],
              },
          }
        : { ca: { secretName: caSecretName } };
    return { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name, labels }, spec };
}
