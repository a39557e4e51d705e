// The application contract on Azure: what platform-env (providers/vm) needs to write a service's
// environment on its VMs. Key Vault secret URLs and plain values only: each VM reads every
// credential itself with its managed identity, at boot and on its refresh timer.

import * as pulumi from "@pulumi/pulumi";
import { SEARCH_CA_FILE, SERVICES_CA_FILE, serviceUrlVariable, tracingVariables } from "../contract";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { POSTGRES_CA_FILE, ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { ApplicationCredentials } from "./credentials";
import { FleetScope } from "./loadBalancer";
import { AzureCacheNative, AzureDatabaseNative, AzureObjectStoreNative, nativeOf } from "./native";
import { keyVaultSecretReader, keyVaultSecretUrl } from "./userData";

/** Seconds a received task stays invisible to other workers: the queues' lock duration. */
export const PEEK_LOCK_SECONDS = 60;

/**
 * The Celery side of the contract: kombu's Service Bus transport, authenticated with the VM's
 * managed identity (the only identity on the VM, so the credential needs no client id). Queue
 * names are the Service Bus entity names: the namespace belongs to this platform alone.
 */
export function celeryVariables(namespaceHost: string | undefined, queues: string[], ownQueue?: string): Record<string, string> {
    if (!namespaceHost || queues.length === 0) {
        return {};
    }
    return {
        CELERY_BROKER_URL: `azureservicebus://ManagedIdentityCredential@${namespaceHost}`,
        CELERY_BROKER_TRANSPORT_OPTIONS: JSON.stringify({ peek_lock_seconds: PEEK_LOCK_SECONDS }),
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

/** The Key Vault secrets a service's VMs read: the database login (and replicas), the cache key, the app's own. */
export function secretNamesFor(deps: AppFleetDeps, credentials: ApplicationCredentials): string[] {
    const database = nativeOf<AzureDatabaseNative>(deps.database);
    const cache = nativeOf<AzureCacheNative>(deps.cache);
    return [
        database.appSecretName,
        ...(database.replicasSecretName ? [database.replicasSecretName] : []),
        cache.authSecretName,
        ...credentials.secrets.map((secret) => secret.secretName),
    ];
}

export interface ServiceEnvironmentInputs {
    credentials: ApplicationCredentials;
    /** `<namespace>.servicebus.windows.net`, when workers exist. */
    namespaceHost?: string;
    /** Worker queue names (the workers' service names). */
    queues: string[];
    /** Internal URL of every called service. */
    serviceUrls: Record<string, string>;
}

export function environmentFor(s: FleetScope, deps: AppFleetDeps, inputs: ServiceEnvironmentInputs, service: ServiceSpec): pulumi.Output<ServiceEnvironmentConfig> {
    const database = nativeOf<AzureDatabaseNative>(deps.database);
    const cache = nativeOf<AzureCacheNative>(deps.cache);
    const storage = nativeOf<AzureObjectStoreNative>(deps.objectStore);
    const ownQueue = inputs.queues.includes(service.name) ? service.name : undefined;
    return pulumi
        .output({ account: storage.account.name, container: storage.container.name, databaseHost: database.host })
        .apply((values): ServiceEnvironmentConfig => {
            const secret = (name: string) => keyVaultSecretUrl(s.net.keyVaultName, name);
            return {
                secretReader: keyVaultSecretReader(),
                database: {
                    secret: secret(database.appSecretName),
                    ...(database.replicasSecretName ? { replicasSecret: secret(database.replicasSecretName) } : {}),
                    rootCert: POSTGRES_CA_FILE,
                    // The built-in PgBouncer: the server's own name (and certificate), its own port.
                    ...(database.poolerPort ? { pool: { host: values.databaseHost, port: database.poolerPort } } : {}),
                },
                cache: { secret: secret(cache.authSecretName) },
                secrets: Object.fromEntries(inputs.credentials.secrets.map(({ variable, secretName }) => [variable, secret(secretName)])),
                plain: {
                    STORAGE_BUCKET: values.container,
                    STORAGE_REGION: s.location,
                    STORAGE_ENDPOINT: `https://${values.account}.blob.core.windows.net`,
                    ...celeryVariables(inputs.namespaceHost, inputs.queues, ownQueue),
                    ...callVariables(service, inputs.serviceUrls),
                    ...tracingVariables(s.ctx.platform.telemetry.tracing, service.name),
                    ...(deps.search ? { SEARCH_CA_FILE } : {}),
                    SERVICE_NAME: service.name,
                    ...(service.kind === "web" && service.port ? { PORT: String(service.port) } : {}),
                },
            };
        });
}
