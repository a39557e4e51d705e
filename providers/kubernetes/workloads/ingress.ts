// The one public entry: an Ingress for the public web services, routed as the VM fleet's load
// balancer routes them (providers/aws/loadBalancer.ts): with a domain, the first public service
// at the apex (and api.<domain>) and each other at <name>.<domain>; without one, the first as
// the default backend and each other under /<name>. TLS is the controller's certificate (the
// cluster's annotations) or a Secret cert-manager fills; HTTP only redirects to HTTPS.

import * as k8s from "@pulumi/kubernetes";
import { AppFleetSpec, ServiceSpec } from "../../../tiers/types";
import { ManifestScope, metadataOf } from "./common";
import { IngressSetup } from "./types";

type Manifest<T> = T & { apiVersion: string; kind: string };

export const INGRESS_NAME = "public";
/** What a certificate names when there is no domain: a local cluster reached through localhost. */
export const LOCAL_HOSTS = ["localhost"];

export function publicWebServices(fleet: AppFleetSpec): ServiceSpec[] {
    return fleet.services.filter((service) => service.kind === "web" && service.public && service.port !== undefined);
}

/** Host name -> service, in the VM fleet's order; empty without a domain. */
export function ingressHosts(fleet: AppFleetSpec): { host: string; service: ServiceSpec }[] {
    const services = publicWebServices(fleet);
    const domain = fleet.domain;
    if (!domain || services.length === 0) {
        return [];
    }
    const others = services.slice(1).map((service) => ({ host: `${service.name}.${domain}`, service }));
    const apex = [{ host: domain, service: services[0] }, ...(others.some((entry) => entry.host === `api.${domain}`) ? [] : [{ host: `api.${domain}`, service: services[0] }])];
    return [...apex, ...others];
}

function backend(service: ServiceSpec): k8s.types.input.networking.v1.IngressBackend {
    return { service: { name: service.name, port: { number: service.port! } } };
}

export function ingressManifest(scope: ManifestScope, fleet: AppFleetSpec, setup: IngressSetup): Manifest<k8s.types.input.networking.v1.Ingress> | undefined {
    const services = publicWebServices(fleet);
    if (services.length === 0) {
        return undefined;
    }
    const hosts = ingressHosts(fleet);
    const rules: k8s.types.input.networking.v1.IngressRule[] =
        hosts.length > 0
            ? hosts.map(({ host, service }) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: backend(service) }] } }))
            : services.length > 1
              ? [{ http: { paths: services.slice(1).map((service) => ({ path: `/${service.name}`, pathType: "Prefix", backend: backend(service) })) } }]
              : [];
    const annotations = {
        ...setup.annotations,
        // ingress-shim issues the certificate only for hosts; without a domain the wrapper creates it.
        ...(setup.tls && hosts.length > 0 ? { "cert-manager.io/cluster-issuer": setup.tls.clusterIssuer } : {}),
    };
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: metadataOf(scope, INGRESS_NAME, { "app.kubernetes.io/component": "ingress" }, annotations),
        spec: {
            ingressClassName: setup.className,
            defaultBackend: backend(services[0]),
            ...(rules.length > 0 ? { rules } : {}),
            ...(setup.tls ? { tls: [{ ...(hosts.length > 0 ? { hosts: hosts.map((entry) => entry.host) } : { hosts: LOCAL_HOSTS }), secretName: setup.tls.secretName }] } : {}),
        },
    };
}

/** The Certificate of an Ingress without a domain (cert-manager's ingress-shim needs hosts to issue one). */
export function localCertificateManifest(scope: ManifestScope, setup: IngressSetup): { apiVersion: string; kind: string; metadata: k8s.types.input.meta.v1.ObjectMeta; spec: Record<string, unknown> } | undefined {
    if (!setup.tls) {
        return undefined;
    }
    return {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: metadataOf(scope, setup.tls.secretName),
        spec: {
            secretName: setup.tls.secretName,
            dnsNames: LOCAL_HOSTS,
            issuerRef: { name: setup.tls.clusterIssuer, kind: "ClusterIssuer", group: "cert-manager.io" },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
            duration: "2160h",
            renewBefore: "360h",
        },
    };
}

/** The URL of each service, as every adapter reports it: public web services only. */
export function serviceUrls(fleet: AppFleetSpec, loadBalancerHost: string): Record<string, string> {
    const services = publicWebServices(fleet);
    const base = fleet.domain ? `https://${fleet.domain}` : `https://${loadBalancerHost}`;
    return Object.fromEntries(services.map((service, index) => [service.name, index === 0 ? base : fleet.domain ? `https://${service.name}.${fleet.domain}` : `${base}/${service.name}/`]));
}
