// The app instances' identity: one service account per service, granted on each resource only
// what the AWS instance role's statements allow there: objects of the platform's bucket, the
// secrets the service reads, its queues, and writing logs and metrics. No primitive role and
// no project-wide secret or storage access.
//
// No key role: the bucket, the secrets, the topics and the disks are encrypted with customer
// keys by their service agents (Cloud Storage, Secret Manager, Pub/Sub, Compute Engine), which
// hold the key grants; the instances themselves never call Cloud KMS.

import { createHash } from "crypto";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { childName, childOpts } from "./common";
import { FleetScope } from "./loadBalancer";
import { GcpCacheNative, GcpDatabaseNative, GcpObjectStoreNative, nativeOf } from "./native";

/** Service account ids: 6 to 30 lowercase letters, digits and hyphens, starting with a letter. */
export const ACCOUNT_ID_MAX = 30;
const ACCOUNT_ID_MIN = 6;

/**
 * `<platform>-<service>`, unique in the project; names past 30 characters keep their start and
 * end in a short hash, so two services of one platform never share an account.
 */
export function serviceAccountId(platformName: string, service: string): string {
    const full = `${platformName}-${service}`;
    if (full.length <= ACCOUNT_ID_MAX) {
        return full.length >= ACCOUNT_ID_MIN ? full : `${full}-vm`.padEnd(ACCOUNT_ID_MIN, "0");
    }
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
    return `${full.slice(0, ACCOUNT_ID_MAX - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** A worker's queue as the identities see it: the topic callers publish to and the worker's subscription. */
export interface QueueAccess {
    topic: gcp.pubsub.Topic;
    subscription: gcp.pubsub.Subscription;
}

export interface InstanceIdentity {
    accounts: Record<string, gcp.serviceaccount.Account>;
    /** Per service, what its instances need before they boot; its group waits for them. */
    grants: Record<string, pulumi.Resource[]>;
}

/**
 * The roles a service account holds on the project: writing its logs and metrics (Cloud
 * Monitoring and Managed Service for Prometheus alike) only, and its spans when tracing is on.
 */
export const PROJECT_ROLES = ["roles/logging.logWriter", "roles/monitoring.metricWriter"];
/** Writing spans to Cloud Trace and nothing else (no reading of traces). */
export const TRACE_ROLE = "roles/cloudtrace.agent";

export function projectRolesFor(tracing: boolean, cacheClusterMode: boolean): string[] {
    // Redis Cluster admits principals holding the connection role; it is granted per project only.
    return [...PROJECT_ROLES, ...(tracing ? [TRACE_ROLE] : []), ...(cacheClusterMode ? ["roles/redis.dbConnectionUser"] : [])];
}

/**
 * Celery's Pub/Sub transport (kombu gcpubsub) creates its queue's subscription whenever it binds
 * it, and Pub/Sub checks the permission before noticing the subscription exists. Creating one
 * needs this permission on the project plus attachSubscription on the topic, which the accounts
 * hold on the platform's own topics only: nothing can be attached anywhere else.
 */
export const SUBSCRIPTION_CREATE_PERMISSION = "pubsub.subscriptions.create";

function subscriptionCreatorRole(s: FleetScope): gcp.projects.IAMCustomRole {
    const { ctx } = s;
    return new gcp.projects.IAMCustomRole(
        childName(ctx, "subscription-creator"),
        {
            project: s.project,
            // Role ids take letters, digits, "_" and "."; 64 characters at most.
            roleId: `${ctx.platform.name.replace(/[^A-Za-z0-9]/g, "_")}_subscription_creator`.slice(0, 64),
            title: `${ctx.platform.name} queue subscriptions`,
            description: "Lets the platform's services declare their Celery queues on topics they may attach to",
            permissions: [SUBSCRIPTION_CREATE_PERMISSION],
        },
        childOpts(ctx),
    );
}

export function instanceIdentity(
    s: FleetScope,
    deps: AppFleetDeps,
    services: ServiceSpec[],
    access: { queues: Record<string, QueueAccess>; secrets: gcp.secretmanager.Secret[] },
): InstanceIdentity {
    const { ctx } = s;
    const storage = nativeOf<GcpObjectStoreNative>(deps.objectStore);
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const cache = nativeOf<GcpCacheNative>(deps.cache);
    const secrets = [database.appSecret, database.replicasSecret, cache.authSecret, ...access.secrets].filter(
        (secret): secret is gcp.secretmanager.Secret => secret !== undefined,
    );
    const queues = Object.entries(access.queues);
    const creator = queues.length > 0 ? subscriptionCreatorRole(s) : undefined;

    const accounts: Record<string, gcp.serviceaccount.Account> = {};
    const grants: Record<string, pulumi.Resource[]> = {};
    for (const service of services) {
        const account = new gcp.serviceaccount.Account(
            childName(ctx, `${service.name}-account`),
            {
                accountId: serviceAccountId(ctx.platform.name, service.name),
                displayName: `${ctx.platform.name} ${service.name} instances`,
                description: `Identity of the ${service.name} instances of ${ctx.platform.name}`,
            },
            childOpts(ctx),
        );
        const member = account.member;
        const role = (suffix: string) => childName(ctx, `${service.name}-${suffix}`);
        // On a cluster the collector, not the service, writes the spans (clusterTelemetry.ts).
        const projectRoles = projectRolesFor(ctx.platform.telemetry.tracing.enabled && ctx.platform.runtime !== "kubernetes", cache.clusterMode);
        const granted: pulumi.Resource[] = [
            ...projectRoles.map(
                (projectRole) =>
                    new gcp.projects.IAMMember(role(projectRole.replace(/^roles\//, "").replace(/\./g, "-").toLowerCase()), { project: s.project, role: projectRole, member }, childOpts(ctx)),
            ),
            // Objects of the platform's bucket only, as the AWS role's s3:GetObject/PutObject/DeleteObject on bucket/*.
            new gcp.storage.BucketIAMMember(role("objects"), { bucket: storage.bucket.name, role: "roles/storage.objectUser", member }, childOpts(ctx)),
            ...secrets.map(
                (secret, index) =>
                    new gcp.secretmanager.SecretIamMember(role(`secret-${index}`), { secretId: secret.id, role: "roles/secretmanager.secretAccessor", member }, childOpts(ctx)),
            ),
        ];
        for (const [worker, queue] of queues) {
            // Every service publishes tasks; binding a queue reads the topic and attaches to it.
            for (const topicRole of ["roles/pubsub.publisher", "roles/pubsub.viewer", "roles/pubsub.subscriber"]) {
                granted.push(
                    new gcp.pubsub.TopicIAMMember(
                        role(`${worker}-topic-${topicRole.slice("roles/pubsub.".length)}`),
                        { topic: queue.topic.name, role: topicRole, member },
                        childOpts(ctx),
                    ),
                );
            }
            if (worker === service.name) {
                granted.push(
                    new gcp.pubsub.SubscriptionIAMMember(role("subscription-subscriber"), { subscription: queue.subscription.name, role: "roles/pubsub.subscriber", member }, childOpts(ctx)),
                );
            }
        }
        if (creator) {
            granted.push(new gcp.projects.IAMMember(role("subscription-creator"), { project: s.project, role: creator.name, member }, childOpts(ctx)));
        }
        accounts[service.name] = account;
        grants[service.name] = granted;
    }
    return { accounts, grants };
}
