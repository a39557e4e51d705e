// RDS, ElastiCache and S3: a compliant baseline and one failing mutation per rule.

import { policy as rdsAutoMinor } from "../../../policies/rules/aws/rds-instance/auto-minor-version-upgrade";
import { policy as rdsBackup } from "../../../policies/rules/aws/rds-instance/backup-retention";
import { policy as rdsCopyTags } from "../../../policies/rules/aws/rds-instance/copy-tags-to-snapshot";
import { policy as rdsDeletion } from "../../../policies/rules/aws/rds-instance/deletion-protection";
import { policy as rdsMonitoring } from "../../../policies/rules/aws/rds-instance/enhanced-monitoring";
import { policy as rdsIamAuth } from "../../../policies/rules/aws/rds-instance/iam-authentication";
import { policy as rdsLogs } from "../../../policies/rules/aws/rds-instance/logs-exported";
import { policy as rdsMultiAz } from "../../../policies/rules/aws/rds-instance/multi-az";
import { policy as rdsPublic } from "../../../policies/rules/aws/rds-instance/not-publicly-accessible";
import { policy as rdsInsights } from "../../../policies/rules/aws/rds-instance/performance-insights";
import { policy as rdsProtected } from "../../../policies/rules/aws/rds-instance/protected";
import { policy as rdsEncrypted } from "../../../policies/rules/aws/rds-instance/storage-encrypted";
import { policy as rdsTls } from "../../../policies/rules/aws/rds-instance/tls-enforced";
import { policy as cacheAuth } from "../../../policies/rules/aws/elasticache-replication-group/auth-token";
import { policy as cacheFailover } from "../../../policies/rules/aws/elasticache-replication-group/automatic-failover";
import { policy as cacheAtRest } from "../../../policies/rules/aws/elasticache-replication-group/encrypted-at-rest";
import { policy as cacheInTransit } from "../../../policies/rules/aws/elasticache-replication-group/encrypted-in-transit";
import { policy as cacheProtected } from "../../../policies/rules/aws/elasticache-replication-group/protected";
import { policy as cacheSnapshots } from "../../../policies/rules/aws/elasticache-replication-group/snapshot-retention";
import { policy as s3Logging } from "../../../policies/rules/aws/s3-bucket/access-logging";
import { policy as s3Acls } from "../../../policies/rules/aws/s3-bucket/acls-disabled";
import { policy as s3Transport } from "../../../policies/rules/aws/s3-bucket/deny-insecure-transport";
import { policy as s3Encrypted } from "../../../policies/rules/aws/s3-bucket/encrypted";
import { policy as s3Kms } from "../../../policies/rules/aws/s3-bucket/encrypted-with-kms";
import { policy as s3Lifecycle } from "../../../policies/rules/aws/s3-bucket/lifecycle";
import { policy as s3PublicAcl } from "../../../policies/rules/aws/s3-bucket/no-public-acl";
import { policy as s3PublicAccessBlock } from "../../../policies/rules/aws/s3-bucket/public-access-block";
import { policy as s3Tls12 } from "../../../policies/rules/aws/s3-bucket/tls-minimum-1-2";
import { policy as s3Versioning } from "../../../policies/rules/aws/s3-bucket/versioning-enabled";
import { policy as s3BucketPolicyPublic } from "../../../policies/rules/aws/s3-bucket-policy/no-public-principal";
import { policy as s3BlockAll } from "../../../policies/rules/aws/s3-bucket-public-access-block/all-enabled";
import { bucketStack, parameterGroup, rdsPrimary, rdsReplica, replicationGroup } from "../fixtures/aws";
import { add, PolicyCase, remove, resource, set, setResource } from "../harness";

const database = () => [rdsPrimary(), rdsReplica(), parameterGroup()];
const cache = () => [replicationGroup()];

export const cases: PolicyCase[] = [
    {
        policy: rdsEncrypted,
        baseline: database,
        mutations: [
            { title: "storageEncrypted false", apply: set("db-primary", "storageEncrypted", false), message: /storageEncrypted is not true/ },
            { title: "no kmsKeyId", apply: set("db-primary", "kmsKeyId", undefined), message: /kmsKeyId is not set/ },
        ],
    },
    {
        policy: rdsPublic,
        baseline: database,
        mutations: [{ title: "publicly accessible", apply: set("db-primary", "publiclyAccessible", true), message: /publiclyAccessible is true/ }],
    },
    {
        policy: rdsBackup,
        baseline: database,
        mutations: [
            { title: "7 days in production", apply: set("db-primary", "backupRetentionPeriod", 7), message: /is 7 day\(s\); the production-medium tier requires at least 30/ },
            { title: "14 days in staging", tier: "staging", apply: set("db-primary", "backupRetentionPeriod", 7), message: /requires at least 14/ },
            { title: "backups off", tier: "development", apply: set("db-primary", "backupRetentionPeriod", 0), message: /is 0 day\(s\).*at least 7/ },
            { title: "config minimumDays wins", config: { "aws-rds-instance-backup-retention": { minimumDays: 35 } }, apply: () => undefined, message: /at least 35/ },
            { title: "7 days is enough in development", tier: "development", apply: set("db-primary", "backupRetentionPeriod", 7), expectNone: true },
        ],
    },
    {
        policy: rdsMultiAz,
        baseline: database,
        mutations: [
            { title: "single AZ in production", apply: set("db-primary", "multiAz", false), message: /multiAz is not true/ },
            { title: "single AZ in development is by design", tier: "development", apply: set("db-primary", "multiAz", false), expectNone: true },
        ],
    },
    {
        policy: rdsDeletion,
        baseline: database,
        mutations: [
            { title: "no deletion protection", apply: set("db-primary", "deletionProtection", false), message: /deletionProtection is not true/ },
            { title: "staging does not require it", tier: "staging", apply: set("db-primary", "deletionProtection", false), expectNone: true },
        ],
    },
    {
        policy: rdsProtected,
        baseline: database,
        mutations: [
            { title: "not protected", apply: setResource("db-primary", "protect", false), message: /not protected/ },
            { title: "development need not protect", tier: "development", apply: setResource("db-primary", "protect", false), expectNone: true },
        ],
    },
    {
        policy: rdsAutoMinor,
        baseline: database,
        mutations: [{ title: "upgrades off", apply: set("db-primary", "autoMinorVersionUpgrade", false), message: /autoMinorVersionUpgrade is false/ }],
    },
    {
        policy: rdsTls,
        baseline: database,
        mutations: [
            { title: "force_ssl off", apply: set("db-params", "parameters.0.value", "0"), message: /does not set rds.force_ssl = 1/ },
            { title: "default parameter group", apply: set("db-primary", "parameterGroupName", undefined), message: /default parameter group/ },
            { title: "group outside the stack", apply: remove("db-params"), message: /not in this stack/ },
        ],
    },
    {
        policy: rdsLogs,
        baseline: database,
        mutations: [
            { title: "no exports", apply: set("db-primary", "enabledCloudwatchLogsExports", []), message: /is empty/ },
            { title: "postgresql log missing", apply: set("db-primary", "enabledCloudwatchLogsExports", ["upgrade"]), message: /does not include "postgresql"/ },
        ],
    },
    {
        policy: rdsInsights,
        baseline: database,
        mutations: [
            { title: "insights off", apply: set("db-primary", "performanceInsightsEnabled", false), message: /performanceInsightsEnabled is not true/ },
            { title: "insights without CMK", apply: set("db-primary", "performanceInsightsKmsKeyId", undefined), message: /performanceInsightsKmsKeyId is not set/ },
        ],
    },
    {
        policy: rdsIamAuth,
        baseline: database,
        mutations: [{ title: "IAM auth off", apply: set("db-primary", "iamDatabaseAuthenticationEnabled", false), message: /iamDatabaseAuthenticationEnabled is not true/ }],
    },
    {
        policy: rdsMonitoring,
        baseline: database,
        mutations: [
            { title: "interval 0", apply: set("db-primary", "monitoringInterval", 0), message: /monitoringInterval is 0/ },
            { title: "no role", apply: set("db-primary", "monitoringRoleArn", undefined), message: /monitoringRoleArn is not set/ },
        ],
    },
    {
        policy: rdsCopyTags,
        baseline: database,
        mutations: [{ title: "tags not copied", apply: set("db-primary", "copyTagsToSnapshot", false), message: /copyTagsToSnapshot is not true/ }],
    },
    {
        policy: cacheAtRest,
        baseline: cache,
        mutations: [
            { title: "at rest off", apply: set("redis", "atRestEncryptionEnabled", false), message: /atRestEncryptionEnabled is not true/ },
            { title: "no CMK", apply: set("redis", "kmsKeyId", undefined), message: /kmsKeyId is not set/ },
        ],
    },
    {
        policy: cacheInTransit,
        baseline: cache,
        mutations: [{ title: "TLS off", apply: set("redis", "transitEncryptionEnabled", false), message: /transitEncryptionEnabled is not true/ }],
    },
    {
        policy: cacheAuth,
        baseline: cache,
        mutations: [{ title: "no AUTH", apply: set("redis", "authToken", undefined), message: /neither authToken nor userGroupIds/ }],
    },
    {
        policy: cacheFailover,
        baseline: cache,
        mutations: [
            { title: "single node", apply: set("redis", "numCacheClusters", 1), message: /has no replica/ },
            { title: "failover off", apply: set("redis", "automaticFailoverEnabled", false), message: /automaticFailoverEnabled is not true/ },
            { title: "one zone", apply: set("redis", "multiAzEnabled", false), message: /multiAzEnabled is not true/ },
            { title: "single node in development", tier: "development", apply: set("redis", "numCacheClusters", 1), expectNone: true },
        ],
    },
    {
        policy: cacheSnapshots,
        baseline: cache,
        mutations: [
            { title: "no snapshots", apply: set("redis", "snapshotRetentionLimit", 0), message: /snapshotRetentionLimit is 0/ },
            { title: "below configured minimum", config: { "aws-elasticache-replication-group-snapshot-retention": { minimumDays: 7 } }, apply: () => undefined, message: /at least 7 day/ },
        ],
    },
    {
        policy: cacheProtected,
        baseline: cache,
        mutations: [{ title: "not protected", apply: setResource("redis", "protect", false), message: /not protected/ }],
    },
    {
        policy: s3PublicAccessBlock,
        baseline: bucketStack,
        mutations: [
            { title: "no block", apply: remove("data-public-access"), message: /"data" has no BucketPublicAccessBlock/ },
            { title: "one flag off", apply: set("logs-public-access", "restrictPublicBuckets", false), message: /"logs": its public access block leaves restrictPublicBuckets off/ },
        ],
    },
    {
        policy: s3BlockAll,
        baseline: bucketStack,
        mutations: [{ title: "acls allowed", apply: set("data-public-access", "blockPublicAcls", false), message: /blockPublicAcls is not true/ }],
    },
    {
        policy: s3PublicAcl,
        baseline: bucketStack,
        mutations: [
            { title: "public-read on the bucket", apply: set("data", "acl", "public-read"), message: /acl is "public-read"/ },
            {
                title: "AllUsers grant",
                apply: add(resource("aws:s3/bucketAcl:BucketAcl", "data-acl", { bucket: "data-id", accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }] } })),
                message: /names AllUsers/,
            },
        ],
    },
    {
        policy: s3Versioning,
        baseline: bucketStack,
        mutations: [
            { title: "suspended", apply: set("data-versioning", "versioningConfiguration.status", "Suspended"), message: /"data" has versioning suspended/ },
            { title: "missing", apply: remove("logs-versioning"), message: /"logs" has no BucketVersioning/ },
        ],
    },
    {
        policy: s3Encrypted,
        baseline: bucketStack,
        mutations: [{ title: "no SSE configuration", apply: remove("data-encryption"), message: /"data" has no server-side encryption configuration/ }],
    },
    {
        policy: s3Kms,
        baseline: bucketStack,
        mutations: [
            { title: "data bucket on SSE-S3", apply: set("data-encryption", "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "AES256" }), message: /"data" is not encrypted with SSE-KMS/ },
            { title: "KMS without key", apply: set("data-encryption", "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId", undefined), message: /without kmsMasterKeyId/ },
            { title: "a bucket nobody logs into must use KMS", apply: remove("data-logging"), message: /"logs" is not encrypted with SSE-KMS/ },
        ],
    },
    {
        policy: s3Logging,
        baseline: bucketStack,
        mutations: [{ title: "no logging", apply: remove("data-logging"), message: /"data" has no access logging/ }],
    },
    {
        policy: s3Transport,
        baseline: bucketStack,
        mutations: [
            {
                title: "policy without the TLS deny",
                apply: set("data-policy", "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } }] })),
                message: /"data" accepts plain HTTP/,
            },
            { title: "no bucket policy", apply: remove("logs-policy"), message: /"logs" accepts plain HTTP/ },
        ],
    },
    {
        policy: s3Tls12,
        baseline: bucketStack,
        mutations: [
            {
                title: "only the SecureTransport deny",
                apply: set("logs-policy", "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] })),
                message: /"logs" accepts TLS 1.0 and 1.1/,
            },
        ],
    },
    {
        policy: s3Acls,
        baseline: bucketStack,
        mutations: [
            { title: "ACLs still on", apply: set("data-ownership", "rule.objectOwnership", "BucketOwnerPreferred"), message: /"data" still honours ACLs/ },
            { title: "no ownership controls", apply: remove("logs-ownership"), message: /"logs" still honours ACLs/ },
        ],
    },
    {
        policy: s3Lifecycle,
        baseline: bucketStack,
        mutations: [
            { title: "no lifecycle", apply: remove("data-lifecycle"), message: /"data" has no enabled lifecycle rule/ },
            { title: "no multipart abort", apply: set("logs-lifecycle", "rules.0.abortIncompleteMultipartUpload", undefined), message: /no lifecycle rule aborts incomplete multipart uploads/ },
        ],
    },
    {
        policy: s3BucketPolicyPublic,
        baseline: bucketStack,
        mutations: [
            {
                title: "anonymous read",
                apply: set("data-policy", "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] })),
                message: /statement 0 allows s3:GetObject to any principal/,
            },
        ],
    },
];

