// The LMS document's daily logical dump (`logicalBackups`, on in production tiers): kept 30 days
// (BACKUP_RETENTION_DAYS=30), taken every day at 02:00 UTC, outside the database service.
import { expect } from "chai";
import { parseConfig } from "../config";
import { exportWorkflow, EXPORT_PERMISSIONS } from "../providers/gcp/backups";
import { clusterBackups } from "../providers/kubernetes/backups";
import { clientMajor, dailyAwsCron, dailyCron, dumpObjectName } from "../providers/logicalDump";
import { resolvePlatformSpec } from "../tiers";
import { dumpStorageGb } from "../tools/insights/dumpSize";
import { build, cloudTierConfig, inputs, one, ofType, statements } from "./helpers/stacks";

const RETENTION_DAYS = 30;
const stack = (cloud: string) => build(`dump-${cloud}`, cloudTierConfig(cloud, "production-small"));

describe("backups: pure rules", () => {
    it("runs every day at 02:00 UTC and names the file by date", () => {
        expect(dailyCron("02:00")).to.equal("0 2 * * *");
        expect(dailyAwsCron("02:00")).to.equal("cron(0 2 * * ? *)");
        expect(dailyCron("23:45")).to.equal("45 23 * * *");
        expect(dumpObjectName("2026-11-29")).to.equal("daily/2026-11-29.dump");
        expect(clientMajor("15.7")).to.equal("15");
    });

    it("is on in production tiers with the document's schedule and retention, off before unless asked", () => {
        const spec = (tier: string, extra = {}) => resolvePlatformSpec(parseConfig(cloudTierConfig("aws", tier, extra)), "platform", "x").backups;
        for (const tier of ["production-small", "production-medium", "production-large"]) {
            expect(spec(tier)).to.deep.equal({ enabled: true, timeUtc: "02:00", retentionDays: RETENTION_DAYS });
        }
        expect(spec("staging").enabled).to.equal(false);
        expect(spec("development", { logicalBackups: true }).enabled).to.equal(true);
    });

    it("has GCP's workflow date the export and wait for it through the SQL Admin connector", () => {
        const source = exportWorkflow({ project: "p", instance: "i", bucket: "b", database: "app" });
        expect(source).to.contain("call: googleapis.sqladmin.v1.instances.export");
        expect(source).to.contain('${"gs://b/daily/" + date + ".sql.gz"}');
        expect(source).to.contain("offload: true");
        expect(EXPORT_PERMISSIONS).to.deep.equal(["cloudsql.instances.get", "cloudsql.instances.export"]);
    });

    it("sizes the bucket at a tenth of the disk per dump, one a day for the retention", () => {
        expect(dumpStorageGb(100, RETENTION_DAYS)).to.equal(300);
    });

    it("on an existing cluster names CloudNativePG's own backups instead of a second copy", () => {
        const platform = resolvePlatformSpec(parseConfig(cloudTierConfig("kubernetes", "production-small")), "platform", "k");
        const backups = clusterBackups({ platform } as never);
        expect(backups.bucket).to.equal("platform-k-backups");
        expect(backups.schedule.split(" ")).to.have.length(6);
        expect(backups.retentionDays).to.equal(platform.database.backupRetentionDays);
    });
});

describe("backups: AWS", () => {
    it("keeps dumps 30 days in a versioned, KMS-encrypted, private, logged bucket, locked in production", async () => {
        const result = await stack("aws");
        const lifecycle = ofType(result, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((r) => r.name.endsWith("backups-bucket-lifecycle"));
        expect(inputs(lifecycle!).rules[0].expiration.days).to.equal(RETENTION_DAYS);
        const lock = inputs(one(result, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"));
        expect(lock.rule.defaultRetention).to.deep.equal({ mode: "GOVERNANCE", days: RETENTION_DAYS });
        expect(ofType(result, "aws:s3/bucketLogging:BucketLogging").some((r) => r.name.endsWith("backups-bucket-logging"))).to.equal(true);
        const encryption = ofType(result, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((r) => r.name.endsWith("backups-bucket-encryption"));
        expect(inputs(encryption!).rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("aws:kms");
    });

    it("starts a two-container Fargate task at 02:00 UTC that dumps over TLS and uploads, write-only", async () => {
        const result = await stack("aws");
        const schedule = inputs(one(result, "aws:scheduler/schedule:Schedule"));
        expect(schedule.scheduleExpression).to.equal("cron(0 2 * * ? *)");
        expect(schedule.scheduleExpressionTimezone).to.equal("UTC");
        expect(schedule.target.ecsParameters.launchType).to.equal("FARGATE");
        expect(schedule.target.ecsParameters.networkConfiguration.assignPublicIp).to.equal(false);
        const task = inputs(one(result, "aws:ecs/taskDefinition:TaskDefinition"));
        const containers = JSON.parse(task.containerDefinitions);
        expect(containers.map((c: { name: string }) => c.name)).to.deep.equal(["dump", "upload"]);
        expect(containers[0].command).to.include("--format=custom");
        expect(containers[0].environment).to.deep.include({ name: "PGSSLMODE", value: "require" });
        expect(containers[0].secrets[0].name).to.equal("PGPASSWORD");
        expect(containers[1].dependsOn).to.deep.equal([{ containerName: "dump", condition: "SUCCESS" }]);
        expect(containers.every((c: { readonlyRootFilesystem: boolean }) => c.readonlyRootFilesystem)).to.equal(true);
        const taskPolicy = ofType(result, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name.endsWith("backups-task-policy"));
        const actions = statements(inputs(taskPolicy!).policy).flatMap((s) => s.Action);
        expect(actions).to.have.members(["s3:PutObject", "kms:GenerateDataKey", "kms:Encrypt"]);
        expect(ofType(result, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").some((r) => r.name.endsWith("backups-db-in-dump") && inputs(r).fromPort === 5432)).to.equal(true);
    });
});

describe("backups: GCP", () => {
    it("exports daily at 02:00 UTC through a workflow into a versioned CMEK bucket that deletes after 30 days", async () => {
        const result = await stack("gcp");
        const job = ofType(result, "gcp:cloudscheduler/job:Job").find((r) => r.name.endsWith("backups-schedule"));
        expect(inputs(job!)).to.include({ schedule: "0 2 * * *", timeZone: "Etc/UTC" });
        expect(inputs(job!).httpTarget.oauthToken.serviceAccountEmail).to.be.a("string");
        const bucket = ofType(result, "gcp:storage/bucket:Bucket").find((r) => r.name.endsWith("backups-bucket"));
        const b = inputs(bucket!);
        expect(b.versioning.enabled).to.equal(true);
        expect(b.publicAccessPrevention).to.equal("enforced");
        expect(b.encryption.defaultKmsKeyName).to.be.a("string");
        expect(b.lifecycleRules[0]).to.deep.equal({ action: { type: "Delete" }, condition: { withState: "LIVE", age: RETENTION_DAYS } });
        const writer = inputs(one(result, "gcp:storage/bucketIAMMember:BucketIAMMember", "backups-sql-writer"));
        expect(writer.role).to.equal("roles/storage.objectCreator");
        expect(inputs(one(result, "gcp:workflows/workflow:Workflow")).cryptoKeyName).to.be.a("string");
    });
});

describe("backups: Azure", () => {
    it("runs a Container Apps job at 02:00 UTC into a private account that deletes dumps after 30 days", async () => {
        const result = await stack("azure");
        const job = ofType(result, "azure-native:app:Job").find((r) => r.name.endsWith("backups-job"));
        const j = inputs(job!);
        expect(j.configuration.triggerType).to.equal("Schedule");
        expect(j.configuration.scheduleTriggerConfig.cronExpression).to.equal("0 2 * * *");
        expect(j.template.initContainers[0].name).to.equal("dump");
        expect(j.template.initContainers[0].command[2]).to.contain("pg_dump --format=custom");
        expect(j.template.containers[0].command[2]).to.contain("daily/$(date -u +%F).dump");
        expect(j.configuration.secrets[0].keyVaultUrl).to.be.a("string");
        const account = inputs(ofType(result, "azure-native:storage:StorageAccount").find((r) => r.name.endsWith("backups-backups"))!);
        expect(account).to.include({ publicNetworkAccess: "Disabled", allowSharedKeyAccess: false, minimumTlsVersion: "TLS1_2" });
        const policy = inputs(ofType(result, "azure-native:storage:ManagementPolicy").find((r) => r.name.endsWith("backups-lifecycle"))!);
        expect(policy.policy.rules[0].definition.actions.baseBlob.delete.daysAfterModificationGreaterThan).to.equal(RETENTION_DAYS);
        const subnet = ofType(result, "azure-native:network:Subnet").find((r) => r.name.endsWith("backups-subnet"));
        expect(inputs(subnet!).addressPrefix).to.equal("10.0.0.32/27");
    });
});
