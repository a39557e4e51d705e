// The idea-management document's S3 bucket for documents: versioned, private, encrypted with the
// platform's own key, with the document's three lifecycle rules and S3 access logging, plus the
// bucket that receives those access logs and the load balancer's.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";
import { accountId, childName, childOpts, createKmsKey, dataOpts, regionOf, tagsFor, withOverrides } from "./common";
import { AwsObjectStoreNative } from "./native";

/** Uploads nobody finished still cost storage; a week is enough to resume a real one. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
const LOG_NONCURRENT_EXPIRATION_DAYS = 30;
const CORS_MAX_AGE_SECONDS = 3000;

/**
 * Regions whose load balancers deliver access logs as a regional ELB account. The data source
 * fails in regions opened after August 2022, which only know the log-delivery service principal.
 */
const ELB_ACCOUNT_REGIONS = new Set([
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-south-1", "eu-north-1", "me-south-1", "sa-east-1",
]);

/** Every rule applies to the whole bucket: an empty prefix filter. */
const WHOLE_BUCKET = { prefix: "" };

/** Statements both buckets carry: refuse plain HTTP outright, and TLS older than 1.2. */
export function denyWeakTransport(bucketArn: pulumi.Output<string>) {
    const deny = (Sid: string, Condition: object) => ({
        Sid,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition,
    });
    return [
        deny("DenyInsecureTransport", { Bool: { "aws:SecureTransport": "false" } }),
        deny("DenyTlsBelow12", { NumericLessThan: { "s3:TlsVersion": "1.2" } }),
    ];
}

/** Private by every switch S3 has: no ACLs (owner enforced) and no public policy or ACL. */
export function lockDown(ctx: AdapterContext, role: string, bucket: aws.s3.Bucket): aws.s3.BucketPublicAccessBlock {
    new aws.s3.BucketOwnershipControls(
        childName(ctx, `${role}-ownership`),
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        childOpts(ctx),
    );
    return new aws.s3.BucketPublicAccessBlock(
        childName(ctx, `${role}-public-access`),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        childOpts(ctx),
    );
}

export function enableVersioning(ctx: AdapterContext, role: string, bucket: aws.s3.Bucket, enabled = true): aws.s3.BucketVersioning {
    return new aws.s3.BucketVersioning(
        childName(ctx, `${role}-versioning`),
        { bucket: bucket.id, versioningConfiguration: { status: enabled ? "Enabled" : "Suspended" } },
        childOpts(ctx),
    );
}

interface LogsBucket {
    bucket: aws.s3.Bucket;
    policy: aws.s3.BucketPolicy;
}

/**
 * Receives S3 server access logs (prefix `s3/`) and ALB access logs (prefix `alb/`). It is
 * encrypted with SSE-S3 (AES256), not the platform key: neither S3 server access logging nor
 * ALB access logging can write to a bucket whose default encryption is SSE-KMS.
 */
function createLogsBucket(ctx: AdapterContext, spec: ObjectStoreSpec): LogsBucket {
    const region = regionOf(ctx);
    const account = accountId(ctx);
    const bucket = new aws.s3.Bucket(
        childName(ctx, "logs"),
        // Logs are disposable outside production; production keeps them (and the bucket) protected.
        { forceDestroy: !ctx.platform.protectData, tags: tagsFor(ctx, "logs") },
        dataOpts(ctx),
    );
    const publicAccess = lockDown(ctx, "logs", bucket);
    const versioning = enableVersioning(ctx, "logs", bucket);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(ctx, "logs-encryption"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        childOpts(ctx),
    );
    new aws.s3.BucketLifecycleConfiguration(
        childName(ctx, "logs-lifecycle"),
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-access-logs",
                    status: "Enabled",
                    filter: WHOLE_BUCKET,
                    expiration: { days: spec.accessLogRetentionDays },
                    noncurrentVersionExpiration: { noncurrentDays: LOG_NONCURRENT_EXPIRATION_DAYS },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
                },
            ],
        },
        // A lifecycle rule on versions needs versioning in place first.
        childOpts(ctx, { dependsOn: [versioning] }),
    );

    const albLogs = pulumi.interpolate`${bucket.arn}/alb/AWSLogs/${account}/*`;
    // Older regions deliver ALB logs as the regional ELB account; newer ones as a service principal.
    const elbAccount = ELB_ACCOUNT_REGIONS.has(region)
        ? aws.elb.getServiceAccountOutput({}, { parent: ctx.parent }).arn
        : undefined;
    const statements: unknown[] = [
        ...denyWeakTransport(bucket.arn),
        {
            Sid: "S3ServerAccessLogs",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucket.arn}/s3/*`,
            Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
        {
            Sid: "AlbAccessLogsService",
            Effect: "Allow",
            Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: albLogs,
        },
    ];
    if (elbAccount) {
        statements.push({
            Sid: "AlbAccessLogsRegionalAccount",
            Effect: "Allow",
            Principal: { AWS: elbAccount },
            Action: "s3:PutObject",
            Resource: albLogs,
        });
    }
    const policy = new aws.s3.BucketPolicy(
        childName(ctx, "logs-policy"),
        { bucket: bucket.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) },
        // S3 rejects concurrent changes to a bucket's access settings.
        childOpts(ctx, { dependsOn: [publicAccess] }),
    );
    return { bucket, policy };
}

function dataLifecycleRules(spec: ObjectStoreSpec): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    // The document's three rules, then the housekeeping one every versioned bucket needs.
    return [
        {
            id: "delete-noncurrent-versions",
            status: "Enabled",
            filter: WHOLE_BUCKET,
            noncurrentVersionExpiration: { noncurrentDays: spec.noncurrentVersionExpirationDays },
        },
        {
            id: "archive-to-glacier",
            status: "Enabled",
            filter: WHOLE_BUCKET,
            transitions: [{ days: spec.archiveAfterDays, storageClass: "GLACIER" }],
        },
        {
            id: "delete-archived",
            status: "Enabled",
            filter: WHOLE_BUCKET,
            expiration: { days: spec.expireAfterDays },
        },
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: WHOLE_BUCKET,
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
        },
    ];
}

export function createObjectStore(ctx: AdapterContext, spec: ObjectStoreSpec, _deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    const key = createKmsKey(ctx, "storage", { description: `${ctx.platform.name} documents bucket (S3 SSE-KMS)` });
    const logs = createLogsBucket(ctx, spec);

    // Production documents are protected and never emptied by a destroy; development and
    // staging hold test data, and `pulumi destroy` then `pulumi up` must work there.
    const bucket = new aws.s3.Bucket(
        childName(ctx, "bucket"),
        withOverrides<aws.s3.BucketArgs>(ctx, "objectStore", { forceDestroy: !ctx.platform.protectData, tags: tagsFor(ctx, "bucket") }),
        dataOpts(ctx),
    );
    const publicAccess = lockDown(ctx, "bucket", bucket);
    // The document's recovery story for documents is versioning (every tier resolves it on).
    const versioning = enableVersioning(ctx, "bucket", bucket, spec.versioning);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(ctx, "bucket-encryption"),
        {
            bucket: bucket.id,
            rules: [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
                    // One data key per bucket instead of one KMS call per object: cheaper, same protection.
                    bucketKeyEnabled: true,
                },
            ],
        },
        childOpts(ctx),
    );
    new aws.s3.BucketPolicy(
        childName(ctx, "bucket-policy"),
        {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: denyWeakTransport(bucket.arn),
            }),
        },
        childOpts(ctx, { dependsOn: [publicAccess] }),
    );
    new aws.s3.BucketLifecycleConfiguration(
        childName(ctx, "bucket-lifecycle"),
        { bucket: bucket.id, rules: dataLifecycleRules(spec) },
        childOpts(ctx, { dependsOn: [versioning] }),
    );
    if (spec.corsOrigins.length > 0) {
        new aws.s3.BucketCorsConfiguration(
            childName(ctx, "bucket-cors"),
            {
                bucket: bucket.id,
                corsRules: [
                    {
                        allowedMethods: ["GET", "PUT", "POST", "HEAD"],
                        allowedOrigins: spec.corsOrigins,
                        // Browsers send Content-Type with presigned uploads; multipart uploads read ETag.
                        allowedHeaders: ["*"],
                        exposeHeaders: ["ETag"],
                        maxAgeSeconds: CORS_MAX_AGE_SECONDS,
                    },
                ],
            },
            childOpts(ctx),
        );
    }
    new aws.s3.BucketLogging(
        childName(ctx, "bucket-logging"),
        { bucket: bucket.id, targetBucket: logs.bucket.id, targetPrefix: "s3/" },
        // Delivery is only allowed once the logs bucket's policy names the logging service.
        childOpts(ctx, { dependsOn: [logs.policy] }),
    );

    const native: AwsObjectStoreNative = { bucket, key, logsBucket: logs.bucket, logsBucketPolicy: logs.policy };
    return {
        outputs: {
            bucketName: bucket.bucket,
            url: pulumi.interpolate`https://${bucket.bucketRegionalDomainName}`,
            region: pulumi.output(regionOf(ctx)),
        },
        native,
        logGroups: [],
    };
}
