// S3-compatible object storage on an existing cluster: SeaweedFS from its official chart.
//
// Why not MinIO: its community edition stopped publishing images in October 2025, went into
// maintenance mode that December, was archived in April 2026 and its Docker Hub images were
// deleted in September 2026: nothing left to patch a CVE with. Garage has no bucket versioning.
// SeaweedFS (Apache-2.0, monthly releases) has versioning, S3 lifecycle expiration including
// noncurrent versions, SSE-S3, per-bucket identities and a maintained chart.
//
// One master, filer and S3 gateway, and the volume servers on PVCs (two with replication when the
// database is highly available). The S3 gateway serves HTTPS only, with a certificate signed by
// the platform CA; volume data is encrypted at rest by the filer (`encryptVolumeData`) and the
// bucket also gets default SSE-S3. Three identities: an administrator used only by the setup Job,
// the application (its bucket only) and the database backups (the backup bucket only); no
// anonymous identity, so nothing is readable without a key. A Job creates the buckets and writes
// versioning, encryption, CORS and the documents' lifecycle through the S3 API.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";
import { childName, childOpts, dataOpts, labelsFor, withOverrides } from "./common";
import { KubernetesNetworkNative, KubernetesObjectStoreNative, nativeOf } from "./native";
import { DATA_PORTS } from "./network";
import { LifecycleRule, dnsLabel, objectStoreSizing } from "./sizes";
import { createServerCertificate } from "./tls";

export const SEAWEEDFS_CHART = { chart: "seaweedfs", version: "4.47.0", repo: "https://seaweedfs.github.io/seaweedfs/helm" } as const;
/** The setup Job's client: from 2.23 the CLI adds CRC checksums to every request by default, which several S3-compatible servers reject. */
export const AWS_CLI_IMAGE = "amazon/aws-cli:2.22.0";
/** The port the data namespace's policy admits from the app namespace for the object store. */
export const S3_PORT = DATA_PORTS.objectStore;
/** SeaweedFS's S3 gateway signs and answers for this region unless configured otherwise. */
export const S3_REGION = "us-east-1";

/**
 * Names shared with the database (its backups go to this store): derived from the platform name
 * alone, because the components are siblings and only the network's handle reaches both.
 */
export function objectStoreNames(platformName: string) {
    const release = dnsLabel(`${platformName}-storage`);
    return {
        release,
        s3Service: `${release}-s3`,
        bucket: dnsLabel(`${platformName}-uploads`),
        backupBucket: dnsLabel(`${platformName}-backups`),
        configSecret: `${release}-s3-config`,
        adminSecret: `${release}-admin-credentials`,
        appSecret: `${release}-app-credentials`,
        backupCredentialsSecret: `${release}-backup-credentials`,
        caSecret: `${release}-s3-ca`,
        setupJob: `${release}-buckets`,
        endpoint: (namespace: string) => `https://${release}-s3.${namespace}.svc:${S3_PORT}`,
    };
}

export interface S3Identity {
    name: string;
    accessKey: string;
    secretKey: string;
    /** SeaweedFS actions, "Read:<bucket>" for one bucket. */
    actions: string[];
}

/** The gateway's identities file (the chart's `seaweedfs_s3_config` key). */
export function s3IdentitiesConfig(identities: S3Identity[]): string {
    return JSON.stringify({
        identities: identities.map((identity) => ({
            name: identity.name,
            credentials: [{ accessKey: identity.accessKey, secretKey: identity.secretKey }],
            actions: identity.actions,
        })),
    });
}

export function bucketActions(bucket: string): string[] {
    return ["Read", "Write", "List", "Tagging"].map((action) => `${action}:${bucket}`);
}

/** What the setup Job runs: idempotent, so a re-run on update only rewrites the configuration. */
export function bucketSetupScript(): string {
    return [
        "set -eu",
        's3() { aws --endpoint-url "$S3_ENDPOINT" --region "$AWS_DEFAULT_REGION" s3api "$@"; }',
        "tries=0",
        "until s3 list-buckets >/dev/null; do tries=$((tries + 1)); [ \"$tries\" -lt 60 ] || exit 1; sleep 5; done",
        'for bucket in "$BUCKET" "$BACKUP_BUCKET"; do',
        '  s3 head-bucket --bucket "$bucket" 2>/dev/null || s3 create-bucket --bucket "$bucket"',
        '  s3 put-bucket-encryption --bucket "$bucket" --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}\'',
        "done",
        's3 put-bucket-versioning --bucket "$BUCKET" --versioning-configuration Status=Enabled',
        's3 put-bucket-lifecycle-configuration --bucket "$BUCKET" --lifecycle-configuration "$LIFECYCLE"',
        'if [ -n "$CORS" ]; then s3 put-bucket-cors --bucket "$BUCKET" --cors-configuration "$CORS"; fi',
    ].join("\n");
}

export function corsConfiguration(origins: string[]): string {
    if (origins.length === 0) {
        return "";
    }
    return JSON.stringify({ CORSRules: [{ AllowedOrigins: origins, AllowedMethods: ["GET", "PUT", "POST", "HEAD"], AllowedHeaders: ["*"], MaxAgeSeconds: 3600 }] });
}

export function lifecycleConfiguration(rules: LifecycleRule[]): string {
    return JSON.stringify({ Rules: rules });
}

const POD_SECURITY = { enabled: true, runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } };
const CONTAINER_SECURITY = { enabled: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

function preferredSpread(release: string, component: string): string {
    return [
        "podAntiAffinity:",
        "  preferredDuringSchedulingIgnoredDuringExecution:",
        "    - weight: 100",
        "      podAffinityTerm:",
        "        topologyKey: kubernetes.io/hostname",
        "        labelSelector:",
        "          matchLabels:",
        `            app.kubernetes.io/name: ${release}`,
        `            app.kubernetes.io/component: ${component}`,
    ].join("\n");
}

/** The chart's values: persistent volumes everywhere (never the chart's hostPath defaults) and a TLS-only gateway. */
export function seaweedfsValues(args: { names: ReturnType<typeof objectStoreNames>; tlsSecret: string; storageClass?: string; volumeGb: number; metadataGb: number; volumeServers: number }): Record<string, unknown> {
    const storageClass = args.storageClass ?? "";
    const pvc = (size: number) => ({ type: "persistentVolumeClaim", size: `${size}Gi`, storageClass });
    const emptyLogs = { type: "emptyDir" };
    const component = { podSecurityContext: POD_SECURITY, containerSecurityContext: CONTAINER_SECURITY, logs: emptyLogs };
    return {
        nameOverride: args.names.release,
        // Off: the chart would create ServiceMonitors before the Prometheus Operator's CRDs exist.
        global: { seaweedfs: { monitoring: { enabled: false } } },
        master: { ...component, replicas: 1, data: pvc(args.metadataGb), defaultReplication: args.volumeServers > 1 ? "001" : "000" },
        volume: {
            ...component,
            replicas: args.volumeServers,
            dataDirs: [{ name: "data", ...pvc(args.volumeGb), maxVolumes: 0 }],
            // Preferred, not the chart's required spread: a one-node development cluster still schedules both copies.
            affinity: preferredSpread(args.names.release, "volume"),
        },
        filer: { ...component, replicas: 1, data: pvc(args.metadataGb), encryptVolumeData: true, s3: { enabled: false } },
        s3: {
            ...component,
            enabled: true,
            port: S3_PORT,
            enableAuth: true,
            existingConfigSecret: args.names.configSecret,
            // With a certificate and no separate HTTPS port the gateway listens with TLS only.
            extraArgs: ["-cert.file=/etc/seaweedfs/tls/tls.crt", "-key.file=/etc/seaweedfs/tls/tls.key"],
            extraVolumes: `- name: s3-tls\n  secret:\n    secretName: ${args.tlsSecret}\n`,
            extraVolumeMounts: "- name: s3-tls\n  mountPath: /etc/seaweedfs/tls\n  readOnly: true\n",
            // Chart versions read the probe's scheme from either place.
            livenessProbe: { scheme: "HTTPS", httpGet: { path: "/status", scheme: "HTTPS" } },
            readinessProbe: { scheme: "HTTPS", httpGet: { path: "/status", scheme: "HTTPS" } },
        },
    };
}

function randomKeyPair(ctx: AdapterContext, role: string): { accessKey: random.RandomString; secretKey: random.RandomPassword } {
    return {
        accessKey: new random.RandomString(childName(ctx, `${role}-access-key`), { length: 20, special: false, lower: false }, childOpts(ctx)),
        secretKey: new random.RandomPassword(childName(ctx, `${role}-secret-key`), { length: 40, special: false }, childOpts(ctx)),
    };
}

export function createObjectStore(ctx: AdapterContext, spec: ObjectStoreSpec, deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    const network = nativeOf<KubernetesNetworkNative>(deps.network);
    const names = objectStoreNames(ctx.platform.name);
    const namespace = network.dataNamespace;
    const labels = labelsFor(ctx, "object-store");
    const sizing = objectStoreSizing(spec, ctx.platform.database);
    const volumeServers = ctx.platform.database.highAvailability ? 2 : 1;

    const certificate = createServerCertificate(ctx, network, { role: "s3", component: "object-store", services: [names.s3Service] });
    const admin = randomKeyPair(ctx, "admin");
    const app = randomKeyPair(ctx, "app");
    const backup = randomKeyPair(ctx, "backup");

    const secret = (role: string, name: string, data: Record<string, pulumi.Input<string>>) =>
        new k8s.core.v1.Secret(childName(ctx, role), { metadata: { name, namespace, labels }, type: "Opaque", stringData: data }, childOpts(ctx, { dependsOn: network.ready }));
    const identities = pulumi
        .all([admin.accessKey.result, admin.secretKey.result, app.accessKey.result, app.secretKey.result, backup.accessKey.result, backup.secretKey.result])
        .apply(([adminKey, adminSecret, appKey, appSecret, backupKey, backupSecret]) =>
            s3IdentitiesConfig([
                { name: "admin", accessKey: adminKey, secretKey: adminSecret, actions: ["Admin", "Read", "Write", "List", "Tagging"] },
                { name: "application", accessKey: appKey, secretKey: appSecret, actions: bucketActions(names.bucket) },
                { name: "database-backups", accessKey: backupKey, secretKey: backupSecret, actions: bucketActions(names.backupBucket) },
            ]),
        );
    const configSecret = secret("s3-config", names.configSecret, { seaweedfs_s3_config: pulumi.secret(identities) });
    const adminSecret = secret("admin-credentials", names.adminSecret, { AWS_ACCESS_KEY_ID: admin.accessKey.result, AWS_SECRET_ACCESS_KEY: admin.secretKey.result });
    const appSecret = secret("app-credentials", names.appSecret, { AWS_ACCESS_KEY_ID: app.accessKey.result, AWS_SECRET_ACCESS_KEY: app.secretKey.result });
    // The key names the Barman Cloud plugin's ObjectStore refers to (database.ts).
    const backupSecret = secret("backup-credentials", names.backupCredentialsSecret, { ACCESS_KEY_ID: backup.accessKey.result, ACCESS_SECRET_KEY: backup.secretKey.result });

    const release = new k8s.helm.v3.Release(
        childName(ctx, "seaweedfs"),
        withOverrides(ctx, "objectStore", {
            name: names.release,
            chart: SEAWEEDFS_CHART.chart,
            version: SEAWEEDFS_CHART.version,
            repositoryOpts: { repo: SEAWEEDFS_CHART.repo },
            namespace,
            atomic: true,
            values: seaweedfsValues({ names, tlsSecret: certificate.secretName, storageClass: network.storageClass, volumeGb: sizing.volumeGb, metadataGb: sizing.metadataGb, volumeServers }),
        }),
        dataOpts(ctx, { dependsOn: [configSecret, certificate.secret, ...network.ready], retainOnDelete: ctx.platform.protectData }),
    );

    const setup = createSetupJob(ctx, network, { names, labels, spec, lifecycle: lifecycleConfiguration(sizing.lifecycle), caSecretName: certificate.caSecretName, dependsOn: [release, adminSecret, certificate.caSecret] });

    const endpoint = namespace.apply((ns) => names.endpoint(ns));
    const native: KubernetesObjectStoreNative = {
        endpoint,
        bucket: pulumi.output(names.bucket),
        region: S3_REGION,
        accessKey: app.accessKey.result,
        secretKey: app.secretKey.result,
        ready: [release, setup, appSecret, backupSecret],
        credentialsSecretRef: { namespace, name: names.appSecret },
    };
    return {
        outputs: { bucketName: pulumi.output(names.bucket), url: endpoint, region: pulumi.output(S3_REGION) },
        native,
    };
}

function createSetupJob(
    ctx: AdapterContext,
    network: KubernetesNetworkNative,
    args: { names: ReturnType<typeof objectStoreNames>; labels: Record<string, string>; spec: ObjectStoreSpec; lifecycle: string; caSecretName: string; dependsOn: pulumi.Resource[] },
): k8s.batch.v1.Job {
    const { names } = args;
    const fromAdmin = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: names.adminSecret, key } } });
    return new k8s.batch.v1.Job(
        childName(ctx, "bucket-setup"),
        {
            metadata: { name: names.setupJob, namespace: network.dataNamespace, labels: args.labels },
            spec: {
                backoffLimit: 4,
                activeDeadlineSeconds: 900,
                template: {
                    metadata: { labels: args.labels },
                    spec: {
                        restartPolicy: "Never",
                        automountServiceAccountToken: false,
                        securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [
                            {
                                name: "buckets",
                                image: AWS_CLI_IMAGE,
                                command: ["/bin/sh", "-c", bucketSetupScript()],
                                env: [
                                    fromAdmin("AWS_ACCESS_KEY_ID"),
                                    fromAdmin("AWS_SECRET_ACCESS_KEY"),
                                    { name: "AWS_DEFAULT_REGION", value: S3_REGION },
                                    { name: "AWS_CA_BUNDLE", value: "/etc/platform/certs/ca.crt" },
                                    { name: "AWS_EC2_METADATA_DISABLED", value: "true" },
                                    { name: "HOME", value: "/tmp" },
                                    { name: "S3_ENDPOINT", value: network.dataNamespace.apply((ns) => names.endpoint(ns)) },
                                    { name: "BUCKET", value: names.bucket },
                                    { name: "BACKUP_BUCKET", value: names.backupBucket },
                                    { name: "LIFECYCLE", value: args.lifecycle },
                                    { name: "CORS", value: corsConfiguration(args.spec.corsOrigins) },
                                ],
                                resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                volumeMounts: [
                                    { name: "ca", mountPath: "/etc/platform/certs", readOnly: true },
                                    { name: "tmp", mountPath: "/tmp" },
                                ],
                            },
                        ],
                        volumes: [
                            { name: "ca", secret: { secretName: args.caSecretName } },
                            { name: "tmp", emptyDir: {} },
                        ],
                    },
                },
            },
        },
        childOpts(ctx, { dependsOn: args.dependsOn, deleteBeforeReplace: true }),
    );
}
