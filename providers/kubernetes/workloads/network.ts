// The allowed paths of the app namespace, on top of its default deny: the ingress controller
// (or the load balancer's addresses) to the public web services' ports, each declared call
// from the caller to the callee's port, and the app pods to what the cluster lists outside
// the namespace (database, cache, object store, queues, cloud APIs).

import * as k8s from "@pulumi/kubernetes";
import { AppFleetSpec, ServiceSpec } from "../../../tiers/types";
import { ManifestScope, metadataOf, selectorOf } from "./common";
import { EgressRule, PolicyPeer } from "./types";

type Manifest<T> = T & { apiVersion: string; kind: string };
type NetworkPolicy = Manifest<k8s.types.input.networking.v1.NetworkPolicy>;

function webPort(service: ServiceSpec): number | undefined {
    return service.kind === "web" ? service.port : undefined;
}

/** Who may reach a web service: the ingress sources when it is public, and the services that call it. */
export function ingressPolicyManifest(scope: ManifestScope, fleet: AppFleetSpec, service: ServiceSpec, ingressSources: PolicyPeer[]): NetworkPolicy | undefined {
    const port = webPort(service);
    if (port === undefined) {
        return undefined;
    }
    const callers = fleet.services.filter((other) => other.calls.includes(service.name));
    const from: PolicyPeer[] = [...(service.public ? ingressSources : []), ...callers.map((caller) => ({ podSelector: { matchLabels: selectorOf(scope, caller) } }))];
    if (from.length === 0) {
        return undefined;
    }
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: metadataOf(scope, `${service.name}-ingress`, selectorOf(scope, service)),
        spec: { podSelector: { matchLabels: selectorOf(scope, service) }, policyTypes: ["Ingress"], ingress: [{ from, ports: [{ port, protocol: "TCP" }] }] },
    };
}

/** A caller's way out to the services it declares in `calls`, and to nothing else in the namespace. */
export function callsPolicyManifest(scope: ManifestScope, fleet: AppFleetSpec, service: ServiceSpec): NetworkPolicy | undefined {
    const callees = service.calls.map((name) => fleet.services.find((other) => other.name === name)).filter((callee): callee is ServiceSpec => callee !== undefined && webPort(callee) !== undefined);
    if (callees.length === 0) {
        return undefined;
    }
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: metadataOf(scope, `${service.name}-calls`, selectorOf(scope, service)),
        spec: {
            podSelector: { matchLabels: selectorOf(scope, service) },
            policyTypes: ["Egress"],
            egress: callees.map((callee) => ({ to: [{ podSelector: { matchLabels: selectorOf(scope, callee) } }], ports: [{ port: webPort(callee)!, protocol: "TCP" }] })),
        },
    };
}

/** Every app pod's way out to one destination outside the namespace. */
export function egressPolicyManifest(scope: ManifestScope, rule: EgressRule): NetworkPolicy {
    const purpose = rule.purpose.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: metadataOf(scope, `allow-${purpose}`, {}, { "platform.io/purpose": rule.purpose }),
        spec: {
            podSelector: { matchLabels: { "app.kubernetes.io/instance": scope.instance } },
            policyTypes: ["Egress"],
            egress: [{ to: rule.to, ports: rule.ports.map((port) => ({ port: port.port, protocol: port.protocol ?? "TCP" })) }],
        },
    };
}
