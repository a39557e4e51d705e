// Disaster-recovery copies on every cloud: a compliant baseline and one failing mutation per rule.

import { policy as rdsBackupsEncrypted } from "../../../policies/rules/aws/rds-backups-replication/encrypted";
import { policy as s3ReplicationEncrypted } from "../../../policies/rules/aws/s3-bucket-replication/encrypted-destination";
import { policy as s3ReplicationTime } from "../../../policies/rules/aws/s3-bucket-replication/replication-time-control";
import { policy as objectReplicationMetrics } from "../../../policies/rules/azure/object-replication-policy/metrics";
import { policy as transferKeepsSource } from "../../../policies/rules/gcp/storage-transfer-job/keeps-source";
import { PolicyCase, resource, set } from "../harness";

const s3Replication = () => [
    resource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", {
        bucket: "platform-prod-storage-bucket",
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [
            {
                id: "disaster-recovery",
                status: "Enabled",
                filter: { prefix: "" },
                deleteMarkerReplication: { status: "Enabled" },
                sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                destination: {
                    bucket: "arn:aws:s3:::platform-prod-dr-replica",
                    encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/replica" },
                    replicationTime: { status: "Enabled", time: { minutes: 15 } },
                    metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                },
            },
        ],
    }),
];

const backupsReplication = () => [
    resource("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "db-backups", {
        sourceDbInstanceArn: "arn:aws:rds:us-east-1:123456789012:db:platform-prod",
        kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/db",
        retentionPeriod: 30,
    }),
];

const transferJob = () => [
    resource("gcp:storage/transferJob:TransferJob", "replication", {
        description: "replicate",
        replicationSpec: {
            gcsDataSource: { bucketName: "source" },
            gcsDataSink: { bucketName: "replica" },
            transferOptions: { deleteObjectsFromSourceAfterTransfer: false, deleteObjectsUniqueInSink: false },
        },
    }),
];

const objectReplication = () => [
    resource("azure-native:storage:ObjectReplicationPolicy", "replication-source", {
        accountName: "source",
        resourceGroupName: "rg",
        sourceAccount: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/source",
        destinationAccount: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/replica",
        rules: [{ sourceContainer: "documents", destinationContainer: "documents" }],
        metrics: { enabled: true },
    }),
];

export const cases: PolicyCase[] = [
    {
        policy: s3ReplicationTime,
        baseline: s3Replication,
        mutations: [
            { title: "no RTC", apply: set("replication", "rules.0.destination.replicationTime.status", "Disabled"), message: /has no Replication Time Control/ },
            { title: "no metrics", apply: set("replication", "rules.0.destination.metrics", undefined), message: /has no replication metrics/ },
            { title: "a disabled rule is not checked", apply: set("replication", "rules.0.status", "Disabled"), expectNone: true },
        ],
    },
    {
        policy: s3ReplicationEncrypted,
        baseline: s3Replication,
        mutations: [
            { title: "SSE-KMS objects skipped", apply: set("replication", "rules.0.sourceSelectionCriteria", undefined), message: /does not replicate SSE-KMS objects/ },
            { title: "no replica key", apply: set("replication", "rules.0.destination.encryptionConfiguration", undefined), message: /has no replicaKmsKeyId/ },
        ],
    },
    {
        policy: rdsBackupsEncrypted,
        baseline: backupsReplication,
        mutations: [{ title: "no key", apply: set("db-backups", "kmsKeyId", undefined), message: /kmsKeyId is not set/ }],
    },
    {
        policy: transferKeepsSource,
        baseline: transferJob,
        mutations: [
            { title: "deletes the source", apply: set("replication", "replicationSpec.transferOptions.deleteObjectsFromSourceAfterTransfer", true), message: /deletes the source's objects/ },
            { title: "deletes sink-only objects", apply: set("replication", "replicationSpec.transferOptions.deleteObjectsUniqueInSink", true), message: /deletes objects only the sink has/ },
        ],
    },
    {
        policy: objectReplicationMetrics,
        baseline: objectReplication,
        mutations: [{ title: "metrics off", apply: set("replication-source", "metrics.enabled", false), message: /replication metrics are off/ }],
    },
];
