// Disaster recovery on every cloud: the documents' targets (LMS: database RPO 1 h / RTO 2 h,
// user files RPO 1 h by cross-region replication; idea-management: RTO 4 h, RPO 1 h), the
// copies each cloud builds in the DR region, and what the plan reports of them. Every expected
// number is written here from the documents, never read from FEATURE_CONSTANTS.
import { expect } from "chai";
import { platformPromise, restoreMinutes } from "../providers/recovery";
import { validateRecovery } from "../providers/azure/disasterRecovery";
import { secretReplicaKeyAlias } from "../providers/aws/secretReplicas";
import { formatRecovery, recoveryReport } from "../tools/insights";
import { RecordedResource, SynthResult } from "../tools/synth";
import { build, cloudTierConfig, inputs, ofType, one } from "./helpers/stacks";
import { PlatformSpec } from "../tiers/types";

const TARGETS = {
    database: { rpoMinutes: 60, rtoMinutes: 120 },
    files: { rpoMinutes: 60, rtoMinutes: 60 },
    platform: { rpoMinutes: 60, rtoMinutes: 240 },
};
/** production-small keeps 30 days of database backups. */
const BACKUP_DAYS = 30;

/** The DR-region resources: children of the RecoveryRegion component, created through the second provider. */
function inDrRegion(result: SynthResult): RecordedResource[] {
    const scope = result.resources.find((r) => r.type === "platform:index:RecoveryRegion");
    expect(scope, "RecoveryRegion component").to.not.equal(undefined);
    return result.resources.filter((r) => r.parent === scope!.urn);
}

function typesIn(resources: RecordedResource[]): Record<string, number> {
    const counts: Record<string, number> = {};
    resources.forEach((r) => (counts[r.type] = (counts[r.type] ?? 0) + 1));
    return counts;
}

/** A nested input by dotted path ("destination.metrics.status"; numeric segments index arrays). */
function dig(value: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

function drOutput(result: SynthResult) {
    return result.outputs.disasterRecovery as { region: string; targets: typeof TARGETS; promises: { component: string; rpoMinutes: number; rtoMinutes: number }[] };
}

function expectTargetsAndPromises(result: SynthResult, region: string): void {
    const output = drOutput(result);
    expect(output.region).to.equal(region);
    expect(output.targets).to.deep.equal(TARGETS);
    const report = recoveryReport(result.outputs)!;
    expect(report.rows.map((row) => row.component)).to.deep.equal(["database", "files", "secrets", "platform"]);
    expect(report.rows.filter((row) => row.misses.length > 0), "promises missing a target").to.deep.equal([]);
    expect(formatRecovery(report)).to.contain(`Disaster recovery (copies in ${region})`).and.contain("1 h / 2 h").and.contain("1 h / 4 h");
}

describe("disaster recovery: promises and the plan's report (pure)", () => {
    it("estimates a restore from the data's size and the platform from its slowest part plus the DNS switch", () => {
        expect(restoreMinutes(100)).to.equal(45);
        expect(restoreMinutes(2000)).to.equal(140);
        const platform = platformPromise([
            { component: "database", rpoMinutes: 10, rtoMinutes: 140, method: "" },
            { component: "files", rpoMinutes: 15, rtoMinutes: 15, method: "" },
        ]);
        expect(platform).to.include({ component: "platform", rpoMinutes: 15, rtoMinutes: 145 });
    });

    it("flags a promise that misses the documents' target", () => {
        const report = recoveryReport({
            disasterRecovery: { region: "us-west-2", targets: TARGETS, promises: [{ component: "database", rpoMinutes: 10, rtoMinutes: 140, method: "restore" }] },
        })!;
        expect(report.rows[0].misses).to.deep.equal(["RTO"]);
        expect(formatRecovery(report)).to.contain("MISSES RTO").and.contain("WARNING: database misses its RTO target");
        expect(recoveryReport({})).to.equal(undefined);
    });

    it("refuses an Azure DR region that is not the region's pair, naming the pair", () => {
        const spec = (region: string, drRegion: string) => ({ region, disasterRecovery: { region: drRegion, targets: TARGETS } }) as unknown as PlatformSpec;
        expect(validateRecovery(spec("eastus", "westus"))).to.deep.equal([]);
        const [problem] = validateRecovery(spec("eastus", "eastus2"));
        expect(problem).to.contain('drRegion: "eastus2"').and.contain('set drRegion to "westus"');
    });
});

describe("disaster recovery on AWS (drRegion us-west-2)", function () {
    let result: SynthResult;
    before(async () => {
        result = await build("dr-aws", cloudTierConfig("aws", "production-small", { drRegion: "us-west-2" }));
    });

    it("states the documents' targets and promises that meet them", () => expectTargetsAndPromises(result, "us-west-2"));

    it("creates the copies in us-west-2 through a second provider", () => {
        const provider = one(result, "pulumi:providers:aws", "-dr-provider");
        expect(inputs(provider).region).to.equal("us-west-2");
        const there = inDrRegion(result);
        for (const resource of there) {
            expect(resource.provider, resource.name).to.contain(provider.urn);
        }
        const counts = typesIn(there);
        // The documents' replica, the backups' replica and the replicas' access-log bucket; three keys.
        expect(counts["aws:s3/bucket:Bucket"]).to.equal(3);
        expect(counts["aws:kms/key:Key"]).to.equal(3);
        expect(counts["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"]).to.equal(1);
    });

    it("replicates every object, delete markers and SSE-KMS objects within 15 minutes, with metrics", () => {
        const configs = ofType(result, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        expect(configs).to.have.length(2);
        const rule = dig(inputs(one(result, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "-dr-replication")), "rules.0");
        expect(dig(rule, "status")).to.equal("Enabled");
        expect(dig(rule, "deleteMarkerReplication.status")).to.equal("Enabled");
        expect(dig(rule, "sourceSelectionCriteria.sseKmsEncryptedObjects.status")).to.equal("Enabled");
        expect(dig(rule, "destination.replicationTime")).to.deep.equal({ status: "Enabled", time: { minutes: 15 } });
        expect(dig(rule, "destination.metrics")).to.deep.equal({ status: "Enabled", eventThreshold: { minutes: 15 } });
        expect(dig(rule, "destination.encryptionConfiguration.replicaKmsKeyId")).to.be.a("string").and.not.equal("");
    });

    it("keeps the replica versioned and KMS-encrypted", () => {
        const versioning = one(result, "aws:s3/bucketVersioning:BucketVersioning", "-dr-replica-versioning");
        expect((inputs(versioning).versioningConfiguration as Record<string, string>).status).to.equal("Enabled");
        const sse = one(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "-dr-replica-encryption");
        expect(dig(inputs(sse), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).to.equal("aws:kms");
    });

    it("replicates the automated backups for the tier's 30 days", () => {
        const replication = inputs(one(result, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"));
        expect(replication.retentionPeriod).to.equal(BACKUP_DAYS);
        expect(replication.kmsKeyId).to.be.a("string").and.not.equal("");
    });

    it("gives every platform secret a replica in us-west-2 under the DR region's secrets key", () => {
        const secrets = ofType(result, "aws:secretsmanager/secret:Secret");
        expect(secrets.length).to.be.at.least(4);
        for (const secret of secrets) {
            expect(inputs(secret).replicas, secret.name).to.deep.equal([{ region: "us-west-2", kmsKeyId: secretReplicaKeyAlias(`platform-dr-aws`) }]);
        }
        expect(inputs(one(result, "aws:kms/alias:Alias", "-dr-secrets-key-alias")).name).to.equal("alias/platform-dr-aws-dr-secrets");
    });
});

describe("disaster recovery on GCP (drRegion us-east1)", function () {
    let result: SynthResult;
    before(async () => {
        result = await build("dr-gcp", cloudTierConfig("gcp", "production-small", { drRegion: "us-east1" }));
    });

    it("states the documents' targets and promises that meet them", () => expectTargetsAndPromises(result, "us-east1"));

    it("keeps a promotable Cloud SQL replica, a CMEK bucket and a key ring in us-east1", () => {
        const counts = typesIn(inDrRegion(result));
        expect(counts["gcp:kms/keyRing:KeyRing"]).to.equal(1);
        expect(counts["gcp:kms/cryptoKey:CryptoKey"]).to.equal(3);
        expect(counts["gcp:storage/bucket:Bucket"]).to.equal(2);
        const replica = inputs(one(result, "gcp:sql/databaseInstance:DatabaseInstance", "-dr-db-replica"));
        expect(replica).to.include({ region: "us-east1", instanceType: "READ_REPLICA_INSTANCE" });
        expect(replica.encryptionKeyName).to.be.a("string").and.not.equal("");
        const bucket = inputs(one(result, "gcp:storage/bucket:Bucket", "-dr-replica"));
        expect(bucket.location).to.equal("us-east1");
        expect(bucket.versioning).to.deep.equal({ enabled: true });
    });

    it("replicates the buckets with Storage Transfer Service replication jobs", () => {
        const jobs = ofType(result, "gcp:storage/transferJob:TransferJob");
        expect(jobs).to.have.length(2);
        const spec = inputs(one(result, "gcp:storage/transferJob:TransferJob", "-dr-replication")).replicationSpec;
        expect(dig(spec, "gcsDataSink.bucketName")).to.be.a("string").and.not.equal("");
        expect(dig(spec, "transferOptions.deleteObjectsFromSourceAfterTransfer")).to.equal(false);
    });

    it("replicates every secret to both regions, each under a key of its region", () => {
        for (const secret of ofType(result, "gcp:secretmanager/secret:Secret")) {
            const replicas = dig(inputs(secret), "replication.userManaged.replicas") as unknown[];
            expect(replicas.map((replica) => dig(replica, "location")), secret.name).to.deep.equal(["us-central1", "us-east1"]);
            replicas.forEach((replica) => expect(dig(replica, "customerManagedEncryption.kmsKeyName")).to.be.a("string").and.not.equal(""));
        }
    });
});

describe("disaster recovery on Azure (drRegion westus, the pair of eastus)", function () {
    let result: SynthResult;
    before(async () => {
        result = await build("dr-azure", cloudTierConfig("azure", "staging", { drRegion: "westus" }));
    });

    it("states the documents' targets and promises that meet them", () => expectTargetsAndPromises(result, "westus"));

    it("turns on geo-redundant backups even below production", () => {
        const server = inputs(one(result, "azure-native:dbforpostgresql:Server", "-db-primary"));
        expect((server.backup as Record<string, string>).geoRedundantBackup).to.equal("Enabled");
    });

    it("replicates the documents container to a CMK-encrypted account in westus", () => {
        const account = inputs(one(result, "azure-native:storage:StorageAccount", "-dr-replica"));
        expect(account.location).to.equal("westus");
        expect((account.encryption as Record<string, string>).keySource).to.equal("Microsoft.Keyvault");
        const policies = ofType(result, "azure-native:storage:ObjectReplicationPolicy");
        expect(policies).to.have.length(2);
        const source = inputs(one(result, "azure-native:storage:BlobServiceProperties", "-storage-blob-service"));
        expect((source.changeFeed as Record<string, unknown>).enabled).to.equal(true);
        const vault = inputs(one(result, "azure-native:keyvault:Vault", "-dr-vault"));
        expect(vault.location).to.equal("westus");
    });
});
