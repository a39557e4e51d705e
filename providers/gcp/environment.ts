// The application contract on GCP: what platform-env (providers/vm) needs to write a service's
// environment on its instances. References to Secret Manager secrets and plain values only:
// the instance reads every credential itself, at boot and on its refresh timer.

import * as pulumi from "@pulumi/pulumi";
import { SEARCH_CA_FILE, SERVICES_CA_FILE, serviceUrlVariable, tracingVariables } from "../contract";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { ApplicationCredentials } from "./credentials";
import { FleetScope } from "./loadBalancer";
import { GcpCacheNative, GcpDatabaseNative, nativeOf } from "./native";
import { gcpSecretReader, gcpTokenReader, REDIS_CA_FILE } from "./userData";

/** Seconds a worker has to acknowledge a task before Pub/Sub redelivers it; kombu extends it while the task runs. */
export const ACK_DEADLINE_SECONDS = 240;

/**
 * The Celery side of the contract: kombu's Pub/Sub transport. A queue is a topic named after
 * it (Celery's default exchange for a queue is the queue's name) and a subscription of the same
 * name (no prefix); both exist before any service starts, so kombu only finds them.
 */
export function celeryVariables(project: string, queues: string[], ownQueue?: string): Record<string, string> {
    if (queues.length === 0) {
        return {};
    }
    return {
        // Credentials come from the instance's service account; the project from the URL.
        CELERY_BROKER_URL: `gcpubsub://projects/${project}`,
        CELERY_BROKER_TRANSPORT_OPTIONS: JSON.stringify({ queue_name_prefix: "", ack_deadline_seconds: ACK_DEADLINE_SECONDS }),
        CELERY_TASK_DEFAULT_QUEUE: ownQueue ?? queues[0],
        CELERY_QUEUES: queues.join(","),
    };
}

/** The declared paths of a service: one URL per service it calls, and the CA that signs them. */
export function callVariables(service: ServiceSpec, urls: Record<string, string>): Record<string, string> {
    if (service.calls.length === 0) {
        return {};
    }
    return {
        ...Object.fromEntries(
            service.calls.map((callee) => {
                const url = urls[callee];
                if (!url) {
                    throw new Error(`no internal URL for ${callee}, which ${service.name} calls`);
                }
                return [serviceUrlVariable(callee), url];
            }),
        ),
        SERVICES_CA_FILE,
    };
}

export interface ServiceEnvironmentInputs {
    credentials: ApplicationCredentials;
    /** Worker service -> its queue's name (topic and subscription). */
    queueNames: Record<string, string>;
    /** Internal URL of every called service. */
    serviceUrls: Record<string, string>;
    /** The OTLP endpoint, where it is not the collector beside the service (a cluster's shared collector). */
    tracingEndpoint?: string;
}

export function environmentFor(s: FleetScope, deps: AppFleetDeps, inputs: ServiceEnvironmentInputs, service: ServiceSpec): pulumi.Output<ServiceEnvironmentConfig> {
    const database = nativeOf<GcpDatabaseNative>(deps.database);
    const cache = nativeOf<GcpCacheNative>(deps.cache);
    const storage = deps.objectStore.outputs;
    const { queueNames } = inputs;
    return pulumi
        .output({
            databaseSecret: database.appSecret.id,
            replicasSecret: database.replicasSecret?.id,
            databaseHost: deps.database.outputs.host,
            cacheSecret: cache.authSecret.id,
            applicationSecrets: Object.fromEntries(inputs.credentials.secrets.map(({ variable, secret }) => [variable, secret.id])),
            bucket: storage.bucketName,
            storageRegion: storage.region,
        })
        .apply(
            (values): ServiceEnvironmentConfig => ({
                secretReader: gcpSecretReader(),
                database: {
                    secret: values.databaseSecret,
                    ...(values.replicasSecret ? { replicasSecret: values.replicasSecret } : {}),
                    rootCert: POSTGRES_CA_FILE,
                    // Managed pooling: the primary's own name (and certificate), its own port.
                    ...(database.poolPort ? { pool: { host: values.databaseHost, port: database.poolPort } } : {}),
                },
                // Redis Cluster authenticates with IAM: the password is an hour-long access token, so
                // the refresh timer restarts the container (drained) when the token is renewed.
                cache: { secret: values.cacheSecret, rootCert: REDIS_CA_FILE, ...(cache.clusterMode ? { tokenReader: gcpTokenReader() } : {}) },
                secrets: values.applicationSecrets,
                plain: {
                    STORAGE_BUCKET: values.bucket,
                    STORAGE_REGION: values.storageRegion,
                    // The Cloud Storage clients authenticate as the instance's service account; no key to hand out.
                    STORAGE_ENDPOINT: "https://storage.googleapis.com",
                    ...celeryVariables(s.project, Object.values(queueNames), queueNames[service.name]),
                    ...callVariables(service, inputs.serviceUrls),
                    ...tracingVariables(s.ctx.platform.telemetry.tracing, service.name, inputs.tracingEndpoint),
                    ...(deps.search ? { SEARCH_CA_FILE } : {}),
                    SERVICE_NAME: service.name,
                    ...(service.kind === "web" && service.port ? { PORT: String(service.port) } : {}),
                },
            }),
        );
}
