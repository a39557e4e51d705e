// Log bucket and sink, the e-mail alert channel, the seeds' alerts, the uptime check, one
// dashboard and the monthly budget. Thresholds come from the resolved spec; this file only
// decides how Cloud Monitoring evaluates them.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { AlarmThresholds, ObservabilitySpec } from "../../tiers/types";
import { requireApis } from "./apis";
import { childName, childOpts, createCryptoKey, dataOpts, labelsFor, projectOf, regionOf } from "./common";
import { credentialsJobName } from "./credentials";
import { boundedName } from "./loadBalancer";
import { buildDashboard, urlMapMatchers } from "./dashboard";
import { clusterFleetPolicies } from "./clusterAlerts";
import { ALIGNMENT, Condition, filterOf, thresholdCondition } from "./alertConditions";
import { GcpAppFleetNative, GcpCacheNative, GcpDatabaseNative, GcpNetworkNative, nativeOf } from "./native";

/**
 * Database limits the idea-management design names but AlarmThresholds does not carry yet, as on
 * AWS: "upgrade instance class if consistently > 80%" (read as 15 minutes), and the disk 90 %
 * full, where Cloud SQL's automatic storage increase should already have acted.
 */
export const DATABASE_LIMITS = { cpuPercent: 80, cpuMinutes: 15, diskPercent: 90, diskMinutes: 5 };

/**
 * Worker queues: the autoscaler adds workers above scaleOutQueueDepth, so a backlog that stays
 * above it for 15 minutes means scaling has hit its maximum or workers are stuck; a message
 * waiting 15 minutes means the same for a trickle of work.
 */
export const QUEUE_LIMITS = { backlogMinutes: 15, oldestMessageSeconds: 900, oldestMessageMinutes: 5 };

/** An incident closes itself this long after its condition stops being met. */
const AUTO_CLOSE = "1800s";
/**
 * Uptime checks run from every checker region once a minute, Cloud Monitoring's shortest period
 * (the document's 30 s is not offered); two failing regions is an outage, one is noise.
 */
const UPTIME_PERIOD_SECONDS = 60;
const UPTIME_FAILING_REGIONS = 1;

/** The fleet's instance base names: 58 characters, leaving room for the group's random suffix. */
const INSTANCE_BASE_NAME_MAX = 58;

/** APIs this file calls besides those the network enabled. */
const APIS = ["logging.googleapis.com", "monitoring.googleapis.com", "billingbudgets.googleapis.com"];

export interface GcpObservabilityNative {
    channel?: gcp.monitoring.NotificationChannel;
    policies: gcp.monitoring.AlertPolicy[];
    logBucket: gcp.logging.ProjectBucketConfig;
}

export type Severity = "CRITICAL" | "ERROR" | "WARNING";

/**
 * The platform's log bucket (the tier's retention, encrypted with a key of ours: the Logging
 * service agent of the project must hold it before the bucket is created) and the sink that
 * copies the platform's instance, load balancer, Cloud SQL, Memorystore and credentials job logs
 * into it. The _Default sink keeps routing them to _Default (30 days) as well.
 */
function logBucket(ctx: AdapterContext, spec: ObservabilitySpec, net: GcpNetworkNative, filter: pulumi.Input<string>, apis: pulumi.Resource[]) {
    const project = projectOf(ctx);
    const cmek = gcp.logging.getProjectCmekSettingsOutput({ project }, { parent: ctx.parent, dependsOn: apis });
    const { key, grants } = createCryptoKey(ctx, net.keyRing, "logs", [pulumi.interpolate`serviceAccount:${cmek.serviceAccountId}`]);
    const bucketId = `${ctx.platform.name}-logs`;
    const bucket = new gcp.logging.ProjectBucketConfig(
        childName(ctx, "log-bucket"),
        {
            project,
            bucketId,
            location: regionOf(ctx),
            retentionDays: spec.logRetentionDays,
            description: `${ctx.platform.name}: instance, load balancer, database and cache logs`,
            cmekSettings: { kmsKeyName: key.id },
            // A locked bucket's retention can never be shortened: a choice for the owner, not a default.
            locked: false,
        },
        dataOpts(ctx, { dependsOn: [...grants, ...apis] }),
    );
    // A log bucket in the sink's own project needs no grant to the sink's writer identity.
    const sink = new gcp.logging.ProjectSink(
        childName(ctx, "log-sink"),
        {
            name: `${ctx.platform.name}-logs`,
            project,
            destination: pulumi.interpolate`logging.googleapis.com/projects/${project}/locations/${regionOf(ctx)}/buckets/${bucketId}`,
            filter,
            uniqueWriterIdentity: true,
            description: `${ctx.platform.name}: the platform's logs into its own bucket`,
        },
        childOpts(ctx, { dependsOn: [bucket] }),
    );
    return { bucket, sink };
}

/** The sink's filter: each of the platform's resources, by the names it was given. */
function platformLogFilter(ctx: AdapterContext, fleet: GcpAppFleetNative, db: GcpDatabaseNative, cache: GcpCacheNative): pulumi.Output<string> {
    const project = projectOf(ctx);
    // Instances are named after their group, bounded as the fleet bounds them.
    const groups = Object.values(fleet.fleets).map((f) => boundedName(f.groupName, INSTANCE_BASE_NAME_MAX)).sort();
    const databases = [db.instanceName, ...db.replicaNames].map((name) => `"${project}:${name}"`);
    const cluster = fleet.cluster;
    const parts: pulumi.Input<string>[] = [
        cluster
            ? `(resource.type=("k8s_container" OR "k8s_pod") AND resource.labels.cluster_name="${cluster.name}" AND resource.labels.namespace_name="${cluster.namespace}") OR (resource.type=("k8s_cluster" OR "k8s_node" OR "k8s_control_plane_component") AND resource.labels.cluster_name="${cluster.name}")`
            : `(resource.type="gce_instance" AND labels."compute.googleapis.com/resource_name"=~"^(${groups.join("|")})-")`,
        `(resource.type="cloudsql_database" AND resource.labels.database_id=(${databases.join(" OR ")}))`,
        cache.clusterMode
            ? `(resource.type="redis.googleapis.com/Cluster" AND resource.labels.cluster_id="${cache.instanceName}")`
            : `(resource.type="redis_instance" AND resource.labels.instance_id="projects/${project}/locations/${regionOf(ctx)}/instances/${cache.instanceName}")`,
        `(resource.type="cloud_run_job" AND resource.labels.job_name="${credentialsJobName(ctx.platform)}")`,
    ];
    if (fleet.urlMap) {
        parts.push(pulumi.interpolate`(resource.type="http_load_balancer" AND resource.labels.url_map_name="${fleet.urlMap.name}")`);
    } else if (cluster?.urlMapPattern) {
        parts.push(`(resource.type="http_load_balancer" AND resource.labels.url_map_name=~"^${cluster.urlMapPattern}$")`);
    }
    return pulumi.all(parts).apply((resolved) => resolved.join(" OR "));
}

/** The public web service whose health path the uptime check probes. */
function publicHealthPath(ctx: AdapterContext): string | undefined {
    return ctx.platform.appFleet.services.find((service) => service.kind === "web" && service.public)?.healthPath;
}

export function createObservability(ctx: AdapterContext, spec: ObservabilitySpec, deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    const project = projectOf(ctx);
    const region = regionOf(ctx);
    const t: AlarmThresholds = spec.alarms;
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const fleet = nativeOf<GcpAppFleetNative>(deps.appFleet);
    const db = nativeOf<GcpDatabaseNative>(deps.database);
    const cache = nativeOf<GcpCacheNative>(deps.cache);
    const apis = requireApis(ctx, net, APIS);

    const logs = logBucket(ctx, spec, net, platformLogFilter(ctx, fleet, db, cache), apis);

    const channel = spec.alertEmail
        ? new gcp.monitoring.NotificationChannel(
              childName(ctx, "alerts-email"),
              {
                  project,
                  type: "email",
                  displayName: `${ctx.platform.name} alerts`,
                  description: `Alerts and budget notifications of ${ctx.platform.name}`,
                  labels: { email_address: spec.alertEmail },
                  userLabels: labelsFor(ctx),
              },
              childOpts(ctx, { dependsOn: apis }),
          )
        : undefined;
    const channels = channel ? [channel.name] : [];

    const policies: gcp.monitoring.AlertPolicy[] = [];
    const policy = (role: string, title: string, severity: Severity, runbook: string, conditions: Condition[]): gcp.monitoring.AlertPolicy => {
        const created = new gcp.monitoring.AlertPolicy(
            childName(ctx, role),
            {
                project,
                displayName: `${ctx.platform.name}: ${title}`,
                combiner: "OR",
                conditions,
                notificationChannels: channels,
                severity,
                documentation: { subject: `${ctx.platform.name}: ${title}`, content: runbook, mimeType: "text/markdown" },
                // Closing notifications tell the on-call that the condition cleared without a console visit.
                alertStrategy: { autoClose: AUTO_CLOSE },
                userLabels: labelsFor(ctx),
            },
            childOpts(ctx, { dependsOn: apis }),
        );
        policies.push(created);
        return created;
    };

    // Application fleets: the seeds' "High CPU Usage" and "High Memory Usage", per service.
    const services = Object.keys(fleet.fleets).sort();
    if (fleet.cluster) {
        clusterFleetPolicies(fleet.cluster, services, t, policy);
    }
    for (const service of fleet.cluster ? [] : services) {
        const group = { "metadata.system_labels.instance_group": fleet.fleets[service].groupName };
        policy(`${service}-cpu`, `${service} CPU above ${t.cpuPercent}%`, "WARNING",
            `${service}: average CPU of the group above ${t.cpuPercent}% for ${t.cpuMinutes} minutes. Scale up (add vCPUs or instances).`, [
            thresholdCondition(`${service} CPU > ${t.cpuPercent}%`, {
                filter: filterOf({ "metric.type": "compute.googleapis.com/instance/cpu/utilization", "resource.type": "gce_instance", ...group }),
                // The metric is a fraction of the instance's vCPUs.
                threshold: t.cpuPercent / 100,
                minutes: t.cpuMinutes,
                aligner: "ALIGN_MEAN",
                reducer: "REDUCE_MEAN",
                groupBy: ["metadata.system_labels.instance_group"],
            }),
        ]);
        policy(`${service}-memory`, `${service} memory above ${t.memoryPercent}%`, "WARNING",
            `${service}: memory used above ${t.memoryPercent}% for ${t.memoryMinutes} minutes (Ops Agent). Increase RAM.`, [
            thresholdCondition(`${service} memory > ${t.memoryPercent}%`, {
                filter: filterOf({ "metric.type": "agent.googleapis.com/memory/percent_used", "resource.type": "gce_instance", "metric.label.state": "used", ...group }),
                threshold: t.memoryPercent,
                minutes: t.memoryMinutes,
                aligner: "ALIGN_MEAN",
                reducer: "REDUCE_MEAN",
                groupBy: ["metadata.system_labels.instance_group"],
            }),
        ]);
    }

    // Load balancer: the seeds' "High Error Rate" and the LMS's "Response Time > 500ms p95".
    const urlMapMatch = fleet.urlMap
        ? fleet.urlMap.name.apply((name) => urlMapMatchers({ name }))
        : fleet.cluster?.urlMapPattern
          ? pulumi.output(urlMapMatchers({ pattern: fleet.cluster.urlMapPattern }))
          : undefined;
    if (urlMapMatch) {
        const requests = (extra: string) =>
            pulumi.interpolate`sum(rate(loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",${urlMapMatch.promql}${extra}}[1m]))`;
        policy("lb-5xx-rate", `5xx responses above ${t.errorRatePercent}%`, "ERROR",
            `5xx responses (backends and load balancer) above ${t.errorRatePercent}% of requests for ${t.errorRateMinutes} minutes. Investigate and scale.`, [
            {
                displayName: `5xx rate > ${t.errorRatePercent}%`,
                // A ratio of two series; a minute without requests has no rate, so nothing fires.
                conditionPrometheusQueryLanguage: {
                    query: pulumi.interpolate`100 * ${requests(`,response_code_class="500"`)} / ${requests("")} > ${t.errorRatePercent}`,
                    duration: `${t.errorRateMinutes * 60}s`,
                    evaluationInterval: ALIGNMENT,
                },
            },
        ]);
        // The seeds give latency no window; it shares the error-rate window. Deltas of the
        // latency distribution merged across series, then their 95th percentile: the p95 of all
        // requests, not the largest p95 of some quiet series.
        policy("lb-latency-p95", `p95 latency above ${t.responseTimeP95Ms} ms`, "WARNING",
            `p95 of total request latency above ${t.responseTimeP95Ms} ms for ${t.errorRateMinutes} minutes. Scale up or optimise.`, [
            thresholdCondition(`p95 latency > ${t.responseTimeP95Ms} ms`, {
                filter: pulumi.interpolate`${filterOf({ "metric.type": "loadbalancing.googleapis.com/https/total_latencies", "resource.type": "https_lb_rule" })} AND ${urlMapMatch.filter}`,
                threshold: t.responseTimeP95Ms,
                minutes: t.errorRateMinutes,
                aligner: "ALIGN_DELTA",
                reducer: "REDUCE_PERCENTILE_95",
                groupBy: ["resource.label.url_map_name"],
            }),
        ]);
    }

    // Database: the seeds' "Connection Pool Exhausted", for the primary and every replica.
    // At least one connection: a threshold of 0 would alert forever.
    const connectionsAlertAt = Math.max(1, Math.floor((db.maxConnections * t.dbConnectionsPercent) / 100));
    const sql = (instance: string, metric: string) =>
        filterOf({ "metric.type": `cloudsql.googleapis.com/database/${metric}`, "resource.type": "cloudsql_database", "resource.label.database_id": `${project}:${instance}` });
    const connections = (role: string, label: string, instance: string) =>
        policy(role, `${label} connections above ${t.dbConnectionsPercent}%`, "CRITICAL",
            `${label}: connections above ${t.dbConnectionsPercent}% of max_connections (${connectionsAlertAt} of ${db.maxConnections}) for ${t.dbConnectionsMinutes} minutes.`, [
            thresholdCondition(`${label} connections > ${connectionsAlertAt}`, {
                filter: sql(instance, "postgresql/num_backends"),
                threshold: connectionsAlertAt,
                minutes: t.dbConnectionsMinutes,
                aligner: "ALIGN_MAX",
                // One series per database of the instance: max_connections is per instance.
                reducer: "REDUCE_SUM",
                groupBy: ["resource.label.database_id"],
            }),
        ]);
    connections("db-connections", "Database primary", db.instanceName);
    db.replicaNames.forEach((replica, index) => connections(`db-replica-${index + 1}-connections`, `Read replica ${index + 1}`, replica));
    policy("db-cpu", `database CPU above ${DATABASE_LIMITS.cpuPercent}%`, "WARNING",
        `Database primary: CPU above ${DATABASE_LIMITS.cpuPercent}% for ${DATABASE_LIMITS.cpuMinutes} minutes. Upgrade the machine type.`, [
        thresholdCondition(`database CPU > ${DATABASE_LIMITS.cpuPercent}%`, {
            filter: sql(db.instanceName, "cpu/utilization"),
            threshold: DATABASE_LIMITS.cpuPercent / 100,
            minutes: DATABASE_LIMITS.cpuMinutes,
            aligner: "ALIGN_MEAN",
        }),
    ]);
    policy("db-disk", `database disk above ${DATABASE_LIMITS.diskPercent}%`, "ERROR",
        `Database primary: disk ${DATABASE_LIMITS.diskPercent}% full for ${DATABASE_LIMITS.diskMinutes} minutes; the automatic storage increase has reached its limit or is waiting.`, [
        thresholdCondition(`database disk > ${DATABASE_LIMITS.diskPercent}%`, {
            filter: sql(db.instanceName, "disk/utilization"),
            threshold: DATABASE_LIMITS.diskPercent / 100,
            minutes: DATABASE_LIMITS.diskMinutes,
            aligner: "ALIGN_MAX",
        }),
    ]);

    // Cache: the seeds' "Redis Memory Usage"; each node (or the fullest shard) fills on its own.
    policy("cache-memory", `Redis memory above ${t.cacheMemoryPercent}%`, "ERROR",
        `Redis ${cache.instanceName}: memory used above ${t.cacheMemoryPercent}% for ${t.cacheMemoryMinutes} minutes. Upgrade the memory size or add shards.`, [
        thresholdCondition(`Redis memory > ${t.cacheMemoryPercent}%`, {
            filter: cache.clusterMode
                ? filterOf({ "metric.type": "redis.googleapis.com/cluster/memory/maximum_utilization", "resource.type": "redis.googleapis.com/Cluster", "resource.label.cluster_id": cache.instanceName })
                : filterOf({
                      "metric.type": "redis.googleapis.com/stats/memory/usage_ratio",
                      "resource.type": "redis_instance",
                      "resource.label.instance_id": `projects/${project}/locations/${region}/instances/${cache.instanceName}`,
                  }),
            threshold: t.cacheMemoryPercent / 100,
            minutes: t.cacheMemoryMinutes,
            aligner: "ALIGN_MAX",
        }),
    ]);

    // Worker queues: backlog that scaling does not absorb.
    const workers = services.filter((service) => fleet.fleets[service].subscriptionName);
    for (const service of workers) {
        const subscription = { "resource.type": "pubsub_subscription", "resource.label.subscription_id": fleet.fleets[service].subscriptionName! };
        const depth = ctx.platform.appFleet.scaleOutQueueDepth;
        policy(`${service}-queue-backlog`, `${service} queue backlog`, "WARNING",
            `${service}: more than ${depth} undelivered tasks for ${QUEUE_LIMITS.backlogMinutes} minutes, or a task waiting over ${QUEUE_LIMITS.oldestMessageSeconds / 60} minutes. Workers are at their maximum or stuck.`, [
            thresholdCondition(`${service} undelivered > ${depth}`, {
                filter: filterOf({ "metric.type": "pubsub.googleapis.com/subscription/num_undelivered_messages", ...subscription }),
                threshold: depth,
                minutes: QUEUE_LIMITS.backlogMinutes,
                aligner: "ALIGN_MAX",
            }),
            thresholdCondition(`${service} oldest task > ${QUEUE_LIMITS.oldestMessageSeconds} s`, {
                filter: filterOf({ "metric.type": "pubsub.googleapis.com/subscription/oldest_unacked_message_age", ...subscription }),
                threshold: QUEUE_LIMITS.oldestMessageSeconds,
                minutes: QUEUE_LIMITS.oldestMessageMinutes,
                aligner: "ALIGN_MAX",
            }),
        ]);
    }

    const uptime = publicUptimeCheck(ctx, fleet, apis);
    if (uptime) {
        const failures = spec.healthCheck.failureThreshold;
        policy("uptime", "public endpoint failing", "CRITICAL",
            `The public health path fails from more than ${UPTIME_FAILING_REGIONS} checker region for ${failures} consecutive checks.`, [
            {
                displayName: "uptime check failing",
                conditionThreshold: {
                    filter: filterOf({ "metric.type": "monitoring.googleapis.com/uptime_check/check_passed", "resource.type": "uptime_url", "metric.label.check_id": uptime.uptimeCheckId }),
                    comparison: "COMPARISON_GT",
                    thresholdValue: UPTIME_FAILING_REGIONS,
                    duration: `${failures * UPTIME_PERIOD_SECONDS}s`,
                    // Each minute, the checker regions whose latest check failed; above the limit for N minutes = N failed checks in a row.
                    aggregations: [{ alignmentPeriod: `${UPTIME_PERIOD_SECONDS}s`, perSeriesAligner: "ALIGN_NEXT_OLDER", crossSeriesReducer: "REDUCE_COUNT_FALSE", groupByFields: ["resource.label.host"] }],
                    trigger: { count: 1 },
                },
            },
        ]);
    }

    const dashboard = new gcp.monitoring.Dashboard(
        childName(ctx, "dashboard"),
        {
            project,
            dashboardJson: pulumi
                .output({ urlMap: fleet.urlMap?.name, uptimeCheckId: uptime?.uptimeCheckId })
                .apply((resolved) =>
                    JSON.stringify(
                        buildDashboard({
                            title: ctx.platform.name,
                            labels: labelsFor(ctx),
                            thresholds: t,
                            fleets: services.map((service) => ({ service, groupName: fleet.fleets[service].groupName, subscriptionName: fleet.fleets[service].subscriptionName })),
                            urlMapName: resolved.urlMap,
                            ...(fleet.cluster ? { cluster: { name: fleet.cluster.name, namespace: fleet.cluster.namespace, urlMapPattern: fleet.cluster.urlMapPattern } } : {}),
                            database: {
                                project,
                                instances: [db.instanceName, ...db.replicaNames],
                                connectionsAlertAt,
                                cpuAlertPercent: DATABASE_LIMITS.cpuPercent,
                                diskAlertPercent: DATABASE_LIMITS.diskPercent,
                            },
                            cache: { clusterMode: cache.clusterMode, name: cache.instanceName, instanceId: `projects/${project}/locations/${region}/instances/${cache.instanceName}` },
                            queueScaleOutDepth: ctx.platform.appFleet.scaleOutQueueDepth,
                            uptimeCheckId: resolved.uptimeCheckId,
                        }),
                    ),
                ),
        },
        childOpts(ctx, { dependsOn: apis }),
    );

    monthlyBudget(ctx, spec, net, channel, apis);

    const written = [deps.network, deps.database, deps.cache, deps.objectStore, deps.appFleet].flatMap((result) => result.logGroups ?? []);
    const native: GcpObservabilityNative = { channel, policies, logBucket: logs.bucket };
    return {
        outputs: {
            alertTarget: channel ? channel.name : pulumi.output(""),
            logGroups: pulumi.all([logs.bucket.name, ...written]).apply((names) => [...new Set(names)].sort()),
            dashboards: dashboard.id.apply((id) => [id]),
        },
        native,
        logGroups: [],
    };
}

/**
 * The HTTPS uptime check of the public health path: the domain with its certificate verified
 * when there is one, otherwise the load balancer's address, whose certificate is self-signed.
 */
function publicUptimeCheck(ctx: AdapterContext, fleet: GcpAppFleetNative, apis: pulumi.Resource[]): gcp.monitoring.UptimeCheckConfig | undefined {
    const path = publicHealthPath(ctx);
    const domain = ctx.platform.appFleet.domain;
    if (!path || !fleet.address) {
        return undefined;
    }
    return new gcp.monitoring.UptimeCheckConfig(
        childName(ctx, "uptime"),
        {
            project: projectOf(ctx),
            displayName: `${ctx.platform.name} public health`,
            period: `${UPTIME_PERIOD_SECONDS}s`,
            timeout: "10s",
            checkerType: "STATIC_IP_CHECKERS",
            monitoredResource: { type: "uptime_url", labels: { project_id: projectOf(ctx), host: domain ?? fleet.address.address } },
            httpCheck: {
                path,
                port: 443,
                useSsl: true,
                validateSsl: domain !== undefined,
                requestMethod: "GET",
                acceptedResponseStatusCodes: [{ statusClass: "STATUS_CLASS_2XX" }],
            },
            userLabels: labelsFor(ctx),
        },
        childOpts(ctx, { dependsOn: apis }),
    );
}

/**
 * The project's monthly budget, in the billing account's currency (USD assumed): e-mail at
 * alertPercent and at 100 % of actual spend, and at 100 % of forecast spend, while there is still
 * time to act. Billing administrators keep their default e-mails too.
 */
function monthlyBudget(ctx: AdapterContext, spec: ObservabilitySpec, net: GcpNetworkNative, channel: gcp.monitoring.NotificationChannel | undefined, apis: pulumi.Resource[]): gcp.billing.Budget {
    const project = projectOf(ctx);
    const billingAccount = ctx.platform.gcpBillingAccount ?? gcp.organizations.getProjectOutput({ projectId: project }, { parent: ctx.parent }).billingAccount;
    return new gcp.billing.Budget(
        childName(ctx, "budget"),
        {
            billingAccount,
            displayName: `${ctx.platform.name}-monthly`,
            amount: { specifiedAmount: { currencyCode: "USD", units: String(spec.budget.monthlyUsd) } },
            budgetFilter: { projects: [pulumi.interpolate`projects/${net.projectNumber}`], calendarPeriod: "MONTH", creditTypesTreatment: "INCLUDE_ALL_CREDITS" },
            thresholdRules: [
                ...[...new Set([spec.budget.alertPercent, 100])].map((percent) => ({ thresholdPercent: percent / 100, spendBasis: "CURRENT_SPEND" })),
                { thresholdPercent: 1, spendBasis: "FORECASTED_SPEND" },
            ],
            allUpdatesRule: channel ? { monitoringNotificationChannels: [channel.name], disableDefaultIamRecipients: false } : undefined,
        },
        childOpts(ctx, { dependsOn: apis }),
    );
}
