// Cloud SQL, Memorystore, Cloud Storage, Secret Manager, KMS, Pub/Sub and log buckets: a
// compliant baseline and at least one failing mutation per rule.

import { policy as bucketLogging } from "../../../policies/rules/gcp/storage-bucket/access-logging";
import { policy as bucketCmek } from "../../../policies/rules/gcp/storage-bucket/encrypted-with-cmek";
import { policy as bucketLifecycle } from "../../../policies/rules/gcp/storage-bucket/lifecycle";
import { policy as bucketPap } from "../../../policies/rules/gcp/storage-bucket/public-access-prevention";
import { policy as bucketProtected } from "../../../policies/rules/gcp/storage-bucket/protected";
import { policy as bucketUniform } from "../../../policies/rules/gcp/storage-bucket/uniform-access";
import { policy as bucketVersioning } from "../../../policies/rules/gcp/storage-bucket/versioning";
import { policy as keyRotation } from "../../../policies/rules/gcp/kms-crypto-key/rotation";
import { policy as logBucketCmek } from "../../../policies/rules/gcp/logging-bucket/encrypted-with-cmek";
import { policy as logBucketRetention } from "../../../policies/rules/gcp/logging-bucket/retention";
import { policy as topicCmek } from "../../../policies/rules/gcp/pubsub-topic/encrypted-with-cmek";
import { policy as redisAuth } from "../../../policies/rules/gcp/redis/auth";
import { policy as redisTransit } from "../../../policies/rules/gcp/redis/encrypted-in-transit";
import { policy as redisCmek } from "../../../policies/rules/gcp/redis/encrypted-with-cmek";
import { policy as redisHa } from "../../../policies/rules/gcp/redis/high-availability";
import { policy as redisPersistence } from "../../../policies/rules/gcp/redis/persistence";
import { policy as redisPrivate } from "../../../policies/rules/gcp/redis/private-service-access";
import { policy as secretCmek } from "../../../policies/rules/gcp/secret-manager-secret/encrypted-with-cmek";
import { policy as sqlBackups } from "../../../policies/rules/gcp/sql-database-instance/backup-retention";
import { policy as sqlDeletion } from "../../../policies/rules/gcp/sql-database-instance/deletion-protection";
import { policy as sqlCmek } from "../../../policies/rules/gcp/sql-database-instance/encrypted-with-cmek";
import { policy as sqlHa } from "../../../policies/rules/gcp/sql-database-instance/high-availability";
import { policy as sqlFlags } from "../../../policies/rules/gcp/sql-database-instance/log-flags";
import { policy as sqlPublic } from "../../../policies/rules/gcp/sql-database-instance/no-public-ip";
import { policy as sqlTls } from "../../../policies/rules/gcp/sql-database-instance/tls-enforced";
import { buckets, codeBucket, cryptoKey, G, iamGrants, logBucket, redisCluster, redisInstance, secret, sqlPrimary, sqlReplica, topic } from "../fixtures/gcp";
import { add, PolicyCase, resource, set, setResource } from "../harness";

const database = () => [sqlPrimary(), sqlReplica()];
const cache = () => [redisInstance(), redisCluster()];
const ip = "settings.ipConfiguration";
const backups = "settings.backupConfiguration";

export const cases: PolicyCase[] = [
    {
        policy: sqlCmek,
        baseline: database,
        mutations: [
            { title: "no key on the primary", apply: set("db-primary", "encryptionKeyName", undefined), message: /encryptionKeyName is not set/ },
            { title: "no key on a replica", apply: set("db-replica-1", "encryptionKeyName", undefined), message: /encryptionKeyName is not set/ },
        ],
    },
    {
        policy: sqlPublic,
        baseline: database,
        mutations: [
            { title: "public IPv4 left at its default", apply: set("db-primary", `${ip}.ipv4Enabled`, undefined), message: /ipv4Enabled is not false/ },
            { title: "no private network", apply: set("db-replica-1", `${ip}.privateNetwork`, undefined), message: /privateNetwork is not set/ },
            { title: "world authorized", apply: set("db-primary", `${ip}.authorizedNetworks`, [{ name: "all", value: "0.0.0.0/0" }]), message: /authorizedNetworks admits 0.0.0.0\/0/ },
        ],
    },
    {
        policy: sqlTls,
        baseline: database,
        mutations: [
            { title: "unencrypted allowed", apply: set("db-primary", `${ip}.sslMode`, "ALLOW_UNENCRYPTED_AND_ENCRYPTED"), message: /sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED"/ },
            { title: "sslMode unset", apply: set("db-replica-1", `${ip}.sslMode`, undefined), message: /not set \(unencrypted connections allowed\)/ },
            { title: "client certificates are stricter", apply: set("db-primary", `${ip}.sslMode`, "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"), expectNone: true },
            {
                title: "config may demand client certificates",
                config: { "gcp-sql-database-instance-tls-enforced": { allowedModes: ["TRUSTED_CLIENT_CERTIFICATE_REQUIRED"] } },
                apply: () => undefined,
                message: /require one of TRUSTED_CLIENT_CERTIFICATE_REQUIRED/,
            },
        ],
    },
    {
        policy: sqlBackups,
        baseline: database,
        mutations: [
            { title: "7 backups in production", apply: set("db-primary", `${backups}.backupRetentionSettings.retainedBackups`, 7), message: /keeps 7 daily backup\(s\); the production-medium tier requires at least 30/ },
            { title: "default retention in staging", tier: "staging", apply: set("db-primary", `${backups}.backupRetentionSettings`, undefined), message: /keeps 7 daily backup\(s\) \(the default\); the staging tier requires at least 14/ },
            { title: "backups off", tier: "development", apply: set("db-primary", `${backups}.enabled`, false), message: /enabled is not true/ },
            { title: "no point-in-time recovery", apply: set("db-primary", `${backups}.pointInTimeRecoveryEnabled`, false), message: /pointInTimeRecoveryEnabled is not true/ },
            { title: "config minimumDays wins", config: { "gcp-sql-database-instance-backup-retention": { minimumDays: 35 } }, apply: () => undefined, message: /at least 35/ },
            { title: "7 backups are enough in development", tier: "development", apply: set("db-primary", `${backups}.backupRetentionSettings.retainedBackups`, 7), expectNone: true },
        ],
    },
    {
        policy: sqlHa,
        baseline: database,
        mutations: [
            { title: "zonal in production", apply: set("db-primary", "settings.availabilityType", "ZONAL"), message: /availabilityType is "ZONAL"/ },
            { title: "unset means zonal", tier: "staging", apply: set("db-primary", "settings.availabilityType", undefined), message: /not set \(ZONAL\)/ },
            { title: "zonal in development is by design", tier: "development", apply: set("db-primary", "settings.availabilityType", "ZONAL"), expectNone: true },
        ],
    },
    {
        policy: sqlDeletion,
        baseline: database,
        mutations: [
            { title: "provider protection off", apply: set("db-primary", "deletionProtection", false), message: /deletionProtection is false/ },
            { title: "API protection off", apply: set("db-replica-1", "settings.deletionProtectionEnabled", undefined), message: /deletionProtectionEnabled is not true/ },
            { title: "staging does not require it", tier: "staging", apply: set("db-primary", "deletionProtection", false), expectNone: true },
        ],
    },
    {
        policy: sqlFlags,
        baseline: database,
        mutations: [
            { title: "connections not logged", apply: set("db-primary", "settings.databaseFlags.1.value", "off"), message: /does not set log_connections=on/ },
            { title: "no flags on a replica", apply: set("db-replica-1", "settings.databaseFlags", []), message: /log_checkpoints=on, log_connections=on, log_disconnections=on, log_lock_waits=on/ },
        ],
    },
    {
        policy: redisAuth,
        baseline: cache,
        mutations: [
            { title: "instance without AUTH", apply: set("redis", "authEnabled", false), message: /authEnabled is not true/ },
            { title: "cluster without IAM auth", apply: set("redis-cluster", "authorizationMode", undefined), message: /authorizationMode is not set \(AUTH_MODE_DISABLED\)/ },
        ],
    },
    {
        policy: redisTransit,
        baseline: cache,
        mutations: [
            { title: "instance without TLS", apply: set("redis", "transitEncryptionMode", "DISABLED"), message: /transitEncryptionMode is "DISABLED"; require SERVER_AUTHENTICATION/ },
            { title: "cluster without TLS", apply: set("redis-cluster", "transitEncryptionMode", undefined), message: /not set \(TLS disabled\); require TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION/ },
        ],
    },
    {
        policy: redisCmek,
        baseline: cache,
        mutations: [
            { title: "instance without key", apply: set("redis", "customerManagedKey", undefined), message: /customerManagedKey is not set/ },
            { title: "cluster without key", apply: set("redis-cluster", "kmsKey", undefined), message: /kmsKey is not set/ },
        ],
    },
    {
        policy: redisPrivate,
        baseline: cache,
        mutations: [
            { title: "direct peering", apply: set("redis", "connectMode", undefined), message: /connectMode is not set \(DIRECT_PEERING\)/ },
            { title: "default network", apply: set("redis", "authorizedNetwork", undefined), message: /authorizedNetwork is not set/ },
            { title: "cluster without PSC", apply: set("redis-cluster", "pscConfigs", []), message: /pscConfigs is empty/ },
        ],
    },
    {
        policy: redisHa,
        baseline: cache,
        mutations: [
            { title: "basic tier in production", apply: set("redis", "tier", "BASIC"), message: /tier is "BASIC"/ },
            { title: "cluster without replicas in staging", tier: "staging", apply: set("redis-cluster", "replicaCount", 0), message: /replicaCount is 0/ },
            { title: "basic tier in development is by design", tier: "development", apply: set("redis", "tier", "BASIC"), expectNone: true },
        ],
    },
    {
        policy: redisPersistence,
        baseline: cache,
        mutations: [
            { title: "instance without snapshots", apply: set("redis", "persistenceConfig", undefined), message: /persistenceConfig.persistenceMode is not set \(DISABLED\)/ },
            { title: "cluster persistence disabled", apply: set("redis-cluster", "persistenceConfig.mode", "DISABLED"), message: /persistenceConfig.mode is "DISABLED"/ },
            { title: "append-only file on a cluster", apply: set("redis-cluster", "persistenceConfig", { mode: "AOF", aofConfig: { appendFsync: "EVERYSEC" } }), expectNone: true },
        ],
    },
    {
        policy: bucketPap,
        baseline: buckets,
        mutations: [{ title: "inherited", apply: set("data", "publicAccessPrevention", "inherited"), message: /publicAccessPrevention is "inherited"/ }],
    },
    {
        policy: bucketUniform,
        baseline: buckets,
        mutations: [{ title: "fine-grained ACLs", apply: set("logs", "uniformBucketLevelAccess", false), message: /uniformBucketLevelAccess is not true/ }],
    },
    {
        policy: bucketCmek,
        baseline: buckets,
        mutations: [{ title: "Google-managed key", apply: set("data", "encryption", undefined), message: /defaultKmsKeyName is not set/ }],
    },
    {
        policy: bucketVersioning,
        baseline: buckets,
        mutations: [{ title: "versioning off", apply: set("data", "versioning.enabled", false), message: /versioning.enabled is not true/ }],
    },
    {
        policy: bucketLogging,
        baseline: buckets,
        mutations: [
            { title: "no access logs", apply: set("data", "logging", undefined), message: /bucket "data" has no access logging/ },
            { title: "logging to itself", apply: set("data", "logging.logBucket", "platform-data-acme"), message: /bucket "data" logs to itself/ },
        ],
    },
    {
        policy: bucketProtected,
        baseline: () => [...buckets(), ...codeBucket(), ...iamGrants()],
        mutations: [
            { title: "data bucket not protected", apply: setResource("data", "protect", false), message: /bucket "data" is not protected/ },
            { title: "data bucket force-destroyed", apply: set("data", "forceDestroy", true), message: /bucket "data" has forceDestroy true/ },
            { title: "the access-log bucket holds data too", apply: setResource("logs", "protect", false), message: /bucket "logs" is not protected/ },
            {
                title: "a code bucket someone else may write to holds data",
                apply: add(resource(G.bucketIamMember, "code-writer", { bucket: "platform-code-acme", role: "roles/storage.objectCreator", member: "serviceAccount:web@acme.iam.gserviceaccount.com" })),
                message: /bucket "code" is not protected/,
            },
            { title: "staging need not protect", tier: "staging", apply: setResource("data", "protect", false), expectNone: true },
        ],
    },
    {
        policy: bucketLifecycle,
        baseline: buckets,
        mutations: [
            { title: "no lifecycle", apply: set("logs", "lifecycleRules", undefined), message: /no lifecycle rule deletes anything/ },
            { title: "noncurrent versions kept", apply: set("data", "lifecycleRules", [{ action: { type: "Delete" }, condition: { age: 365 } }]), message: /no lifecycle rule deletes noncurrent versions/ },
        ],
    },
    {
        policy: secretCmek,
        baseline: () => [secret()],
        mutations: [
            { title: "replica without key", apply: set("app-secret", "replication.userManaged.replicas.0.customerManagedEncryption", undefined), message: /replicas\[0\] \(us-central1\) has no customerManagedEncryption/ },
            { title: "automatic replication without key", apply: set("app-secret", "replication", { auto: {} }), message: /replication.auto has no customerManagedEncryption/ },
        ],
    },
    {
        policy: keyRotation,
        baseline: () => [cryptoKey()],
        mutations: [
            { title: "never rotated", apply: set("data-key", "rotationPeriod", undefined), message: /rotationPeriod is not set/ },
            { title: "yearly", apply: set("data-key", "rotationPeriod", "31536000s"), message: /rotationPeriod is 365 days; rotate at least every 90 days/ },
            { title: "signing keys do not rotate on a schedule", apply: set("data-key", "purpose", "ASYMMETRIC_SIGN"), expectNone: true },
        ],
    },
    {
        policy: topicCmek,
        baseline: () => [topic()],
        mutations: [{ title: "Google-managed key", apply: set("tasks", "kmsKeyName", undefined), message: /kmsKeyName is not set/ }],
    },
    {
        policy: logBucketRetention,
        baseline: () => [logBucket()],
        mutations: [
            { title: "30 days in production", apply: set("log-bucket", "retentionDays", 30), message: /retentionDays is 30; the production-medium tier keeps logs at least 365 days/ },
            { title: "default in staging is 30, enough", tier: "staging", apply: set("log-bucket", "retentionDays", undefined), expectNone: true },
            { title: "7 days in development", tier: "development", apply: set("log-bucket", "retentionDays", 7), message: /at least 14 days/ },
        ],
    },
    {
        policy: logBucketCmek,
        baseline: () => [logBucket()],
        mutations: [{ title: "no key", apply: set("log-bucket", "cmekSettings", undefined), message: /cmekSettings.kmsKeyName is not set/ }],
    },
];
