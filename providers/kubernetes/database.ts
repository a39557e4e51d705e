// PostgreSQL on an existing cluster with CloudNativePG: the operator and its Barman Cloud plugin
// from their charts, then one `Cluster` in the data namespace (a primary, a standby with high
// availability, the read replicas), TLS with a server certificate signed by the platform CA, the
// application's own role and database created at bootstrap from a generated password, no
// superuser access, continuous WAL archiving and a daily base backup to the object store kept
// for the tier's retention. With pooling on, a CloudNativePG Pooler (pooler.ts) fronts the
// read-write Service and the application connects through it.
//
// Backups use the Barman Cloud plugin (CNPG-I), not the in-tree `spec.backup.barmanObjectStore`:
// the in-tree path is deprecated since CloudNativePG 1.26 and is removed in 1.31, so the pinned
// operator (chart 0.28, spring 2026) with the plugin keeps working across the next upgrades.
//
// CloudNativePG has no maintenance window: it restarts instances when the image or a static
// parameter changes. With a standby, production uses `primaryUpdateStrategy: supervised`, so
// standbys are updated at once but the primary switches over only when an operator runs
// `kubectl cnpg promote`, in the documents' Sunday 04:00-05:00 UTC window; elsewhere the
// switchover is automatic. There is no deletion guard in the Cluster API either: production
// protects the Cluster (and the operator it needs) in Pulumi and retains it if it is ever
// removed from the program.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DatabaseOutputs, DataDeps } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";
import { childName, childOpts, dataOpts, labelsFor, withOverrides } from "./common";
import { KubernetesDatabaseNative, KubernetesNetworkNative, nativeOf } from "./native";
import { allowDataIngress, namespacePeer } from "./network";
import { objectStoreNames } from "./objectStore";
import { createPooler } from "./pooler";
import { databaseSizing, dnsLabel, serviceDnsNames } from "./sizes";
import { createCertificateSecret, createServerCertificate, secretRef } from "./tls";

export const CNPG_OPERATOR_CHART = { chart: "cloudnative-pg", version: "0.28.1", repo: "https://cloudnative-pg.github.io/charts" } as const;
export const BARMAN_PLUGIN_CHART = { chart: "plugin-barman-cloud", version: "0.6.0", repo: "https://cloudnative-pg.github.io/charts" } as const;
/** The plugin must run in the operator's namespace. */
export const CNPG_NAMESPACE = "cnpg-system";
export const BARMAN_PLUGIN_NAME = "barman-cloud.cloudnative-pg.io";

/** The instance manager's status endpoint, which the operator polls on every instance. */
const INSTANCE_MANAGER_PORT = 8000;

/** Operand images by major version: the "standard" flavour (no bundled Barman; the plugin brings its own). */
const POSTGRES_IMAGES: Record<string, string> = {
    "15": "ghcr.io/cloudnative-pg/postgresql:15.18-standard-trixie",
};

export function postgresImage(engineVersion: string): string {
    const major = engineVersion.split(".")[0];
    const image = POSTGRES_IMAGES[major];
    if (!image) {
        throw new Error(`No CloudNativePG image for PostgreSQL ${engineVersion}; known majors: ${Object.keys(POSTGRES_IMAGES).join(", ")}`);
    }
    return image;
}

/** Names of the Cluster and the Services CloudNativePG creates for it. */
export function databaseNames(componentName: string) {
    const cluster = dnsLabel(componentName);
    return {
        cluster,
        readWrite: `${cluster}-rw`,
        readOnly: `${cluster}-ro`,
        anyInstance: `${cluster}-r`,
        appSecret: `${cluster}-app-credentials`,
        objectStore: `${cluster}-backups`,
        scheduledBackup: `${cluster}-daily`,
    };
}

export interface ClusterInputs {
    spec: DatabaseSpec;
    names: ReturnType<typeof databaseNames>;
    storageClass?: string;
    serverTLSSecret: string;
    serverCASecret: string;
    /** Production: the primary waits for a supervised switchover. */
    supervisedPrimaryUpdates: boolean;
    labels: Record<string, string>;
}

/** The `postgresql.cnpg.io/v1` Cluster's spec. */
export function clusterSpec(inputs: ClusterInputs): Record<string, unknown> {
    const { spec, names } = inputs;
    const sizing = databaseSizing(spec);
    return {
        description: `PostgreSQL ${spec.engineVersion} of the platform`,
        imageName: postgresImage(spec.engineVersion),
        instances: sizing.instances,
        primaryUpdateStrategy: inputs.supervisedPrimaryUpdates && sizing.instances > 1 ? "supervised" : "unsupervised",
        primaryUpdateMethod: "switchover",
        // No `postgres` login at all; CloudNativePG's default TLS floor (1.3) is left as it is.
        enableSuperuserAccess: false,
        // A single instance's budget would forbid evicting it, and so block every node drain.
        enablePDB: sizing.instances > 1,
        postgresql: { parameters: sizing.parameters },
        bootstrap: {
            initdb: {
                database: spec.databaseName,
                owner: spec.appRole,
                secret: { name: names.appSecret },
                dataChecksums: true,
            },
        },
        storage: { size: sizing.storage, resizeInUseVolumes: true, ...(inputs.storageClass ? { storageClass: inputs.storageClass } : {}) },
        resources: sizing.resources,
        certificates: { serverTLSSecret: inputs.serverTLSSecret, serverCASecret: inputs.serverCASecret },
        affinity: { enablePodAntiAffinity: true, topologyKey: "kubernetes.io/hostname", podAntiAffinityType: "preferred" },
        // Every instance serves metrics on its "metrics" port regardless; the observability component
        // creates the PodMonitor from `metrics` in the handle, so the operator's own would scrape twice.
        monitoring: { enablePodMonitor: false },
        plugins: [{ name: BARMAN_PLUGIN_NAME, isWALArchiver: true, parameters: { barmanObjectName: names.objectStore } }],
        inheritedMetadata: { labels: inputs.labels },
    };
}

/** The plugin's `barmancloud.cnpg.io/v1` ObjectStore: where base backups and WAL go, and for how long. */
export function backupStoreSpec(args: { spec: DatabaseSpec; platformName: string; namespace: string }): Record<string, unknown> {
    const storage = objectStoreNames(args.platformName);
    return {
        retentionPolicy: databaseSizing(args.spec).retentionPolicy,
        configuration: {
            destinationPath: `s3://${storage.backupBucket}/`,
            endpointURL: storage.endpoint(args.namespace),
            endpointCA: { name: storage.caSecret, key: "ca.crt" },
            s3Credentials: {
                accessKeyId: { name: storage.backupCredentialsSecret, key: "ACCESS_KEY_ID" },
                secretAccessKey: { name: storage.backupCredentialsSecret, key: "ACCESS_SECRET_KEY" },
            },
            wal: { compression: "gzip", maxParallel: 2 },
            data: { compression: "gzip", jobs: 2 },
        },
    };
}

/** The daily base backup, started when the documents' backup window opens. */
export function scheduledBackupSpec(spec: DatabaseSpec, clusterName: string): Record<string, unknown> {
    return {
        schedule: databaseSizing(spec).backupSchedule,
        cluster: { name: clusterName },
        method: "plugin",
        pluginConfiguration: { name: BARMAN_PLUGIN_NAME },
        // A standby takes the backup when there is one, so the primary's I/O is spared.
        target: "prefer-standby",
        backupOwnerReference: "self",
        immediate: true,
    };
}

/** The plugin's Service: the operator reaches the plugin there, over mutual TLS. */
const PLUGIN_SERVICE = "barman-cloud";

/**
 * The operator and the Barman Cloud plugin. The chart would have cert-manager issue the
 * operator-to-plugin certificates, but cert-manager is installed with the app fleet, after the
 * database; the platform CA signs them here instead, under the names the plugin's Service
 * announces (barman-cloud-server-tls, barman-cloud-client-tls).
 */
function createOperators(ctx: AdapterContext, network: KubernetesNetworkNative): k8s.helm.v3.Release[] {
    const operator = new k8s.helm.v3.Release(
        childName(ctx, "cnpg-operator"),
        {
            name: "cnpg",
            chart: CNPG_OPERATOR_CHART.chart,
            version: CNPG_OPERATOR_CHART.version,
            repositoryOpts: { repo: CNPG_OPERATOR_CHART.repo },
            namespace: CNPG_NAMESPACE,
            createNamespace: true,
            atomic: true,
            values: { crds: { create: true }, config: { clusterWide: true } },
        },
        dataOpts(ctx, { dependsOn: network.ready }),
    );
    const pluginCertificate = (role: string, secretName: string, uses: string[]) =>
        createCertificateSecret(ctx, network, {
            role,
            component: "database",
            namespace: CNPG_NAMESPACE,
            secretName,
            commonName: role === "plugin-server" ? PLUGIN_SERVICE : "barman-cloud-client",
            dnsNames: role === "plugin-server" ? serviceDnsNames(PLUGIN_SERVICE, CNPG_NAMESPACE) : [],
            uses,
            dependsOn: [operator],
        });
    const serverSecret = pluginCertificate("plugin-server", "barman-cloud-server-tls", ["server_auth"]);
    const clientSecret = pluginCertificate("plugin-client", "barman-cloud-client-tls", ["client_auth"]);
    const plugin = new k8s.helm.v3.Release(
        childName(ctx, "barman-plugin"),
        {
            name: "barman-cloud",
            chart: BARMAN_PLUGIN_CHART.chart,
            version: BARMAN_PLUGIN_CHART.version,
            repositoryOpts: { repo: BARMAN_PLUGIN_CHART.repo },
            namespace: CNPG_NAMESPACE,
            atomic: true,
            values: {
                certificate: { createClientCertificate: false, createServerCertificate: false },
                // Some chart versions write the plugin's TLS annotations on its Service only when common annotations are set.
                commonAnnotations: { "platform.io/managed-by": "pulumi" },
            },
        },
        dataOpts(ctx, { dependsOn: [operator, serverSecret, clientSecret, ...network.ready] }),
    );
    return [operator, plugin];
}

export function createDatabase(ctx: AdapterContext, spec: DatabaseSpec, deps: DataDeps): AdapterResult<DatabaseOutputs> {
    const network = nativeOf<KubernetesNetworkNative>(deps.network);
    const names = databaseNames(ctx.name);
    const labels = labelsFor(ctx, "database");
    const namespace = network.dataNamespace;

    const operators = createOperators(ctx, network);
    const operatorAccess = allowDataIngress(ctx, network, "data-from-cnpg-operator", [namespacePeer(CNPG_NAMESPACE)], [INSTANCE_MANAGER_PORT]);
    const certificate = createServerCertificate(ctx, network, {
        role: "server",
        component: "database",
        services: [names.readWrite, names.readOnly, names.anyInstance],
    });

    // URL-safe: the password goes into DATABASE_URL without escaping surprises.
    const appPassword = new random.RandomPassword(childName(ctx, "app-password"), { length: 40, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, childOpts(ctx));
    const appSecret = new k8s.core.v1.Secret(
        childName(ctx, "app-credentials"),
        {
            metadata: { name: names.appSecret, namespace, labels: { ...labels, "cnpg.io/reload": "true" } },
            type: "kubernetes.io/basic-auth",
            stringData: { username: spec.appRole, password: appPassword.result },
        },
        childOpts(ctx, { dependsOn: network.ready }),
    );

    const backupStore = new k8s.apiextensions.CustomResource(
        childName(ctx, "backup-store"),
        {
            apiVersion: "barmancloud.cnpg.io/v1",
            kind: "ObjectStore",
            metadata: { name: names.objectStore, namespace, labels },
            spec: namespace.apply((ns) => backupStoreSpec({ spec, platformName: ctx.platform.name, namespace: ns })),
        },
        childOpts(ctx, { dependsOn: operators }),
    );

    const cluster = new k8s.apiextensions.CustomResource(
        childName(ctx, "cluster"),
        withOverrides(ctx, "database", {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "Cluster",
            metadata: { name: names.cluster, namespace, labels },
            spec: clusterSpec({
                spec,
                names,
                storageClass: network.storageClass,
                serverTLSSecret: certificate.secretName,
                serverCASecret: certificate.caSecretName,
                supervisedPrimaryUpdates: ctx.platform.protectData,
                labels,
            }),
        }),
        dataOpts(ctx, {
            dependsOn: [...operators, operatorAccess, appSecret, certificate.secret, certificate.caSecret, backupStore],
            retainOnDelete: ctx.platform.protectData,
        }),
    );

    const scheduledBackup = new k8s.apiextensions.CustomResource(
        childName(ctx, "daily-backup"),
        {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "ScheduledBackup",
            metadata: { name: names.scheduledBackup, namespace, labels },
            spec: scheduledBackupSpec(spec, names.cluster),
        },
        childOpts(ctx, { dependsOn: [cluster] }),
    );

    const pooler = spec.pooling.enabled ? createPooler(ctx, network, spec.pooling, { clusterName: names.cluster, labels, dependsOn: [cluster] }) : undefined;

    const host = pulumi.interpolate`${names.readWrite}.${namespace}.svc`;
    const readHost = spec.readReplicas > 0 ? pulumi.interpolate`${names.readOnly}.${namespace}.svc` : undefined;
    const native: KubernetesDatabaseNative = {
        host,
        readHost,
        port: spec.port,
        database: spec.databaseName,
        appUser: spec.appRole,
        appPassword: appPassword.result,
        ready: [cluster, scheduledBackup, ...(pooler ? [pooler.resource] : [])],
        pool: pooler ? { host: pooler.host, port: pooler.port } : undefined,
        appSecretRef: { namespace, name: names.appSecret },
        metrics: { namespace, podSelector: { "cnpg.io/cluster": names.cluster }, port: "metrics" },
    };
    return {
        outputs: {
            host,
            port: pulumi.output(spec.port),
            database: pulumi.output(spec.databaseName),
            username: pulumi.output(spec.appRole),
            passwordSecretRef: secretRef(namespace, names.appSecret),
            readReplicaHosts: readHost ? readHost.apply((readOnly) => [readOnly]) : pulumi.output([]),
            poolHost: pooler ? pooler.host : host,
            poolPort: pulumi.output(pooler ? pooler.port : spec.port),
        },
        native,
    };
}
