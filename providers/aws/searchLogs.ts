// Application logs into the search domain (`search.shipLogs`): the services' CloudWatch log
// groups are subscribed to an Amazon Data Firehose stream that delivers into the domain through
// interfaces in the data subnets, one index per day, and keeps documents the domain refused in
// an encrypted bucket. Firehose rather than an OpenSearch Ingestion pipeline: it is billed per
// GB with no idle capacity units, and it unpacks CloudWatch's gzip batches itself (Decompression
// and CloudWatchLogProcessing), so no function is needed.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext } from "../adapter";
import { SearchSpec } from "../../tiers/types";
import { accountId, childName, childOpts, createLogGroup, createServiceRole, regionOf, tagsFor } from "./common";

/** One index per day: old days are deleted whole by an index policy, not document by document. */
export const LOG_INDEX = "logs";
export const LOG_INDEX_ROTATION = "OneDay";

export interface SearchLogShipping {
    stream: aws.kinesis.FirehoseDeliveryStream;
    /** Lets CloudWatch Logs put the subscribed groups' events into the stream. */
    subscriptionRole: aws.iam.Role;
    failedBucket: aws.s3.Bucket;
}

interface Target {
    domain: aws.opensearch.Domain;
    domainName: string;
    key: aws.kms.Key;
    group: aws.ec2.SecurityGroup;
    subnets: aws.ec2.Subnet[];
}

/** Refused documents: private, TLS-only, encrypted with the search key, kept as long as the logs. */
function failedDocumentsBucket(ctx: AdapterContext, spec: SearchSpec, key: aws.kms.Key): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(childName(ctx, "search-failed"), { forceDestroy: !ctx.platform.protectData, tags: tagsFor(ctx, "search-failed") }, childOpts(ctx));
    new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(ctx, "search-failed-encryption"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        childOpts(ctx),
    );
    new aws.s3.BucketPublicAccessBlock(
        childName(ctx, "search-failed-public-access"),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        childOpts(ctx),
    );
    new aws.s3.BucketOwnershipControls(childName(ctx, "search-failed-ownership"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, childOpts(ctx));
    new aws.s3.BucketLifecycleConfiguration(
        childName(ctx, "search-failed-lifecycle"),
        { bucket: bucket.id, rules: [{ id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: spec.logRetentionDays } }] },
        childOpts(ctx),
    );
    new aws.s3.BucketPolicy(
        childName(ctx, "search-failed-policy"),
        {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        },
        childOpts(ctx),
    );
    return bucket;
}

export function createLogShipping(ctx: AdapterContext, spec: SearchSpec, target: Target): SearchLogShipping {
    const region = regionOf(ctx);
    const account = accountId(ctx);
    const failedBucket = failedDocumentsBucket(ctx, spec, target.key);
    const errors = createLogGroup(ctx, "search-delivery-logs", { name: `/aws/kinesisfirehose/${target.domainName}-logs`, retentionDays: spec.logRetentionDays, key: target.key });
    const streamName = `${target.domainName}-logs`;

    const deliveryRole = createServiceRole(ctx, "search-delivery-role", { service: "firehose.amazonaws.com", description: "Delivers shipped logs into the search domain", sourceAccount: true });
    const deliveryPolicy = new aws.iam.RolePolicy(
        childName(ctx, "search-delivery-policy"),
        {
            role: deliveryRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["es:DescribeDomain", "es:DescribeDomains", "es:DescribeDomainConfig"], Resource: target.domain.arn },
                    { Effect: "Allow", Action: ["es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"], Resource: pulumi.interpolate`${target.domain.arn}/*` },
                    { Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:ListBucket"], Resource: [failedBucket.arn, pulumi.interpolate`${failedBucket.arn}/*`] },
                    { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: target.key.arn },
                    { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: pulumi.interpolate`${errors.arn}:*` },
                    // Interfaces in the data subnets; EC2 has no resource-level scope for the Describe calls.
                    {
                        Effect: "Allow",
                        Action: ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"],
                        Resource: "*",
                    },
                ],
            }),
        },
        childOpts(ctx),
    );

    const stream = new aws.kinesis.FirehoseDeliveryStream(
        childName(ctx, "search-delivery"),
        {
            name: streamName,
            destination: "opensearch",
            serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: target.key.arn },
            opensearchConfiguration: {
                domainArn: target.domain.arn,
                roleArn: deliveryRole.arn,
                indexName: LOG_INDEX,
                indexRotationPeriod: LOG_INDEX_ROTATION,
                s3BackupMode: "FailedDocumentsOnly",
                s3Configuration: { roleArn: deliveryRole.arn, bucketArn: failedBucket.arn, kmsKeyArn: target.key.arn, compressionFormat: "GZIP", errorOutputPrefix: "failed/" },
                vpcConfig: { roleArn: deliveryRole.arn, subnetIds: target.subnets.map((subnet) => subnet.id), securityGroupIds: [target.group.id] },
                cloudwatchLoggingOptions: { enabled: true, logGroupName: errors.name, logStreamName: "delivery" },
                processingConfiguration: {
                    enabled: true,
                    processors: [
                        { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
                        { type: "CloudWatchLogProcessing", parameters: [{ parameterName: "DataMessageExtraction", parameterValue: "true" }] },
                    ],
                },
            },
            tags: tagsFor(ctx, "search-delivery"),
        },
        childOpts(ctx, { dependsOn: [deliveryPolicy] }),
    );

    const subscriptionRole = createServiceRole(ctx, "search-subscription-role", {
        service: `logs.${region}.amazonaws.com`,
        description: "Lets CloudWatch Logs put subscribed log events into the delivery stream",
        sourceArnPattern: (acct) => `arn:aws:logs:${region}:${acct}:*`,
    });
    new aws.iam.RolePolicy(
        childName(ctx, "search-subscription-policy"),
        {
            role: subscriptionRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: pulumi.interpolate`arn:aws:firehose:${region}:${account}:deliverystream/${streamName}` }],
            }),
        },
        childOpts(ctx),
    );
    return { stream, subscriptionRole, failedBucket };
}

/** Subscribes the services' log groups (created with the fleet, after the domain) to the stream. */
export function subscribeLogGroups(ctx: AdapterContext, shipping: SearchLogShipping, logGroupNames: pulumi.Output<string>[]): aws.cloudwatch.LogSubscriptionFilter[] {
    return logGroupNames.map(
        (logGroupName, index) =>
            new aws.cloudwatch.LogSubscriptionFilter(
                childName(ctx, `search-subscription-${index + 1}`),
                { logGroup: logGroupName, name: "search", filterPattern: "", destinationArn: shipping.stream.arn, roleArn: shipping.subscriptionRole.arn, distribution: "ByLogStream" },
                childOpts(ctx),
            ),
    );
}
