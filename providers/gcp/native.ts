// The GCP handles one component passes to the components built after it. Only GCP adapter
// files read these; the cloud-agnostic components see them as `unknown`.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterResult } from "../adapter";
import type { ClusterRanges } from "./network";

export interface GcpNetworkNative {
    network: gcp.compute.Network;
    /** GCP subnetworks are regional: one per role spans every zone of the region. */
    publicSubnet: gcp.compute.Subnetwork;
    appSubnet: gcp.compute.Subnetwork;
    dataSubnet: gcp.compute.Subnetwork;
    /** Zone names the regional groups and HA instances use, e.g. ["us-central1-a", ...]. */
    zones: string[];
    /** Project APIs the platform calls, by service name ("sqladmin.googleapis.com"): a resource that calls one depends on it. */
    apis: Record<string, gcp.projects.Service>;
    /** Cloud Router and NAT: instances boot and pull their images through them. */
    appEgress: pulumi.Resource[];
    /** Private services access: Cloud SQL and Memorystore take their private IPs through it. */
    privateServices: gcp.servicenetworking.Connection;
    /** The CIDR reserved for private services access, e.g. "10.0.240.0/20". */
    privateServicesRange: string;
    /** runtime kubernetes: the cluster's pods, Services and control-plane ranges. */
    clusterRanges?: ClusterRanges;
    /**
     * Network tags the firewall rules select; an instance carries the tag of its role. `app`
     * reaches PostgreSQL and Redis and HTTPS; `credentials` (the credentials job's direct VPC
     * egress) the same; `bastion` has SSH from the admin ranges.
     */
    tags: { app: string; bastion: string; credentials: string };
    /** One key ring per platform; each component creates its own key in it. */
    keyRing: gcp.kms.KeyRing;
    project: string;
    projectNumber: pulumi.Output<string>;
    /**
     * Google-managed service agents as IAM members ("serviceAccount:service-N@..."), keyed by
     * API: secretmanager, sqladmin, pubsub, storage, redis and compute .googleapis.com. Grant
     * one a key before the resource it encrypts.
     */
    serviceAgents: Record<string, pulumi.Output<string>>;
    /** Only when adminCidrs is not empty. */
    bastion?: gcp.compute.Instance;
}

export interface GcpObjectStoreNative {
    bucket: gcp.storage.Bucket;
    key: gcp.kms.CryptoKey;
    /** Receives the bucket's access logs and the load balancer's logs sink. */
    logsBucket: gcp.storage.Bucket;
}

export interface GcpDatabaseNative {
    instance: gcp.sql.DatabaseInstance;
    replicas: gcp.sql.DatabaseInstance[];
    key: gcp.kms.CryptoKey;
    /** The application's login (JSON), written and rotated by the credentials job. */
    appSecret: gcp.secretmanager.Secret;
    /** JSON list of the read replicas' addresses, when the tier has replicas. */
    replicasSecret?: gcp.secretmanager.Secret;
    /**
     * The built-in administrator's (spec.username, a cloudsqlsuperuser) generated login, JSON
     * {username, password, host, port, dbname}; only the credentials job reads it.
     */
    masterSecret: gcp.secretmanager.Secret;
    /** The administrator the master secret belongs to, when not the built-in `postgres`. */
    masterUser?: string;
    /** What the credentials job waits for besides the instance: the administrator's user and the master secret's version. */
    adminReady?: pulumi.Resource[];
    /** PEM of the instance's server CA: what clients verify the server certificate against. */
    serverCaPem: pulumi.Output<string>;
    /** The max_connections flag; alerts take their percentage of it. */
    maxConnections: number;
    /** Fixed instance names, known before deployment, for alert filters and dashboards. */
    instanceName: string;
    replicaNames: string[];
    /** Managed connection pooling's port on the primary, when pooling is on. */
    poolPort?: number;
}

export interface GcpCacheNative {
    /** Memorystore for Redis (one primary and its replicas); absent in cluster mode. */
    instance?: gcp.redis.Instance;
    /** Memorystore for Redis Cluster (sharded); present only in cluster mode. */
    cluster?: gcp.redis.Cluster;
    key: gcp.kms.CryptoKey;
    /** Connection and AUTH string (JSON) the app reads. */
    authSecret: gcp.secretmanager.Secret;
    /** PEM of the server CA(s) clients verify the TLS connection against. */
    serverCaPem: pulumi.Output<string>;
    clusterMode: boolean;
    /** Fixed instance or cluster id, for alert filters and dashboards. */
    instanceName: string;
}

export interface GcpServiceFleet {
    /** runtime vm; on a cluster the service is a Deployment of the same name. */
    group?: gcp.compute.RegionInstanceGroupManager;
    /** Fixed names, known before deployment: alerts and dashboards need not wait for the group or queue. */
    groupName: string;
    serviceAccount: gcp.serviceaccount.Account;
    /** Web services behind the load balancer. */
    backendService?: gcp.compute.BackendService;
    /** Workers: the topic tasks are published to and the subscription they pull from. */
    topic?: gcp.pubsub.Topic;
    subscription?: gcp.pubsub.Subscription;
    subscriptionName?: string;
}

export interface GcpAppFleetNative {
    /** The global external Application Load Balancer's address and URL map, when a service is public. */
    address?: gcp.compute.GlobalAddress;
    urlMap?: gcp.compute.URLMap;
    fleets: Record<string, GcpServiceFleet>;
    key: gcp.kms.CryptoKey;
    securityPolicy?: gcp.compute.SecurityPolicy;
    /** Per called service, the HTTPS URL its callers use. */
    serviceUrls: Record<string, string>;
    /** PEM of the CA behind those URLs' certificate; absent when nothing is called. */
    internalCaPem?: pulumi.Output<string>;
    /** runtime kubernetes: the GKE cluster the services run on, and their namespace (fixed names). */
    cluster?: GcpClusterNative;
}

export interface GcpClusterNative {
    cluster: gcp.container.Cluster;
    nodePool: gcp.container.NodePool;
    name: string;
    namespace: string;
    location: string;
    /** The Ingress's URL map is named by GKE (k8s2-um-...-<namespace>-<ingress>-...): alerts match it by pattern. */
    urlMapPattern?: string;
}

/** Reads the GCP handles of another component's result. */
export function nativeOf<T>(result: AdapterResult<unknown>): T {
    return result.native as T;
}
