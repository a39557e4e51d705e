// The application contract: the environment every service receives, the same on every cloud and
// runtime, so an application never knows where it runs. Adapters produce these variables; the
// README's table and the tests are held to this list.

import { TracingSpec } from "../tiers/types";

export type ContractGroup = "PostgreSQL" | "Redis" | "Queues" | "Object storage" | "Application secrets" | "Service" | "Telemetry" | "Search";

/** When a variable is set: always, or only where the platform has the thing it describes. */
export type Presence = "always" | "read replicas" | "worker services exist" | "web services" | "services that declare calls" | "an existing cluster" | "tracing is on" | "the search cluster is on" | "a self-run search cluster";

export interface ContractVariable {
    name: string;
    group: ContractGroup;
    presence: Presence;
    meaning: string;
}

/** Where the database's CA bundle is installed on every host and mounted into every container. */
export const POSTGRES_CA_FILE = "/etc/platform/certs/postgres-ca.pem";
/** Where the CA of the internal service URLs is installed, for services that call others. */
export const SERVICES_CA_FILE = "/etc/platform/certs/services-ca.pem";
/** Where the CA of a self-run search cluster's certificate is installed (the platform CA). */
export const SEARCH_CA_FILE = "/etc/platform/certs/search-ca.pem";

/** The variable holding the URL of a called service: api-v2 -> SERVICE_URL_API_V2. */
export function serviceUrlVariable(service: string): string {
    return `SERVICE_URL_${service.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

export const APPLICATION_CONTRACT: readonly ContractVariable[] = [
    { name: "DATABASE_URL", group: "PostgreSQL", presence: "always", meaning: "postgresql://user:password@host:5432/db?sslmode=verify-full&sslrootcert=... (credentials percent-encoded); the application's own role" },
    { name: "DATABASE_READ_URLS", group: "PostgreSQL", presence: "read replicas", meaning: "Comma-separated URLs of the read replicas, same role and TLS settings" },
    { name: "PGHOST", group: "PostgreSQL", presence: "always", meaning: "Primary endpoint, or the connection pool in front of it when pooling is on (DATABASE_URL names the same host and port)" },
    { name: "PGPORT", group: "PostgreSQL", presence: "always", meaning: "5432; 6432 when pooling is on with Azure's PgBouncer or Cloud SQL's managed pooling" },
    { name: "PGDATABASE", group: "PostgreSQL", presence: "always", meaning: "Application database" },
    { name: "PGUSER", group: "PostgreSQL", presence: "always", meaning: "The application's login role (alternates between two on rotation)" },
    { name: "PGPASSWORD", group: "PostgreSQL", presence: "always", meaning: "Its current password" },
    { name: "PGSSLMODE", group: "PostgreSQL", presence: "always", meaning: "verify-full" },
    { name: "PGSSLROOTCERT", group: "PostgreSQL", presence: "always", meaning: `The cloud's database CA bundle, ${POSTGRES_CA_FILE}` },
    { name: "REDIS_URL", group: "Redis", presence: "always", meaning: "rediss://:token@host:6379/0 (TLS, AUTH token)" },
    { name: "REDIS_CLUSTER", group: "Redis", presence: "always", meaning: "true when the tier runs Redis in cluster mode (use a cluster client), else false" },
    { name: "CELERY_BROKER_URL", group: "Queues", presence: "worker services exist", meaning: "The broker Celery reads by default (sqs:// on AWS)" },
    { name: "CELERY_BROKER_TRANSPORT_OPTIONS", group: "Queues", presence: "worker services exist", meaning: "JSON for Celery's broker_transport_options: region and predefined queues (no queue is created or listed)" },
    { name: "CELERY_TASK_DEFAULT_QUEUE", group: "Queues", presence: "worker services exist", meaning: "A worker's own queue (the one its scaling watches); for other services the first worker's" },
    { name: "CELERY_QUEUES", group: "Queues", presence: "worker services exist", meaning: "Comma-separated names of every worker queue" },
    { name: "STORAGE_BUCKET", group: "Object storage", presence: "always", meaning: "Bucket for documents and uploads" },
    { name: "STORAGE_REGION", group: "Object storage", presence: "always", meaning: "Its region" },
    { name: "STORAGE_ENDPOINT", group: "Object storage", presence: "always", meaning: "HTTPS endpoint of the object store API (S3-compatible clients' endpoint_url)" },
    { name: "AWS_ACCESS_KEY_ID", group: "Object storage", presence: "an existing cluster", meaning: "The application's own key for the in-cluster S3-compatible store (S3 SDKs read it); on the clouds the service's identity signs requests instead" },
    { name: "AWS_SECRET_ACCESS_KEY", group: "Object storage", presence: "an existing cluster", meaning: "Its secret" },
    { name: "AWS_CA_BUNDLE", group: "Object storage", presence: "an existing cluster", meaning: "The platform CA the in-cluster store's certificate chains to, /etc/platform/certs/storage-ca.pem" },
    { name: "JWT_SECRET", group: "Application secrets", presence: "always", meaning: "Generated in the secret store (<platform>/jwt/secret); re-read on change" },
    { name: "API_KEY", group: "Application secrets", presence: "always", meaning: "Generated in the secret store (<platform>/api/key); re-read on change" },
    { name: "SERVICE_URL_<NAME>", group: "Service", presence: "services that declare calls", meaning: "For each service in `calls`: its HTTPS URL on the internal load balancer" },
    { name: "SERVICES_CA_FILE", group: "Service", presence: "services that declare calls", meaning: `The CA those URLs' certificates chain to, ${SERVICES_CA_FILE}` },
    { name: "OTEL_EXPORTER_OTLP_ENDPOINT", group: "Telemetry", presence: "tracing is on", meaning: "The OpenTelemetry collector beside the service (http://localhost:4318 on a VM, the node's collector on a cluster); it forwards traces to the cloud's tracing service" },
    { name: "OTEL_EXPORTER_OTLP_PROTOCOL", group: "Telemetry", presence: "tracing is on", meaning: "http/protobuf" },
    { name: "OTEL_SERVICE_NAME", group: "Telemetry", presence: "tracing is on", meaning: "The service's name, as traces show it" },
    { name: "OTEL_TRACES_SAMPLER", group: "Telemetry", presence: "tracing is on", meaning: "parentbased_traceidratio" },
    { name: "OTEL_TRACES_SAMPLER_ARG", group: "Telemetry", presence: "tracing is on", meaning: "The share of new traces kept (tracing.sampleRatio; 1 before production, 0.1 in production)" },
    {
        name: "SEARCH_URL",
        group: "Search",
        presence: "the search cluster is on",
        meaning: "HTTPS URL of the search API. Self-run OpenSearch (GCP, Azure, an existing cluster): https://user:password@host:9200 with the application user's generated credentials, percent-encoded; AWS: https://<domain endpoint> without credentials, requests signed with SigV4 (service es) by the service's role",
    },
    { name: "SEARCH_CA_FILE", group: "Search", presence: "a self-run search cluster", meaning: `The platform CA the self-run cluster's certificate chains to, ${SEARCH_CA_FILE}` },
    { name: "SERVICE_NAME", group: "Service", presence: "always", meaning: "The service's name from the stack file" },
    { name: "PORT", group: "Service", presence: "web services", meaning: "The port the service listens on" },
];

/** The OpenTelemetry SDK's standard variables, pointing at the collector beside the service. */
export function tracingVariables(tracing: TracingSpec, service: string, endpoint = `http://localhost:${tracing.otlpHttpPort}`): Record<string, string> {
    if (!tracing.enabled) {
        return {};
    }
    return {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        OTEL_SERVICE_NAME: service,
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: String(tracing.sampleRatio),
    };
}
