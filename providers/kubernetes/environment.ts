// The application contract on an existing cluster (providers/contract.ts): Pulumi generates
// every credential here, so the variables are rendered from known values into one Secret per
// service, formatted exactly as platform-env.py formats them on a VM. The broker is the
// in-cluster Redis: each worker's Celery queue is a Redis list named after the worker, as the
// VM fleets name their queues.

import { POSTGRES_CA_FILE, SEARCH_CA_FILE, SERVICES_CA_FILE, serviceUrlVariable, tracingVariables } from "../contract";
import { TracingSpec } from "../../tiers/types";
import { ServiceSpec } from "../../tiers/types";

/** The platform CA under the names the contract's clients read it from (the ConfigMap's keys). */
export const REDIS_CA_FILE = "/etc/platform/certs/redis-ca.pem";
export const STORAGE_CA_FILE = "/etc/platform/certs/storage-ca.pem";
export const CA_BUNDLE_KEYS = ["postgres-ca.pem", "redis-ca.pem", "storage-ca.pem", "search-ca.pem"] as const;

/** Plain values of the data tier the variables are made of (secrets already resolved). */
export interface ContractValues {
    /** `pool`, when pooling is on, fronts the primary: DATABASE_URL, PGHOST and PGPORT name it. */
    database: { host: string; readHost?: string; port: number; name: string; user: string; password: string; pool?: { host: string; port: number } };
    cache: { host: string; port: number; password: string; cluster: boolean };
    storage: { endpoint: string; bucket: string; region: string; accessKey: string; secretKey: string };
    jwtSecret: string;
    apiKey: string;
    /** Internal URL of every web service another one calls. */
    serviceUrls: Record<string, string>;
    /** With the search cluster: SEARCH_URL, credentials included. */
    searchUrl?: string;
    /** Where the services send traces: the tracing spec and the in-cluster collector's OTLP URL. */
    tracing?: { spec: TracingSpec; endpoint: string };
}

/** Python's urllib.parse.quote: everything but letters, digits and `_.-~` (and `safe`) percent-encoded. */
export function pyQuote(text: string, safe = ""): string {
    return Array.from(new TextEncoder().encode(text))
        .map((byte) => {
            const char = String.fromCharCode(byte);
            return /[A-Za-z0-9_.\-~]/.test(char) || (byte < 128 && safe.includes(char)) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
        })
        .join("");
}

export function postgresUrl(user: string, password: string, host: string, port: number, dbname: string): string {
    const query = `sslmode=verify-full&sslrootcert=${pyQuote(POSTGRES_CA_FILE, "/")}`;
    return `postgresql://${pyQuote(user)}:${pyQuote(password)}@${host}:${port}/${pyQuote(dbname)}?${query}`;
}

/** rediss:// with AUTH and the CA the server's certificate chains to (redis-py, Celery and kombu read ssl_ca_certs). */
export function redisUrl(cache: ContractValues["cache"]): string {
    return `rediss://:${pyQuote(cache.password)}@${cache.host}:${cache.port}/0?ssl_ca_certs=${pyQuote(REDIS_CA_FILE, "/")}`;
}

/** Workers' queues: one Redis list per worker, named after it. */
export function queueNames(services: readonly ServiceSpec[]): string[] {
    return services.filter((service) => service.kind === "worker").map((service) => service.name);
}

/** The Celery side of the contract on Redis; kombu keeps unacknowledged tasks for visibility_timeout seconds. */
export function celeryVariables(cache: ContractValues["cache"], queues: string[], ownQueue?: string): Record<string, string> {
    if (queues.length === 0) {
        return {};
    }
    return {
        CELERY_BROKER_URL: `${redisUrl(cache)}&ssl_cert_reqs=required`,
        CELERY_BROKER_TRANSPORT_OPTIONS: JSON.stringify({ visibility_timeout: 3600 }),
        CELERY_TASK_DEFAULT_QUEUE: ownQueue ?? queues[0],
        CELERY_QUEUES: queues.join(","),
    };
}

/** Every variable of the contract for one service, in platform-env.py's order. */
export function contractVariables(service: ServiceSpec, services: readonly ServiceSpec[], values: ContractValues): Record<string, string> {
    const { database: db, cache, storage } = values;
    // The pool, when there is one, fronts the primary only; the read-only Service stays direct.
    const primary = db.pool ?? { host: db.host, port: db.port };
    const queues = queueNames(services);
    const calls: Record<string, string> =
        service.calls.length === 0
            ? {}
            : {
                  ...Object.fromEntries(
                      service.calls.map((callee) => {
                          const url = values.serviceUrls[callee];
                          if (!url) {
                              throw new Error(`no internal URL for ${callee}, which ${service.name} calls`);
                          }
                          return [serviceUrlVariable(callee), url];
                      }),
                  ),
                  SERVICES_CA_FILE,
              };
    return {
        DATABASE_URL: postgresUrl(db.user, db.password, primary.host, primary.port, db.name),
        ...(db.readHost ? { DATABASE_READ_URLS: postgresUrl(db.user, db.password, db.readHost, db.port, db.name) } : {}),
        PGHOST: primary.host,
        PGPORT: String(primary.port),
        PGDATABASE: db.name,
        PGUSER: db.user,
        PGPASSWORD: db.password,
        PGSSLMODE: "verify-full",
        PGSSLROOTCERT: POSTGRES_CA_FILE,
        REDIS_URL: redisUrl(cache),
        REDIS_CLUSTER: cache.cluster ? "true" : "false",
        API_KEY: values.apiKey,
        JWT_SECRET: values.jwtSecret,
        STORAGE_BUCKET: storage.bucket,
        STORAGE_REGION: storage.region,
        STORAGE_ENDPOINT: storage.endpoint,
        // The object store is not the cloud's: S3 clients (boto3, the AWS SDKs) read its user's keys and CA from these.
        AWS_ACCESS_KEY_ID: storage.accessKey,
        AWS_SECRET_ACCESS_KEY: storage.secretKey,
        AWS_CA_BUNDLE: STORAGE_CA_FILE,
        ...celeryVariables(cache, queues, service.kind === "worker" ? service.name : undefined),
        ...calls,
        ...(values.tracing ? tracingVariables(values.tracing.spec, service.name, values.tracing.endpoint) : {}),
        ...(values.searchUrl ? { SEARCH_URL: values.searchUrl, SEARCH_CA_FILE } : {}),
        SERVICE_NAME: service.name,
        ...(service.kind === "web" && service.port ? { PORT: String(service.port) } : {}),
    };
}
