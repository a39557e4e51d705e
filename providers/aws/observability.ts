// Alerting path (KMS-encrypted SNS topic), the seeds' alarms, one dashboard and the monthly
// budget. Thresholds come from the resolved spec; this file only decides how CloudWatch
// evaluates them.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { AlarmThresholds, ObservabilitySpec } from "../../tiers/types";
import { accountId, childName, childOpts, createKmsKey, dataOpts, regionOf, tagsFor } from "./common";
import { buildDashboard } from "./dashboard";
import { clusterAlarms } from "./clusterAlarms";
import { AwsAppFleetNative, AwsCacheNative, AwsDatabaseNative, nativeOf } from "./native";
import { AwsSearchNative } from "./search";
import { subscribeLogGroups } from "./searchLogs";

/**
 * Database limits the idea-management design names but AlarmThresholds does not carry yet:
 * "upgrade instance class if consistently > 80%" (read as 15 minutes), and free storage under
 * 10 % of the allocation, the point where RDS storage autoscaling itself would act: if this
 * alarm fires, autoscaling has hit maxStorageGb or its cool-down.
 */
const DATABASE_LIMITS = { cpuPercent: 80, cpuMinutes: 15, freeStoragePercent: 10, freeStorageMinutes: 5 };

/** Route 53 publishes health check metrics only in this region. */
const ROUTE53_METRICS_REGION = "us-east-1";

/** Alarms evaluate one-minute datapoints and fire when the whole window breaches. */
const PERIOD_SECONDS = 60;

const GIB = 1024 ** 3;

export type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions" | "actionsEnabled" | "tags">;

export interface AwsObservabilityNative {
    topic: aws.sns.Topic;
    alarms: aws.cloudwatch.MetricAlarm[];
}

/** `minutes` consecutive breaching one-minute datapoints: "sustained for N minutes". */
export function sustained(minutes: number): Pick<aws.cloudwatch.MetricAlarmArgs, "period" | "evaluationPeriods" | "datapointsToAlarm"> {
    return { period: PERIOD_SECONDS, evaluationPeriods: minutes, datapointsToAlarm: minutes };
}

/**
 * The topic policy: the account keeps its usual rights, CloudWatch alarms and Budgets of this
 * account only may publish, and nobody may publish without TLS.
 */
function topicPolicy(topicArn: pulumi.Input<string>, account: pulumi.Input<string>, region: string, withBudgets: boolean): pulumi.Output<string> {
    return pulumi.all([topicArn, account]).apply(([arn, acct]) => {
        const publishFrom = (sid: string, service: string, sourceArn: string) => ({
            Sid: sid,
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sns:Publish",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceAccount": acct }, ArnLike: { "aws:SourceArn": sourceArn } },
        });
        const statements: Record<string, unknown>[] = [
            {
                Sid: "AccountOwns",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${acct}:root` },
                Action: [
                    "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
                    "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish",
                ],
                Resource: arn,
            },
            publishFrom("CloudWatchAlarmsPublish", "cloudwatch.amazonaws.com", `arn:aws:cloudwatch:${region}:${acct}:alarm:*`),
        ];
        if (withBudgets) {
            // Budgets is a global service: its ARNs carry no region.
            statements.push(publishFrom("BudgetsPublish", "budgets.amazonaws.com", `arn:aws:budgets::${acct}:*`));
        }
        statements.push({
            Sid: "DenyPublishWithoutTls",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        return JSON.stringify({ Version: "2012-10-17", Statement: statements });
    });
}

interface AlertTopic {
    topic: aws.sns.Topic;
    policy: aws.sns.TopicPolicy;
}

/**
 * An encrypted topic with its policy and e-mail subscription. `region` is set only for the
 * us-east-1 copy; it uses AWS provider v7's per-resource region so it inherits the platform's
 * explicit provider (credentials, assumed role) instead of a second provider configured apart.
 */
function alertTopic(ctx: AdapterContext, spec: ObservabilitySpec, role: string, keyArn: pulumi.Input<string>, region?: string): AlertTopic {
    const regional = region ? { region } : {};
    const topic = new aws.sns.Topic(
        childName(ctx, role),
        { name: childName(ctx, role), displayName: `${ctx.platform.name} alerts`, kmsMasterKeyId: keyArn, tags: tagsFor(ctx, role), ...regional },
        childOpts(ctx),
    );
    const policy = new aws.sns.TopicPolicy(
        childName(ctx, `${role}-policy`),
        { arn: topic.arn, policy: topicPolicy(topic.arn, accountId(ctx), region ?? regionOf(ctx), !region), ...regional },
        childOpts(ctx),
    );
    if (spec.alertEmail) {
        // E-mail subscriptions stay "pending confirmation" until the recipient clicks the link.
        new aws.sns.TopicSubscription(
            childName(ctx, `${role}-email`),
            { topic: topic.arn, protocol: "email", endpoint: spec.alertEmail, ...regional },
            childOpts(ctx),
        );
    }
    return { topic, policy };
}

/**
 * A key for the us-east-1 topic. The AWS managed key alias/aws/sns will not do: its policy
 * cannot be changed to let CloudWatch use it, so alarm notifications would be dropped.
 * createKmsKey builds in the platform's region only, hence this small copy of its policy.
 */
function usEast1AlertKey(ctx: AdapterContext, role: string): aws.kms.Key {
    const policy = accountId(ctx).apply((acct) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: "kms:*", Resource: "*" },
                {
                    Sid: "ServicesUseKey",
                    Effect: "Allow",
                    Principal: { Service: ["cloudwatch.amazonaws.com"] },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": acct } },
                },
            ],
        }),
    );
    const key = new aws.kms.Key(
        childName(ctx, `${role}-key`),
        {
            description: `${ctx.platform.name}: encrypts the us-east-1 alert topic (Route 53 health check alarms)`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy,
            region: ROUTE53_METRICS_REGION,
            tags: tagsFor(ctx, `${role}-key`),
        },
        dataOpts(ctx),
    );
    new aws.kms.Alias(
        childName(ctx, `${role}-key-alias`),
        { name: `alias/${childName(ctx, role)}`, targetKeyId: key.keyId, region: ROUTE53_METRICS_REGION },
        childOpts(ctx),
    );
    return key;
}

export function createObservability(ctx: AdapterContext, spec: ObservabilitySpec, deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    const region = regionOf(ctx);
    const t: AlarmThresholds = spec.alarms;
    const fleet = nativeOf<AwsAppFleetNative>(deps.appFleet);
    const db = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);

    // Alarms and Budgets both publish here, so both services may use the key.
    const key = createKmsKey(ctx, "alerts", {
        description: `${ctx.platform.name}: encrypts the alert topic (CloudWatch alarms, AWS Budgets)`,
        servicePrincipals: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"],
    });
    const { topic, policy: topicAccess } = alertTopic(ctx, spec, "alerts", key.arn);

    const alarms: aws.cloudwatch.MetricAlarm[] = [];
    const alarm = (role: string, args: AlarmArgs, actionTopic: aws.sns.Topic = topic): aws.cloudwatch.MetricAlarm => {
        const created = new aws.cloudwatch.MetricAlarm(
            childName(ctx, role),
            {
                ...args,
                name: childName(ctx, role),
                actionsEnabled: true,
                alarmActions: [actionTopic.arn],
                // OK notifications tell the on-call that the condition cleared without a console visit.
                okActions: [actionTopic.arn],
                tags: tagsFor(ctx, role),
            },
            childOpts(ctx),
        );
        alarms.push(created);
        return created;
    };

    // Application fleets: the seeds' "High CPU Usage" and "High Memory Usage".
    const services = Object.keys(fleet.fleets).sort();
    for (const service of services) {
        const groupName = fleet.fleets[service].groupName;
        alarm(`${service}-cpu`, {
            alarmDescription: `${service}: average CPU of the fleet above ${t.cpuPercent}% for ${t.cpuMinutes} minutes. Scale up (add vCPUs or instances).`,
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: groupName },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.cpuPercent,
            // Every minute of the window above the threshold ("sustained"): the launch templates
            // turn on detailed monitoring, so EC2 publishes one-minute CPU datapoints.
            ...sustained(t.cpuMinutes),
            // No datapoints means no instances reporting: unknown, not healthy.
            treatMissingData: "missing",
        });
        alarm(`${service}-memory`, {
            alarmDescription: `${service}: memory used above ${t.memoryPercent}% for ${t.memoryMinutes} minutes (CloudWatch agent). Increase RAM.`,
            namespace: "CWAgent",
            metricName: "mem_used_percent",
            dimensions: { AutoScalingGroupName: groupName },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.memoryPercent,
            ...sustained(t.memoryMinutes),
            // A silent agent shows as INSUFFICIENT_DATA instead of passing for healthy.
            treatMissingData: "missing",
        });
    }

    if (fleet.cluster) {
        clusterAlarms(fleet.cluster, t, alarm);
    }

    // Load balancer: the seeds' "High Error Rate" and the LMS's "Response Time > 500ms p95".
    if (fleet.loadBalancer) {
        const lb = { LoadBalancer: fleet.loadBalancer.arnSuffix };
        const elbSum = (id: string, metricName: string) => ({
            id,
            metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: lb, stat: "Sum", period: PERIOD_SECONDS },
        });
        alarm("lb-5xx-rate", {
            alarmDescription: `5xx responses (targets + load balancer) above ${t.errorRatePercent}% of requests for ${t.errorRateMinutes} minutes.`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.errorRatePercent,
            evaluationPeriods: t.errorRateMinutes,
            datapointsToAlarm: t.errorRateMinutes,
            metricQueries: [
                { id: "rate", label: "5xx error rate (%)", returnData: true, expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests" },
                elbSum("target5xx", "HTTPCode_Target_5XX_Count"),
                elbSum("elb5xx", "HTTPCode_ELB_5XX_Count"),
                elbSum("requests", "RequestCount"),
            ],
            // A minute without requests has no rate: nothing failed.
            treatMissingData: "notBreaching",
        });
        // The seeds give latency no window; it shares the API error-rate window.
        alarm("lb-latency-p95", {
            alarmDescription: `p95 target response time above ${t.responseTimeP95Ms} ms for ${t.errorRateMinutes} minutes. Scale up or optimise.`,
            namespace: "AWS/ApplicationELB",
            metricName: "TargetResponseTime",
            dimensions: lb,
            extendedStatistic: "p95",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.responseTimeP95Ms / 1000,
            ...sustained(t.errorRateMinutes),
            treatMissingData: "notBreaching",
            // A p95 of a handful of requests is noise, not a trend.
            evaluateLowSampleCountPercentiles: "ignore",
        });
    }

    // Database: the seeds' "Connection Pool Exhausted", for the primary and every replica.
    // At least one connection: a threshold of 0 would alarm forever.
    const connectionsAlarmAt = Math.max(1, Math.floor((db.maxConnections * t.dbConnectionsPercent) / 100));
    const rds = (identifier: pulumi.Input<string>) => ({ namespace: "AWS/RDS", dimensions: { DBInstanceIdentifier: identifier } });
    const connections = (role: string, label: string, identifier: pulumi.Input<string>) =>
        alarm(role, {
            alarmDescription: `${label}: connections above ${t.dbConnectionsPercent}% of max_connections (${connectionsAlarmAt} of ${db.maxConnections}) for ${t.dbConnectionsMinutes} minutes.`,
            ...rds(identifier),
            metricName: "DatabaseConnections",
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: connectionsAlarmAt,
            ...sustained(t.dbConnectionsMinutes),
            treatMissingData: "missing",
        });
    connections("db-connections", "Database primary", db.identifier);
    db.replicaIdentifiers.forEach((replica, index) => connections(`db-replica-${index + 1}-connections`, `Read replica ${index + 1}`, replica));
    alarm("db-cpu", {
        alarmDescription: `Database primary: CPU above ${DATABASE_LIMITS.cpuPercent}% for ${DATABASE_LIMITS.cpuMinutes} minutes. Upgrade the instance class.`,
        ...rds(db.identifier),
        metricName: "CPUUtilization",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: DATABASE_LIMITS.cpuPercent,
        ...sustained(DATABASE_LIMITS.cpuMinutes),
        treatMissingData: "missing",
    });
    // Against the initial allocation: storage autoscaling acts first at 10 % of a larger one.
    const freeStorageAlarmBytes = Math.floor(ctx.platform.database.storageGb * GIB * (DATABASE_LIMITS.freeStoragePercent / 100));
    alarm("db-free-storage", {
        alarmDescription: `Database primary: free storage below ${DATABASE_LIMITS.freeStoragePercent}% of the ${ctx.platform.database.storageGb} GB allocation for ${DATABASE_LIMITS.freeStorageMinutes} minutes.`,
        ...rds(db.identifier),
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: freeStorageAlarmBytes,
        ...sustained(DATABASE_LIMITS.freeStorageMinutes),
        treatMissingData: "missing",
    });

    // Cache: the seeds' "Redis Memory Usage", per node because each node fills on its own.
    for (const clusterId of cache.memberClusterIds) {
        const node = clusterId.startsWith(`${cache.replicationGroupId}-`) ? clusterId.slice(cache.replicationGroupId.length + 1) : clusterId;
        alarm(`cache-${node}-memory`, {
            alarmDescription: `Redis node ${clusterId}: memory used above ${t.cacheMemoryPercent}% for ${t.cacheMemoryMinutes} minutes. Upgrade the node type or add shards.`,
            namespace: "AWS/ElastiCache",
            metricName: "DatabaseMemoryUsagePercentage",
            dimensions: { CacheClusterId: clusterId },
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.cacheMemoryPercent,
            ...sustained(t.cacheMemoryMinutes),
            treatMissingData: "missing",
        });
    }

    // Route 53 health check: metrics exist only in us-east-1, and an alarm may only notify a
    // topic in its own region, so outside us-east-1 the alarm gets a topic of its own there.
    if (fleet.healthCheck) {
        const healthTopic =
            region === ROUTE53_METRICS_REGION
                ? topic
                : alertTopic(ctx, spec, "alerts-us-east-1", usEast1AlertKey(ctx, "alerts-us-east-1").arn, ROUTE53_METRICS_REGION).topic;
        alarm(
            "health-check",
            {
                alarmDescription: `Public endpoint failing its Route 53 health check (status < 1) for 1 minute.`,
                region: ROUTE53_METRICS_REGION,
                namespace: "AWS/Route53",
                metricName: "HealthCheckStatus",
                dimensions: { HealthCheckId: fleet.healthCheck.id },
                statistic: "Minimum",
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                ...sustained(1),
                // Silence is no verdict. A new alarm starts in INSUFFICIENT_DATA and stays there,
                // notifying no one, until Route 53 reports (with "breaching" it paged on every
                // first deploy). Once reporting, a check that goes silent (deleted outside the
                // stack) moves the alarm from OK to INSUFFICIENT_DATA, which does notify.
                treatMissingData: "missing",
                insufficientDataActions: [healthTopic.arn],
            },
            healthTopic,
        );
    }

    const dashboard = new aws.cloudwatch.Dashboard(
        childName(ctx, "dashboard"),
        {
            dashboardName: ctx.platform.name,
            dashboardBody: pulumi
                .output({
                    fleets: fleet.cluster
                        ? fleet.cluster.workloads.filter((entry) => entry.queueName).map((entry) => ({ service: entry.service, groupName: "", queueName: entry.queueName }))
                        : services.map((service) => ({
                              service,
                              groupName: fleet.fleets[service].groupName,
                              queueName: fleet.fleets[service].queueName,
                          })),
                    loadBalancerArnSuffix: fleet.loadBalancer?.arnSuffix,
                    replicaIds: db.replicaIdentifiers,
                    healthCheckId: fleet.healthCheck?.id,
                })
                .apply((resolved) =>
                    JSON.stringify(
                        buildDashboard({
                            region,
                            thresholds: t,
                            fleets: resolved.fleets,
                            loadBalancerArnSuffix: resolved.loadBalancerArnSuffix,
                            database: {
                                primaryId: db.identifier,
                                replicaIds: resolved.replicaIds,
                                connectionsAlarmAt,
                                cpuAlarmPercent: DATABASE_LIMITS.cpuPercent,
                                freeStorageAlarmBytes,
                            },
                            cacheClusterIds: cache.memberClusterIds,
                            queueScaleOutDepth: ctx.platform.appFleet.scaleOutQueueDepth,
                            healthCheckId: resolved.healthCheckId,
                            ...(fleet.cluster
                                ? { cluster: { clusterName: fleet.cluster.clusterName, namespace: fleet.cluster.namespace, deployments: fleet.cluster.workloads } }
                                : {}),
                        }),
                    ),
                ),
        },
        childOpts(ctx),
    );

    // Account-wide like the LMS seed's budget: tag-scoped budgets stay at zero until the cost
    // allocation tags are activated by hand in the billing console.
    const subscribers = {
        subscriberSnsTopicArns: [topic.arn],
        subscriberEmailAddresses: spec.alertEmail ? [spec.alertEmail] : undefined,
    };
    new aws.budgets.Budget(
        childName(ctx, "budget"),
        {
            name: `${ctx.platform.name}-monthly`,
            budgetType: "COST",
            limitAmount: String(spec.budget.monthlyUsd),
            limitUnit: "USD",
            timeUnit: "MONTHLY",
            notifications: [
                { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: spec.budget.alertPercent, thresholdType: "PERCENTAGE", ...subscribers },
                // Warns before the money is spent, while there is still time to act.
                { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", ...subscribers },
            ],
            tags: tagsFor(ctx, "budget"),
        },
        // The topic policy must let Budgets publish before Budgets validates its subscriber.
        childOpts(ctx, { dependsOn: [topicAccess] }),
    );

    const written = [deps.network, deps.database, deps.cache, deps.objectStore, deps.appFleet, ...(deps.search ? [deps.search] : [])].flatMap((result) => result.logGroups ?? []);
    // The services' log groups exist only now, after the fleet: search.shipLogs subscribes them here.
    const shipping = deps.search ? nativeOf<AwsSearchNative>(deps.search).shipping : undefined;
    if (shipping) {
        subscribeLogGroups(ctx, shipping, deps.appFleet.logGroups ?? []);
    }
    const native: AwsObservabilityNative = { topic, alarms };
    return {
        outputs: {
            alertTarget: topic.arn,
            logGroups: pulumi.all(written).apply((names) => [...new Set(names)].sort()),
            dashboards: dashboard.dashboardName.apply((name) => [name]),
        },
        native,
        logGroups: [],
    };
}
