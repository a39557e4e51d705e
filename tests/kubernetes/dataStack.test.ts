// The data tier of `cloud: kubernetes` under the mock engine: operators from pinned charts, the
// topology each tier asks for, TLS from the platform CA, generated credentials kept in Secrets,
// backups and their schedule, protection in production, and the outputs every cloud returns.
import { expect } from "chai";
import { SECRET_PLACEHOLDER } from "../../tools/redact";
import { SynthResult } from "../../tools/synth";
import { Inputs, inputs, ofType } from "../helpers/stacks";
import { customResources, dataResources, dataStack } from "./dataStacks";

const HELM = "kubernetes:helm.sh/v3:Release";
const SECRET = "kubernetes:core/v1:Secret";

function only(result: SynthResult, kind: string): Inputs {
    const found = customResources(result, kind);
    expect(found, kind).to.have.length(1);
    return inputs(found[0]);
}

function release(result: SynthResult, chart: string): { protect: boolean; inputs: Inputs } {
    const found = ofType(result, HELM).filter((r) => inputs(r).chart === chart);
    expect(found, chart).to.have.length(1);
    return { protect: found[0].protect, inputs: inputs(found[0]) };
}

describe("kubernetes data tier (mock engine)", function () {
    let development: SynthResult;
    let staging: SynthResult;
    let large: SynthResult;

    before(async () => {
        // One after the other: the mock engine is process-wide.
        development = await dataStack("development");
        staging = await dataStack("staging");
        large = await dataStack("production-large");
    });

    it("installs every operator and server from a pinned chart version and the chart's repository", () => {
        const charts = Object.fromEntries(ofType(development, HELM).map((r) => [inputs(r).chart, inputs(r)]));
        for (const [chart, repo] of [
            ["cloudnative-pg", "https://cloudnative-pg.github.io/charts"],
            ["plugin-barman-cloud", "https://cloudnative-pg.github.io/charts"],
            ["redis-operator", "https://ot-container-kit.github.io/helm-charts"],
            ["seaweedfs", "https://seaweedfs.github.io/seaweedfs/helm"],
        ]) {
            expect(charts[chart], chart).to.not.equal(undefined);
            expect(charts[chart].version, chart).to.match(/^\d+\.\d+\.\d+$/);
            expect(charts[chart].repositoryOpts.repo, chart).to.equal(repo);
        }
    });

    it("names every data object explicitly and puts it in the data namespace", () => {
        const namespaced = dataResources(development).filter((r) => r.type.startsWith("kubernetes:") && r.type !== HELM);
        expect(namespaced.length).to.be.greaterThan(10);
        for (const resource of namespaced) {
            const metadata = inputs(resource).metadata;
            expect(metadata?.name, resource.name).to.match(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
            // The plugin's TLS Secrets live beside the operator; everything else in the data namespace.
            const expected = metadata?.name.startsWith("barman-cloud-") ? "cnpg-system" : "platform-k-development-data";
            expect(metadata?.namespace, resource.name).to.equal(expected);
        }
    });

    it("signs the operator-to-plugin mutual TLS with the platform CA instead of waiting for cert-manager", () => {
        const plugin = release(development, "plugin-barman-cloud");
        expect(plugin.inputs.values.certificate).to.deep.equal({ createClientCertificate: false, createServerCertificate: false });
        const secrets = ofType(development, SECRET).map((r) => inputs(r)).filter((s) => s.metadata.namespace === "cnpg-system");
        expect(secrets.map((s) => [s.metadata.name, s.type])).to.have.deep.members([
            ["barman-cloud-server-tls", "kubernetes.io/tls"],
            ["barman-cloud-client-tls", "kubernetes.io/tls"],
        ]);
    });

    describe("PostgreSQL", () => {
        it("runs PostgreSQL 15 from a pinned image with the app's own role and no superuser login", () => {
            const spec = only(development, "Cluster").spec;
            expect(spec.imageName).to.match(/^ghcr\.io\/cloudnative-pg\/postgresql:15\.\d+/);
            expect(spec.enableSuperuserAccess).to.equal(false);
            expect(spec.bootstrap.initdb).to.include({ database: "app", owner: "app" });
            expect(spec.bootstrap.initdb.secret.name).to.equal("platform-k-development-db-app-credentials");
        });

        it("keeps the application's generated password in a basic-auth Secret, never in plain text", () => {
            const secret = ofType(development, SECRET).find((r) => inputs(r).metadata.name === "platform-k-development-db-app-credentials");
            expect(secret).to.not.equal(undefined);
            expect(inputs(secret!).type).to.equal("kubernetes.io/basic-auth");
            // The provider marks a Secret's whole stringData secret: the plan never shows the password.
            expect(inputs(secret!).stringData).to.equal(SECRET_PLACEHOLDER);
            expect(development.outputs.database).to.include({ passwordSecretRef: "platform-k-development-data/platform-k-development-db-app-credentials" });
        });

        it("serves TLS with its own certificate and the platform CA", () => {
            const certificates = only(development, "Cluster").spec.certificates;
            const names = ofType(development, SECRET).map((r) => inputs(r));
            const server = names.find((s) => s.metadata.name === certificates.serverTLSSecret);
            expect(server?.type).to.equal("kubernetes.io/tls");
            expect(names.find((s) => s.metadata.name === certificates.serverCASecret)?.type).to.equal("Opaque");
        });

        it("archives WAL through the Barman Cloud plugin and backs up daily at 03:00, kept 7 days in development and 30 in production", () => {
            const plugins = only(development, "Cluster").spec.plugins;
            expect(plugins).to.deep.equal([{ name: "barman-cloud.cloudnative-pg.io", isWALArchiver: true, parameters: { barmanObjectName: "platform-k-development-db-backups" } }]);
            expect(only(development, "ObjectStore").spec.retentionPolicy).to.equal("7d");
            expect(only(large, "ObjectStore").spec.retentionPolicy).to.equal("30d");
            const backup = only(development, "ScheduledBackup").spec;
            expect(backup).to.include({ schedule: "0 0 3 * * *", method: "plugin" });
            expect(backup.pluginConfiguration.name).to.equal("barman-cloud.cloudnative-pg.io");
        });

        it("sends backups to the object store's backup bucket over HTTPS with the backup user's keys", () => {
            const configuration = only(development, "ObjectStore").spec.configuration;
            expect(configuration.destinationPath).to.equal("s3://platform-k-development-backups/");
            expect(configuration.endpointURL).to.equal(development.outputs.objectStore && (development.outputs.objectStore as Inputs).url);
            expect(configuration.endpointURL).to.match(/^https:\/\//);
            const secrets = ofType(development, SECRET).map((r) => inputs(r).metadata.name);
            expect(secrets).to.include(configuration.s3Credentials.accessKeyId.name);
            expect(secrets).to.include(configuration.endpointCA.name);
        });

        it("adds a standby from staging on and the read replicas in production-large, with a disruption budget only then", () => {
            expect(only(development, "Cluster").spec).to.include({ instances: 1, enablePDB: false, primaryUpdateStrategy: "unsupervised" });
            expect(only(staging, "Cluster").spec).to.include({ instances: 2, enablePDB: true, primaryUpdateStrategy: "unsupervised" });
            // Production: the primary's restart waits for a switchover in the maintenance window.
            expect(only(large, "Cluster").spec).to.include({ instances: 4, enablePDB: true, primaryUpdateStrategy: "supervised" });
            expect(only(large, "Cluster").spec.postgresql.parameters).to.include({ max_connections: "5000", log_min_duration_statement: "500" });
            expect((large.outputs.database as Inputs).readReplicaHosts).to.deep.equal(["platform-k-production-large-db-ro.platform-k-production-large-data.svc"]);
            expect((development.outputs.database as Inputs).readReplicaHosts).to.deep.equal([]);
        });

        it("leaves scraping to one PodMonitor, on the instances' metrics port", () => {
            expect(only(development, "Cluster").spec.monitoring.enablePodMonitor).to.equal(false);
            const monitors = customResources(development, "PodMonitor").map((r) => inputs(r).spec);
            const database = monitors.find((spec) => spec.selector.matchLabels["cnpg.io/cluster"] === "platform-k-development-db");
            expect(database?.podMetricsEndpoints.map((endpoint: Inputs) => endpoint.port)).to.deep.equal(["metrics"]);
        });

        it("protects the cluster and its operator in production only", () => {
            const cluster = (result: SynthResult) => customResources(result, "Cluster")[0];
            expect(cluster(large).protect).to.equal(true);
            expect(release(large, "cloudnative-pg").protect).to.equal(true);
            expect(cluster(development).protect).to.equal(false);
        });
    });

    describe("Redis", () => {
        it("is a standalone node with AUTH and TLS in development, reached on its own Service", () => {
            const spec = only(development, "Redis").spec;
            expect(spec.kubernetesConfig.redisSecret).to.deep.equal({ name: "platform-k-development-cache-auth", key: "password" });
            expect(spec.TLS.secret.secretName).to.equal("platform-k-development-cache-redis-tls-tls");
            expect(development.outputs.cache).to.deep.include({ host: "platform-k-development-cache.platform-k-development-data.svc", port: 6379, tls: true });
        });

        it("replicates to two replicas watched by three sentinels in staging, reached through the primary's Service", () => {
            expect(only(staging, "RedisReplication").spec.clusterSize).to.equal(3);
            const sentinel = only(staging, "RedisSentinel").spec;
            expect(sentinel.clusterSize).to.equal(3);
            expect(sentinel.redisSentinelConfig).to.include({ redisReplicationName: "platform-k-staging-cache", quorum: "2" });
            expect((staging.outputs.cache as Inputs).host).to.equal("platform-k-staging-cache-master.platform-k-staging-data.svc");
        });

        it("runs cluster mode with 3 primaries and 3 replicas in production-large", () => {
            const spec = only(large, "RedisCluster").spec;
            expect(spec.clusterSize).to.equal(3);
            expect(spec.redisLeader.replicas).to.equal(3);
            expect(spec.redisFollower.replicas).to.equal(3);
            expect(customResources(large, "RedisSentinel")).to.have.length(0);
            // Production keeps the volumes and the resource itself.
            expect(spec.storage.keepAfterDelete).to.equal(true);
            expect(customResources(large, "RedisCluster")[0].protect).to.equal(true);
            expect(only(development, "Redis").spec.storage.keepAfterDelete).to.equal(false);
        });

        it("persists RDB and AOF with a memory ceiling and an eviction policy", () => {
            const config = ofType(staging, "kubernetes:core/v1:ConfigMap").find((r) => inputs(r).metadata.name === "platform-k-staging-cache-config");
            const conf = inputs(config!).data["redis-additional.conf"];
            expect(conf).to.include("appendonly yes").and.include("maxmemory 2304mb").and.include("maxmemory-policy volatile-lru").and.match(/^save /m);
            expect(only(staging, "RedisReplication").spec.storage.volumeClaimTemplate.spec.resources.requests.storage).to.equal("9Gi");
        });

        it("generates the AUTH password into a Secret", () => {
            const secret = ofType(development, SECRET).find((r) => inputs(r).metadata.name === "platform-k-development-cache-auth");
            expect(inputs(secret!).stringData).to.equal(SECRET_PLACEHOLDER);
            expect(development.outputs.cache).to.include({ authSecretRef: "platform-k-development-data/platform-k-development-cache-auth" });
        });
    });

    describe("object storage", () => {
        it("serves the S3 API over TLS only, with authentication and no anonymous identity", () => {
            const values = release(development, "seaweedfs").inputs.values;
            expect(values.s3.enableAuth).to.equal(true);
            expect(values.s3.extraArgs.join(" ")).to.include("-cert.file=").and.include("-key.file=");
            const secrets = ofType(development, SECRET).map((r) => inputs(r).metadata.name);
            expect(secrets).to.include(/secretName: (\S+)/.exec(values.s3.extraVolumes)?.[1]);
            expect(values.s3.readinessProbe.httpGet.scheme).to.equal("HTTPS");
            expect(values.s3.livenessProbe.scheme).to.equal("HTTPS");
            expect(values.filer.encryptVolumeData).to.equal(true);
            expect(development.outputs.objectStore).to.deep.equal({
                bucketName: "platform-k-development-uploads",
                url: "https://platform-k-development-storage-s3.platform-k-development-data.svc:9000",
                region: "us-east-1",
            });
        });

        it("keeps every volume on a PVC, never on the node's disk", () => {
            const values = release(staging, "seaweedfs").inputs.values;
            expect(values.master.data.type).to.equal("persistentVolumeClaim");
            expect(values.filer.data.type).to.equal("persistentVolumeClaim");
            expect(values.volume.dataDirs.map((dir: Inputs) => dir.type)).to.deep.equal(["persistentVolumeClaim"]);
            for (const component of ["master", "volume", "filer", "s3"]) {
                expect(values[component].logs.type, component).to.equal("emptyDir");
            }
            // A second volume server and replication when the database is highly available.
            expect(values.volume.replicas).to.equal(2);
            expect(values.master.defaultReplication).to.equal("001");
            expect(values.volume.affinity).to.include("preferredDuringSchedulingIgnoredDuringExecution").and.not.include("required");
        });

        it("writes versioning, encryption and the 30/365-day lifecycle with a setup Job that mounts no token", () => {
            const jobs = ofType(development, "kubernetes:batch/v1:Job");
            expect(jobs).to.have.length(1);
            const pod = inputs(jobs[0]).spec.template.spec;
            expect(pod.automountServiceAccountToken).to.equal(false);
            const env = Object.fromEntries(pod.containers[0].env.map((variable: Inputs) => [variable.name, variable.value ?? variable.valueFrom]));
            expect(JSON.parse(env.LIFECYCLE).Rules).to.deep.include.members([
                { ID: "expire-noncurrent-versions", Status: "Enabled", Filter: { Prefix: "" }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
                { ID: "expire-objects", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 365 } },
            ]);
            expect(env.AWS_SECRET_ACCESS_KEY).to.deep.equal({ secretKeyRef: { name: "platform-k-development-storage-admin-credentials", key: "AWS_SECRET_ACCESS_KEY" } });
            expect(JSON.parse(env.CORS).CORSRules[0].AllowedOrigins).to.deep.equal(["https://acme-lms.com", "https://*.acme-lms.com"]);
            const script = pod.containers[0].command.join("\n");
            expect(script).to.include("put-bucket-versioning").and.include("Status=Enabled").and.include("put-bucket-encryption").and.include("put-bucket-lifecycle-configuration");
        });

        it("keeps the generated keys of the application and of the gateway's identities in Secrets", () => {
            const app = ofType(development, SECRET).find((r) => inputs(r).metadata.name === "platform-k-development-storage-app-credentials");
            expect(inputs(app!).stringData).to.equal(SECRET_PLACEHOLDER);
            const config = ofType(development, SECRET).find((r) => inputs(r).metadata.name === "platform-k-development-storage-s3-config");
            expect(inputs(config!).stringData).to.equal(SECRET_PLACEHOLDER);
        });
    });
});
