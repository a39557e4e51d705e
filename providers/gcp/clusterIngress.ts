// The GKE Ingress of the public web services, configured as the VM fleet's load balancer is:
// the same Cloud Armor policy and readiness health check on each backend (BackendConfig), the
// same TLS 1.2+ policy and HTTP -> HTTPS redirect (FrontendConfig), a Google-managed
// certificate for the domain (ManagedCertificate) or the self-signed one without a domain, and
// the reserved global address the DNS records and the uptime check know. Manifests are plain
// values; clusterFleet.ts registers them.

import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../tiers/types";
import { EgressRule, IngressSetup, PolicyPeer } from "../kubernetes/workloads/types";
import { GOOGLE_FRONT_ENDS, MEMORYSTORE_TLS_PORT } from "./firewall";

/** GKE's Ingress controller: an external Application Load Balancer per Ingress. */
export const GKE_INGRESS_CLASS = "gce";
export const FRONTEND_CONFIG_NAME = "public-frontend";
export const MANAGED_CERTIFICATE_NAME = "public-certificate";
/** The load balancer's idle timeout and connection draining, as the VM fleet's backend services. */
const BACKEND_TIMEOUT_SECONDS = 60;
const DRAINING_SECONDS = 30;

export interface CustomObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: pulumi.Input<string>; labels?: Record<string, string> };
    spec: Record<string, unknown>;
}

export function backendConfigName(service: Pick<ServiceSpec, "name">): string {
    return `${service.name}-backend`;
}

/**
 * A public service's backend: Cloud Armor (when the tier has a WAF), the ready path checked as
 * the VM fleet's load balancer checks it (10 s, 2 up, 3 down), request logging, and draining.
 */
export function backendConfigManifest(namespace: pulumi.Input<string>, service: ServiceSpec, securityPolicy: pulumi.Input<string> | undefined, labels: Record<string, string> = {}): CustomObject {
    if (!service.port) {
        throw new Error(`service ${service.name} has no port: only web services sit behind the Ingress`);
    }
    return {
        apiVersion: "cloud.google.com/v1",
        kind: "BackendConfig",
        metadata: { name: backendConfigName(service), namespace, labels },
        spec: {
            ...(securityPolicy ? { securityPolicy: { name: securityPolicy } } : {}),
            healthCheck: { type: "HTTP", requestPath: service.readyPath, port: service.port, checkIntervalSec: 10, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
            logging: { enable: true, sampleRate: 1 },
            timeoutSec: BACKEND_TIMEOUT_SECONDS,
            connectionDraining: { drainingTimeoutSec: DRAINING_SECONDS },
        },
    };
}

/** The SSL policy the VM fleet's HTTPS proxy uses, and port 80 answering with a permanent redirect. */
export function frontendConfigManifest(namespace: pulumi.Input<string>, sslPolicy: pulumi.Input<string>, labels: Record<string, string> = {}): CustomObject {
    return {
        apiVersion: "networking.gke.io/v1beta1",
        kind: "FrontendConfig",
        metadata: { name: FRONTEND_CONFIG_NAME, namespace, labels },
        spec: { sslPolicy, redirectToHttps: { enabled: true, responseCodeName: "MOVED_PERMANENTLY_DEFAULT" } },
    };
}

export function managedCertificateManifest(namespace: pulumi.Input<string>, domains: string[], labels: Record<string, string> = {}): CustomObject {
    return { apiVersion: "networking.gke.io/v1", kind: "ManagedCertificate", metadata: { name: MANAGED_CERTIFICATE_NAME, namespace, labels }, spec: { domains } };
}

/** The annotations that put a public Service behind its BackendConfig, through network endpoint groups (pods as backends). */
export function serviceAnnotationsFor(service: ServiceSpec, publicServices: readonly ServiceSpec[]): Record<string, string> {
    if (!publicServices.some((candidate) => candidate.name === service.name)) {
        return {};
    }
    return { "cloud.google.com/neg": JSON.stringify({ ingress: true }), "cloud.google.com/backend-config": JSON.stringify({ default: backendConfigName(service) }) };
}

/** The Ingress: its reserved address, its frontend and its certificate (managed with a domain, pre-shared without). */
export function gkeIngressSetup(addressName: pulumi.Input<string>, certificate: { managed: true } | { preShared: pulumi.Input<string> }): IngressSetup {
    return {
        className: GKE_INGRESS_CLASS,
        annotations: {
            "kubernetes.io/ingress.global-static-ip-name": addressName,
            "networking.gke.io/v1beta1.FrontendConfig": FRONTEND_CONFIG_NAME,
            ...("managed" in certificate ? { "networking.gke.io/managed-certificates": MANAGED_CERTIFICATE_NAME } : { "ingress.gcp.kubernetes.io/pre-shared-cert": certificate.preShared }),
        },
        // Container-native load balancing: Google's front ends and health checkers open the connections to the pods.
        sources: GOOGLE_FRONT_ENDS.map((cidr): PolicyPeer => ({ ipBlock: { cidr } })),
    };
}

/** The RFC 1918 ranges: "the internet" for HTTPS egress is everything but these. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
/** The GKE metadata server answers Workload Identity on these (Dataplane V2 serves 988 on .252). */
export const METADATA_SERVER = [
    { cidr: "169.254.169.254/32", port: 80 },
    { cidr: "169.254.169.252/32", port: 988 },
];

/**
 * Where pods may connect outside their namespace, as the VM fleet's firewall lets the app tier:
 * PostgreSQL in the private services range; Memorystore's TLS port there, or Redis Cluster's
 * Private Service Connect endpoints in the data subnetwork (its shard ports span 11000-13047,
 * which the VPC firewall limits); HTTPS to Google APIs; the metadata server for their identity.
 */
export function gkeEgressRules(ranges: { privateServices: pulumi.Input<string>; data: pulumi.Input<string> }, databasePort: number, cacheClusterMode: boolean, poolPort?: number): EgressRule[] {
    // Cloud SQL's managed pool answers on the instance's address, on its own port.
    const databasePorts = [databasePort, ...(poolPort && poolPort !== databasePort ? [poolPort] : [])];
    return [
        { purpose: "database", to: [{ ipBlock: { cidr: ranges.privateServices } }], ports: databasePorts.map((port) => ({ port })) },
        cacheClusterMode
            ? { purpose: "cache", to: [{ ipBlock: { cidr: ranges.data } }], ports: [] }
            : { purpose: "cache", to: [{ ipBlock: { cidr: ranges.privateServices } }], ports: [{ port: MEMORYSTORE_TLS_PORT }] },
        { purpose: "google-apis", to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }], ports: [{ port: 443 }] },
        { purpose: "workload-identity", to: METADATA_SERVER.map(({ cidr }) => ({ ipBlock: { cidr } })), ports: METADATA_SERVER.map(({ port }) => ({ port })) },
    ];
}
