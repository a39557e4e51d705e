// The handles one component passes to the components built after it on an existing cluster
// (`cloud: kubernetes`). Only files of this adapter read them; components see them as unknown.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AdapterResult } from "../adapter";

export interface KubernetesNetworkNative {
    provider: k8s.Provider;
    /** The services' namespace (quota, limits, default-deny policies). */
    appNamespace: pulumi.Output<string>;
    /** PostgreSQL, Redis and the object store live here, reachable from the app namespace only. */
    dataNamespace: pulumi.Output<string>;
    /** Absent: the cluster's default StorageClass. */
    storageClass?: string;
    ingressClass: string;
    /**
     * The platform's private CA: it signs the server certificates of PostgreSQL, Redis and the
     * object store, and every client verifies them against its certificate.
     */
    ca: { key: tls.PrivateKey; cert: tls.SelfSignedCert };
    /** Objects later components wait for (namespaces, operators' CRDs). */
    ready: pulumi.Resource[];
}

/** Pods a PodMonitor should scrape: the observability component creates it once the Prometheus Operator is installed. */
export interface ScrapeTarget {
    namespace: pulumi.Output<string>;
    podSelector: Record<string, string>;
    /** Name of the container port serving /metrics. */
    port: string;
}

/** A Kubernetes Secret by namespace and name. */
export interface SecretLocation {
    namespace: pulumi.Output<string>;
    name: string;
}

export interface KubernetesDatabaseNative {
    /** Read-write service of the cluster, e.g. platform-dev-db-rw.platform-dev-data.svc. */
    host: pulumi.Output<string>;
    /** Read-only service, when the tier has replicas. */
    readHost?: pulumi.Output<string>;
    port: number;
    database: string;
    /** The application's own role and its generated password (a secret Output). */
    appUser: string;
    appPassword: pulumi.Output<string>;
    /** The operator: the workloads wait for the database to exist. */
    ready: pulumi.Resource[];
    /** The Secret (kubernetes.io/basic-auth) holding the application role's username and password. */
    appSecretRef?: SecretLocation;
    /** CloudNativePG's Pooler in front of the primary, when pooling is on: where DATABASE_URL points. */
    pool?: { host: pulumi.Output<string>; port: number };
    metrics?: ScrapeTarget;
}

export interface KubernetesCacheNative {
    host: pulumi.Output<string>;
    port: number;
    password: pulumi.Output<string>;
    cluster: boolean;
    ready: pulumi.Resource[];
    /** The Secret holding the AUTH password under the key `password`. */
    passwordSecretRef?: SecretLocation;
    metrics?: ScrapeTarget;
}

export interface KubernetesObjectStoreNative {
    /** In-cluster HTTPS endpoint of the S3 API, e.g. https://platform-dev-storage.platform-dev-data.svc:443. */
    endpoint: pulumi.Output<string>;
    bucket: pulumi.Output<string>;
    region: string;
    /** Credentials of the application's own (bucket-scoped) user, secret Outputs. */
    accessKey: pulumi.Output<string>;
    secretKey: pulumi.Output<string>;
    ready: pulumi.Resource[];
    /** The Secret holding the application user's keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). */
    credentialsSecretRef?: SecretLocation;
}

export interface KubernetesAppFleetNative {
    /** The app namespace's Deployments by service name: the alert rules select their pods. */
    deployments: Record<string, k8s.apps.v1.Deployment>;
    ingress?: k8s.networking.v1.Ingress;
    /** Where the bundled ingress-nginx runs (its metrics are scraped there); absent with the cluster's own controller. */
    ingressNamespace?: string;
}

export function nativeOf<T>(result: AdapterResult<unknown>): T {
    return result.native as T;
}
