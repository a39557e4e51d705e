// The app tier of both documents on Compute Engine: one regional managed instance group per
// service running its container on Shielded VMs without external addresses, autohealed on its
// liveness path after the seed's 300 s, a global external Application Load Balancer with HTTPS
// only (TLS 1.2+) and the LMS document's WAF rules in Cloud Armor (loadBalancer.ts), a service
// account per service (instanceRole.ts), and Celery workers on Pub/Sub scaled on queue depth.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs, ServiceEndpoint } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { childName, childOpts, createCryptoKey, labelsFor, projectOf, regionOf } from "./common";
import { GcpAppFleetNative, GcpCacheNative, GcpDatabaseNative, GcpNetworkNative, GcpServiceFleet, nativeOf } from "./native";
import type { GcpSearchNative } from "./search";
import { instanceIdentity, InstanceIdentity, QueueAccess } from "./instanceRole";
import { bootImageFor, machineTypeFor } from "./sizes";
import { cpuStepScaling, cpuTargetPolicy, regionAutoscaler } from "./cpuScaling";
import { boundedName, FleetScope, healthCheckFirewall, NAMED_PORT, publicEdge, serviceHealthCheck } from "./loadBalancer";
import { buildBootScript, LOAD_BALANCER_SOURCE_RANGES, startupScriptMetadata } from "./userData";
import { createApplicationCredentials } from "./credentials";
import { ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { ACK_DEADLINE_SECONDS, environmentFor } from "./environment";
import { createClusterFleet } from "./clusterFleet";
import { InstanceTelemetry } from "./opsAgent";

/** Debian 12 has what the startup script needs (bash, python3, curl, gcloud) and supports Shielded VM; the family tracks its patched image. */
export const BOOT_IMAGE = bootImageFor("x86_64");
/** The SQS queues' retention on AWS: four days. */
const QUEUE_RETENTION = "345600s";
/** Dead letters are kept for Pub/Sub's maximum of seven days. */
const DEAD_LETTER_RETENTION = "604800s";
/** A task delivered this many times without acknowledgement goes to the dead-letter topic (AWS maxReceiveCount). */
const MAX_DELIVERY_ATTEMPTS = 5;
/** How long `pulumi up` waits for a group's instances to boot, pull, start and pass their checks. */
const GROUP_TIMEOUT = "45m";
const NUM_UNDELIVERED = "pubsub.googleapis.com/subscription/num_undelivered_messages";
/** The Cloud Logging log the containers write to (Docker's gcplogs driver); entries carry the service as a label. */
export const CONTAINER_LOG = "gcplogs-docker-driver";

/** The Celery queue of a worker: its topic and subscription, named alike and unique in the project. */
export function queueNameFor(ctx: AdapterContext, service: ServiceSpec): string {
    return `${ctx.platform.name}-${service.name}`;
}

/** A fixed name: alerts and dashboards filter on it before the group exists. */
export function groupNameFor(ctx: AdapterContext, service: ServiceSpec): string {
    return boundedName(childName(ctx, service.name));
}

export function workerQueue(s: FleetScope, service: ServiceSpec, pubsubAgent: pulumi.Output<string>, keyGrants: pulumi.Resource[]): QueueAccess {
    const { ctx } = s;
    const name = queueNameFor(ctx, service);
    const labels = labelsFor(ctx);
    const topic = (role: string, topicName: string) =>
        new gcp.pubsub.Topic(
            childName(ctx, role),
            {
                name: topicName,
                kmsKeyName: s.key.id,
                messageStoragePolicy: { allowedPersistenceRegions: [s.region] },
                labels,
            },
            // Pub/Sub checks at creation that its service agent may use the key.
            childOpts(ctx, { dependsOn: keyGrants }),
        );
    const deadLetters = topic(`${service.name}-dead-letter-topic`, `${name}-dead-letter`);
    // A topic without a subscription drops what it receives: this one keeps the dead letters.
    new gcp.pubsub.Subscription(
        childName(ctx, `${service.name}-dead-letter-subscription`),
        { name: `${name}-dead-letter`, topic: deadLetters.id, messageRetentionDuration: DEAD_LETTER_RETENTION, expirationPolicy: { ttl: "" }, labels },
        childOpts(ctx),
    );
    const tasks = topic(`${service.name}-topic`, name);
    const subscription = new gcp.pubsub.Subscription(
        childName(ctx, `${service.name}-subscription`),
        {
            name,
            topic: tasks.id,
            ackDeadlineSeconds: ACK_DEADLINE_SECONDS,
            messageRetentionDuration: QUEUE_RETENTION,
            // Never deleted for inactivity: a quiet queue still has its workers.
            expirationPolicy: { ttl: "" },
            retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
            deadLetterPolicy: { deadLetterTopic: deadLetters.id, maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS },
            labels,
        },
        childOpts(ctx),
    );
    // Pub/Sub's own agent forwards dead letters: it publishes to their topic and acknowledges them here.
    new gcp.pubsub.TopicIAMMember(childName(ctx, `${service.name}-dead-letter-publisher`), { topic: deadLetters.name, role: "roles/pubsub.publisher", member: pubsubAgent }, childOpts(ctx));
    new gcp.pubsub.SubscriptionIAMMember(
        childName(ctx, `${service.name}-dead-letter-forwarder`),
        { subscription: subscription.name, role: "roles/pubsub.subscriber", member: pubsubAgent },
        childOpts(ctx),
    );
    return { topic: tasks, subscription };
}

interface ServiceWiring {
    service: ServiceSpec;
    account: gcp.serviceaccount.Account;
    /** Web services behind the public load balancer: refuse its connections around a restart. */
    behindLoadBalancer: boolean;
}

/** Which group of a service: its standard one, or the spot one of a spot worker, with its replica range. */
interface GroupPart {
    spot: boolean;
    replicas: Pick<ServiceSpec, "minReplicas" | "maxReplicas">;
}

/**
 * Spot VMs: Compute Engine may reclaim them at any time with 30 s notice; a reclaimed VM is
 * deleted (its disk with it) and the group recreates it when capacity returns. Spot VMs cannot
 * live-migrate or restart themselves.
 */
const SPOT_SCHEDULING: gcp.types.input.compute.InstanceTemplateScheduling = {
    provisioningModel: "SPOT",
    preemptible: true,
    automaticRestart: false,
    onHostMaintenance: "TERMINATE",
    instanceTerminationAction: "DELETE",
};

/** A standard group of every service; a spot worker's standard group holds its on-demand base, and a spot group the rest. */
function groupParts(svc: ServiceSpec): GroupPart[] {
    if (!svc.capacity.spot) {
        return [{ spot: false, replicas: svc }];
    }
    const base = svc.capacity.onDemandBase;
    const spot: GroupPart = { spot: true, replicas: { minReplicas: svc.minReplicas - base, maxReplicas: svc.maxReplicas - base } };
    return base > 0 ? [{ spot: false, replicas: { minReplicas: base, maxReplicas: base } }, spot] : [spot];
}

interface CertificateAuthorities {
    database: pulumi.Output<string>;
    cache: pulumi.Output<string>;
    services?: pulumi.Output<string>;
    search?: pulumi.Output<string>;
}

/** What the instance's collectors scrape and where they send it; absent when metrics and tracing are both off. */
export function instanceTelemetryFor(s: Pick<FleetScope, "ctx" | "project">, svc: ServiceSpec): InstanceTelemetry | undefined {
    const { metrics, tracing } = s.ctx.platform.telemetry;
    if (!metrics.enabled && !tracing.enabled) {
        return undefined;
    }
    return { platform: s.ctx.platform.name, project: s.project, service: svc.name, ...(svc.kind === "web" && svc.port ? { port: svc.port } : {}), metrics, tracing };
}

function startupScript(s: FleetScope, environment: pulumi.Output<ServiceEnvironmentConfig>, w: ServiceWiring, cas: CertificateAuthorities): pulumi.Output<string> {
    const svc = w.service;
    return pulumi.all([environment, cas.database, cas.cache, cas.services, cas.search]).apply(([env, databaseCaPem, cacheCaPem, servicesCaPem, searchCaPem]) =>
        startupScriptMetadata(
            buildBootScript({
                project: s.project,
                service: svc.name,
                kind: svc.kind,
                image: svc.image,
                command: svc.command,
                port: svc.port,
                healthPath: svc.healthPath,
                readyPath: svc.readyPath,
                environment: env,
                databaseCaPem,
                cacheCaPem,
                servicesCaPem,
                searchCaPem,
                drainSourceRanges: w.behindLoadBalancer ? LOAD_BALANCER_SOURCE_RANGES : undefined,
                telemetry: instanceTelemetryFor(s, svc),
            }),
        ),
    );
}

function serviceGroup(
    s: FleetScope,
    environment: pulumi.Output<ServiceEnvironmentConfig>,
    w: ServiceWiring,
    cas: CertificateAuthorities,
    waitFor: pulumi.Resource[],
    part: GroupPart,
): gcp.compute.RegionInstanceGroupManager {
    const { ctx, spec, net } = s;
    const svc = w.service;
    // The spot half of a worker is a group of its own: a group is all spot or all standard.
    const id = part.spot ? `${svc.name}-spot` : svc.name;
    const groupName = part.spot ? boundedName(childName(ctx, id)) : groupNameFor(ctx, svc);
    const labels = labelsFor(ctx);
    const template = new gcp.compute.InstanceTemplate(
        childName(ctx, `${id}-template`),
        {
            // Templates are immutable: a change creates the next one, the group rolls to it, the old one goes.
            namePrefix: `${boundedName(groupName, 36)}-`,
            description: `${svc.name} (${svc.kind}) instances of ${ctx.platform.name}`,
            machineType: machineTypeFor(svc.shape, svc.capacity.architecture),
            disks: [
                {
                    boot: true,
                    autoDelete: true,
                    sourceImage: bootImageFor(svc.capacity.architecture),
                    diskSizeGb: svc.rootVolumeGb,
                    diskType: "pd-balanced",
                    diskEncryptionKey: { kmsKeySelfLink: s.key.id },
                    labels,
                },
            ],
            // No access config: no external address; images and packages come through Cloud NAT.
            networkInterfaces: [{ subnetwork: net.appSubnet.id }],
            // The scope allows every API; the service account's grants are what limit it.
            serviceAccount: { email: w.account.email, scopes: ["cloud-platform"] },
            shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
            canIpForward: false,
            // T2A machines cannot live-migrate: they restart after host maintenance instead.
            scheduling: part.spot ? SPOT_SCHEDULING : { automaticRestart: true, onHostMaintenance: svc.capacity.architecture === "arm64" ? "TERMINATE" : "MIGRATE" },
            metadata: {
                // OS Login (IAM) instead of SSH keys in metadata; no serial console.
                "enable-oslogin": "TRUE",
                "block-project-ssh-keys": "TRUE",
                "serial-port-enable": "FALSE",
                "startup-script": startupScript(s, environment, w, cas),
            },
            tags: [net.tags.app],
            labels,
        },
        childOpts(ctx),
    );
    const port = svc.kind === "web" ? svc.port : undefined;
    return new gcp.compute.RegionInstanceGroupManager(
        childName(ctx, `${id}-group`),
        {
            name: groupName,
            baseInstanceName: boundedName(groupName, 58),
            region: s.region,
            distributionPolicyZones: net.zones,
            // The unique link: a replaced template with a reused name still rolls the group.
            versions: [{ name: "primary", instanceTemplate: template.selfLinkUnique }],
            targetSize: part.replicas.minReplicas,
            namedPorts: port ? [{ name: NAMED_PORT, port }] : undefined,
            autoHealingPolicies: { healthCheck: serviceHealthCheck(s, { ...svc, name: id }, "live").id, initialDelaySec: spec.healthCheckGraceSeconds },
            // A new template rolls one instance per zone at a time, new before old: capacity never drops.
            updatePolicy: {
                type: "PROACTIVE",
                minimalAction: "REPLACE",
                replacementMethod: "SUBSTITUTE",
                maxSurgeFixed: net.zones.length,
                maxUnavailableFixed: 0,
                instanceRedistributionType: "PROACTIVE",
            },
            // `pulumi up` returns when every instance runs the current template and the group is
            // stable (its instances past autohealing's initial delay), as AWS waits for capacity.
            waitForInstances: true,
            waitForInstancesStatus: "UPDATED",
        },
        // The autoscaler owns the size after creation; a deploy must not reset it to the minimum.
        // Instances read secrets and pull images at boot: grants, NAT and the credentials come first.
        childOpts(ctx, { dependsOn: waitFor, ignoreChanges: ["targetSize"], customTimeouts: { create: GROUP_TIMEOUT, update: GROUP_TIMEOUT } }),
    );
}

function webScaling(s: FleetScope, svc: ServiceSpec, group: gcp.compute.RegionInstanceGroupManager): gcp.compute.RegionAutoscaler {
    return svc.cpuScaling ? cpuStepScaling(s, svc, group, svc.cpuScaling) : regionAutoscaler(s, svc, group, cpuTargetPolicy(s));
}

/**
 * The idea-management document's worker rule (out above 100 queued messages, in below 10) on
 * Compute Engine's autoscaler, which keeps a group at ceil(backlog / per-instance assignment)
 * rather than stepping on thresholds. With 100 messages per worker, a group grows once the
 * backlog passes 100 per worker: from one worker, above 100 as the document says. It shrinks
 * once the backlog fits in fewer workers, and only after ten minutes without a higher
 * recommendation and by one worker per ten minutes, as AWS removes one worker after ten
 * minutes below 10 messages. The 10-message floor itself has no counterpart: below 100 per
 * worker a group is already at the size the backlog needs (never under its minimum).
 */
function workerScaling(s: FleetScope, svc: ServiceSpec, group: gcp.compute.RegionInstanceGroupManager, subscriptionName: string): gcp.compute.RegionAutoscaler {
    const scaleInSeconds = 600;
    return regionAutoscaler(s, svc, group, {
        metrics: [
            {
                name: NUM_UNDELIVERED,
                filter: `resource.type = pubsub_subscription AND resource.labels.subscription_id = "${subscriptionName}"`,
                singleInstanceAssignment: s.spec.scaleOutQueueDepth,
            },
        ],
        stabilizationPeriod: scaleInSeconds,
        scaleInControl: { maxScaledInReplicas: { fixed: 1 }, timeWindowSec: scaleInSeconds },
    });
}

export function endpoints(spec: AppFleetSpec, publicWeb: ServiceSpec[], lbHost: pulumi.Output<string>): pulumi.Output<ServiceEndpoint[]> {
    return lbHost.apply((host) =>
        spec.services.map((service) => {
            const endpoint: ServiceEndpoint = { name: service.name, kind: service.kind, minReplicas: service.minReplicas, maxReplicas: service.maxReplicas };
            const index = publicWeb.indexOf(service);
            if (index >= 0) {
                const base = spec.domain ? `https://${spec.domain}` : `https://${host}`;
                endpoint.url = index === 0 ? base : spec.domain ? `https://${service.name}.${spec.domain}` : `${base}/${service.name}/`;
            }
            return endpoint;
        }),
    );
}

/** The service agents that encrypt with the fleet's key: Compute Engine (disks) and, with workers, Pub/Sub (topics). */
export function fleetKey(ctx: AdapterContext, net: GcpNetworkNative, withWorkers: boolean): { key: gcp.kms.CryptoKey; grants: pulumi.Resource[] } {
    const agents = [net.serviceAgents["compute.googleapis.com"], ...(withWorkers ? [net.serviceAgents["pubsub.googleapis.com"]] : [])];
    return createCryptoKey(ctx, net.keyRing, "app", agents);
}

export function createAppFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    if (ctx.platform.runtime === "kubernetes") {
        return createClusterFleet(ctx, spec, deps);
    }
    const net = nativeOf<GcpNetworkNative>(deps.network);
    const workers = spec.services.filter((service) => service.kind === "worker");
    const { key, grants: keyGrants } = fleetKey(ctx, net, workers.length > 0);
    const s: FleetScope = { ctx, spec, region: regionOf(ctx), project: projectOf(ctx), key, net };

    const queues: Record<string, QueueAccess> = Object.fromEntries(workers.map((service) => [service.name, workerQueue(s, service, net.serviceAgents["pubsub.googleapis.com"], keyGrants)]));
    const credentials = createApplicationCredentials(ctx, deps);
    const identity: InstanceIdentity = instanceIdentity(s, deps, spec.services, { queues, secrets: credentials.secrets.map(({ secret }) => secret) });
    const queueNames = Object.fromEntries(workers.map((service) => [service.name, queueNameFor(ctx, service)]));
    const cas: CertificateAuthorities = {
        database: nativeOf<GcpDatabaseNative>(deps.database).serverCaPem,
        cache: nativeOf<GcpCacheNative>(deps.cache).serverCaPem,
        ...(deps.search ? { search: nativeOf<GcpSearchNative>(deps.search).caPem } : {}),
    };

    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const probes = healthCheckFirewall(s, spec.services);
    const fleets: Record<string, GcpServiceFleet> = {};
    const groups: Record<string, gcp.compute.RegionInstanceGroupManager> = {};
    for (const service of spec.services) {
        const wiring: ServiceWiring = { service, account: identity.accounts[service.name], behindLoadBalancer: publicWeb.includes(service) };
        const environment = environmentFor(s, deps, { credentials, queueNames, serviceUrls: {} }, service);
        const waitFor = [...identity.grants[service.name], ...keyGrants, ...net.appEgress, ...credentials.ready, ...(probes ? [probes] : [])];
        const queue = queues[service.name];
        const parts = groupParts(service).map((part) => {
            const group = serviceGroup(s, environment, wiring, cas, waitFor, part);
            const sized: ServiceSpec = { ...service, ...part.replicas, name: part.spot ? `${service.name}-spot` : service.name };
            if (queue) {
                workerScaling(s, sized, group, queueNames[service.name]);
            } else {
                webScaling(s, sized, group);
            }
            return group;
        });
        // Alerts and the dashboard follow the standard group (a spot worker's base).
        const group = parts[0];
        groups[service.name] = group;
        fleets[service.name] = {
            group,
            groupName: service.capacity.spot && service.capacity.onDemandBase === 0 ? boundedName(childName(ctx, `${service.name}-spot`)) : groupNameFor(ctx, service),
            serviceAccount: wiring.account,
            topic: queue?.topic,
            subscription: queue?.subscription,
            subscriptionName: queue ? queueNames[service.name] : undefined,
        };
    }

    const edge = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb, groups) : undefined;
    for (const [name, backend] of Object.entries(edge?.backendServices ?? {})) {
        fleets[name].backendService = backend;
    }
    const lbHost = edge ? edge.address.address : pulumi.output("");
    const url = !edge ? pulumi.output("") : spec.domain ? pulumi.output(`https://${spec.domain}`) : pulumi.interpolate`https://${lbHost}`;
    const native: GcpAppFleetNative = {
        address: edge?.address,
        urlMap: edge?.urlMap,
        fleets,
        key,
        securityPolicy: edge?.securityPolicy,
        serviceUrls: {},
    };
    return {
        outputs: { url, loadBalancerHost: lbHost, services: endpoints(spec, publicWeb, lbHost) },
        native,
        logGroups: [pulumi.output(CONTAINER_LOG)],
    };
}
