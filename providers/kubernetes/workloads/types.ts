// What the shared workloads (the same Deployment, Service, HPA, PDB, NetworkPolicy, Ingress and
// KEDA objects on EKS, GKE, AKS and any existing cluster) need from the cluster they run on.
// Each cluster adapter (providers/<cloud>/cluster.ts, providers/kubernetes/appFleet.ts) fills
// one WorkloadCluster; workloads/index.ts turns it and the AppFleetSpec into objects.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../../tiers/types";

/** A NetworkPolicy peer, as the API writes it (ipBlock, namespaceSelector and/or podSelector). */
export type PolicyPeer = k8s.types.input.networking.v1.NetworkPolicyPeer;

/** A destination outside the app namespace the services reach (database, cache, object store, queues, cloud APIs). */
export interface EgressRule {
    /** What it is for, written into the policy's annotation: "database", "cache"... */
    purpose: string;
    to: PolicyPeer[];
    ports: { port: number; protocol?: "TCP" | "UDP" }[];
}

/** How the public Ingress is exposed on this cluster. */
export interface IngressSetup {
    /** spec.ingressClassName: "alb", "gce", "azure-application-gateway", "nginx"... */
    className: string;
    /** Controller annotations (certificate, WAF, TLS policy, health checks, redirect...). */
    annotations: Record<string, pulumi.Input<string>>;
    /**
     * The Secret cert-manager fills for the Ingress's `tls` block (clusters where TLS ends at an
     * in-cluster controller); absent where the cloud's load balancer holds the certificate.
     */
    tls?: { secretName: string; clusterIssuer: string };
    /** Who may open connections to the web pods' ports: the controller's pods, or the load balancer's addresses. */
    sources: PolicyPeer[];
}

/** The KEDA trigger that scales a worker on its queue: out above 100 messages, in below 10. */
export interface QueueTrigger {
    type: string;
    metadata: Record<string, pulumi.Input<string>>;
    /** A TriggerAuthentication/ClusterTriggerAuthentication the cluster adapter created. */
    authenticationRef?: { name: string; kind?: "TriggerAuthentication" | "ClusterTriggerAuthentication" };
}

/** A service's identity on the cluster: its ServiceAccount annotations and pod labels. */
export interface ServiceIdentity {
    /** e.g. eks.amazonaws.com/role-arn, iam.gke.io/gcp-service-account, azure.workload.identity/client-id. */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** e.g. azure.workload.identity/use: "true". */
    podLabels: Record<string, string>;
    /** Mount the token only where workload identity needs it (IRSA, Azure, GKE metadata server does not). */
    automountServiceAccountToken: boolean;
}

export interface WorkloadCluster {
    provider: k8s.Provider;
    /** The app namespace (one per stack): workloads/namespace.ts creates it first, with its quota. */
    namespace: pulumi.Input<string>;
    /** Node label that spreads replicas across failure domains. */
    zoneTopologyKey: string;
    /**
     * Zones the nodes span. Above one, replicas MUST spread across them (DoNotSchedule); absent or
     * one (a local cluster without zone labels), spreading is best effort.
     */
    zones?: number;
    ingress: IngressSetup;
    egress: EgressRule[];
    identity(service: ServiceSpec): ServiceIdentity;
    /**
     * Name of the Secret (in the app namespace) holding the service's whole contract environment
     * (providers/contract.ts), mounted with envFrom; created by the cluster adapter (External
     * Secrets on the clouds, generated Secrets on an existing cluster) before the Deployment.
     */
    environmentSecret(service: ServiceSpec): pulumi.Input<string>;
    /** ConfigMap or Secret with the CA bundles mounted read-only at /etc/platform/certs. */
    certificates: { kind: "ConfigMap" | "Secret"; name: pulumi.Input<string> };
    queueTrigger(service: ServiceSpec): QueueTrigger;
    /**
     * Annotations of a web service's Service, where the cloud's load balancer reads its backend
     * settings there (GKE: cloud.google.com/neg and cloud.google.com/backend-config).
     */
    serviceAnnotations?(service: ServiceSpec): Record<string, pulumi.Input<string>>;
    /** Resources the workloads wait for (controllers, CRDs, secret sync). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}
