// The application contract on AWS: what platform-env (providers/vm) needs to write a service's
// environment on its instances. References to Secrets Manager secrets and plain values only:
// the instance reads every credential itself, at boot and on its refresh timer.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SERVICES_CA_FILE, serviceUrlVariable, tracingVariables } from "../contract";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { ApplicationCredentials } from "./credentials";
import { FleetScope } from "./loadBalancer";
import { AwsCacheNative, AwsDatabaseNative, nativeOf } from "./native";
import { awsSecretReader } from "./userData";

/** The Celery side of the contract: SQS through kombu's predefined queues (nothing is created or listed). */
export function celeryVariables(region: string, queues: { name: string; url: string }[], ownQueue?: string): Record<string, string> {
    if (queues.length === 0) {
        return {};
    }
    const predefined = Object.fromEntries(queues.map((queue) => [queue.name, { url: queue.url }]));
    return {
        // Credentials come from the instance role; the region and queue URLs from the options.
        CELERY_BROKER_URL: "sqs://",
        CELERY_BROKER_TRANSPORT_OPTIONS: JSON.stringify({ region, predefined_queues: predefined }),
        CELERY_TASK_DEFAULT_QUEUE: ownQueue ?? queues[0].name,
        CELERY_QUEUES: queues.map((queue) => queue.name).join(","),
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
    queues: Record<string, aws.sqs.Queue>;
    /** Internal URL of every called service. */
    serviceUrls: Record<string, string>;
}

export function environmentFor(s: FleetScope, deps: AppFleetDeps, inputs: ServiceEnvironmentInputs, service: ServiceSpec): pulumi.Output<ServiceEnvironmentConfig> {
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const storage = deps.objectStore.outputs;
    const { queues } = inputs;
    const queueList = pulumi.all(Object.entries(queues).map(([name, queue]) => queue.url.apply((url) => ({ name, url }))));
    return pulumi
        .output({
            databaseSecret: database.appSecret.arn,
            replicasSecret: database.replicasSecret?.arn,
            poolHost: database.pool?.host,
            cacheSecret: cache.authSecret.arn,
            applicationSecrets: Object.fromEntries(Object.entries(inputs.credentials.applicationSecrets).map(([name, secret]) => [name, secret.arn])),
            bucket: storage.bucketName,
            storageRegion: storage.region,
            queues: queueList,
            // SigV4 with the service's role: the URL carries no credential.
            searchUrl: deps.search?.outputs.endpoint,
        })
        .apply(
            (values): ServiceEnvironmentConfig => ({
                secretReader: awsSecretReader(s.region),
                database: {
                    secret: values.databaseSecret,
                    ...(values.replicasSecret ? { replicasSecret: values.replicasSecret } : {}),
                    rootCert: POSTGRES_CA_FILE,
                    ...(values.poolHost && database.pool ? { pool: { host: values.poolHost, port: database.pool.port } } : {}),
                },
                cache: { secret: values.cacheSecret },
                secrets: values.applicationSecrets,
                plain: {
                    STORAGE_BUCKET: values.bucket,
                    STORAGE_REGION: values.storageRegion,
                    STORAGE_ENDPOINT: `https://s3.${values.storageRegion}.amazonaws.com`,
                    ...celeryVariables(s.region, values.queues, queues[service.name] ? service.name : undefined),
                    ...callVariables(service, inputs.serviceUrls),
                    ...tracingVariables(s.ctx.platform.telemetry.tracing, service.name),
                    ...(values.searchUrl ? { SEARCH_URL: values.searchUrl } : {}),
                    SERVICE_NAME: service.name,
                    ...(service.kind === "web" && service.port ? { PORT: String(service.port) } : {}),
                },
            }),
        );
}
