// The application contract in a pod: the same variables providers/vm/platform-env.py writes on
// a VM, from the same secret references. On the clouds, an External Secrets `ExternalSecret`
// reads the references every 5 minutes (the VM timer's period) and renders the variables with
// a Go template that mirrors compose() line for line; on an existing cluster, where Pulumi
// generates every credential, a plain Secret holds the values.
//
// The template keeps to a few functions so its behaviour is easy to check (tests render it
// with a small evaluator against compose()): sprig's fromJson, hasKey and replace, and Go's
// urlquery. `urlquery | replace "+" "%20"` is Python's quote(value, safe=""): both leave only
// letters, digits and -_.~ unescaped, and Go writes a space as "+" (a literal "+" is %2B).
//
// A rotated password reaches the Secret within one refresh; a running container keeps the
// variables it started with (envFrom is read once). Rotation alternates between two logins
// (blue/green, providers/contract.ts PGUSER), so the previous password stays valid for a whole
// rotation period: pods restarted or rolled within that period (every deploy, every node drain)
// pick up the new one.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../../tiers/types";
import { ServiceEnvironmentConfig } from "../../vm/serviceEnvironment";
import { ManifestScope, metadataOf, selectorOf } from "./common";

/** The VM timer's period: a rotated secret is in the pods' Secret within this. */
export const REFRESH_INTERVAL = "5m";

/** The Secret (in the app namespace) that holds a service's whole environment. */
export function environmentSecretName(service: Pick<ServiceSpec, "name">): string {
    return `${service.name}-env`;
}

/** Python's urllib.parse.quote(text, safe): UTF-8 percent-encoding, letters, digits, "_.-~" and `safe` kept. */
export function pythonQuote(text: string, safe = "/"): string {
    return Array.from(Buffer.from(text, "utf8"))
        .map((byte) => {
            const char = String.fromCharCode(byte);
            return /[A-Za-z0-9_.~-]/.test(char) || (byte < 128 && safe.includes(char)) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
        })
        .join("");
}

/** A Go template action that prints `text` as it is, whatever it contains. */
function literal(text: string): string {
    return text.includes("{{") ? `{{ ${JSON.stringify(text)} }}` : text;
}

const QUOTE = `urlquery | replace "+" "%20"`;

/** Data keys of the ExternalSecret: the JSON secrets, then each contract variable read whole. */
export const DATA_KEYS = { database: "database", replicas: "replicas", cache: "cache", cacheToken: "cacheToken" } as const;

/**
 * Contract variable -> Go template, rendered by External Secrets from the data keys above:
 * compose() of platform-env.py, in the same order and with the same defaults.
 */
export function contractTemplate(env: ServiceEnvironmentConfig): Record<string, string> {
    const db = `{{- $db := .${DATA_KEYS.database} | fromJson -}}`;
    const cache = `{{- $c := .${DATA_KEYS.cache} | fromJson -}}`;
    const sslQuery = `sslmode=verify-full&sslrootcert=${pythonQuote(env.database.rootCert, "/")}`;
    const url = (host: string, port = "{{ $db.port }}") => `postgresql://{{ $db.username | ${QUOTE} }}:{{ $db.password | ${QUOTE} }}@${host}:${port}/{{ $db.dbname | ${QUOTE} }}?${literal(sslQuery)}`;
    // The pool, when there is one, fronts the primary only; replicas are reached directly.
    const pool = env.database.pool;
    const primaryHost = pool ? literal(pool.host) : "{{ $db.host }}";
    const primaryPort = pool ? String(pool.port) : "{{ $db.port }}";
    const template: Record<string, string> = { DATABASE_URL: `${db}${url(primaryHost, primaryPort)}` };
    if (env.database.replicasSecret) {
        // compose() leaves the variable out while the list is still empty; here it is empty.
        template.DATABASE_READ_URLS = `${db}{{- range $i, $h := (.${DATA_KEYS.replicas} | fromJson) -}}{{ if $i }},{{ end }}${url("{{ $h }}")}{{- end -}}`;
    }
    Object.assign(template, {
        PGHOST: `${db}${primaryHost}`,
        PGPORT: `${db}${primaryPort}`,
        PGDATABASE: `${db}{{ $db.dbname }}`,
        PGUSER: `${db}{{ $db.username }}`,
        PGPASSWORD: `${db}{{ $db.password }}`,
        PGSSLMODE: "verify-full",
        PGSSLROOTCERT: literal(env.database.rootCert),
    });
    const scheme = `{{ if hasKey $c "tls" }}{{ if $c.tls }}rediss{{ else }}redis{{ end }}{{ else }}rediss{{ end }}`;
    const password = env.cache.tokenReader
        ? `{{ if hasKey $c "auth" }}{{ if eq $c.auth "iam" }}{{ .${DATA_KEYS.cacheToken} | ${QUOTE} }}{{ else }}{{ $c.password | ${QUOTE} }}{{ end }}{{ else }}{{ $c.password | ${QUOTE} }}{{ end }}`
        : `{{ $c.password | ${QUOTE} }}`;
    const caQuery = env.cache.rootCert ? literal(`?ssl_ca_certs=${pythonQuote(env.cache.rootCert, "/")}`) : "";
    template.REDIS_URL = `${cache}${scheme}://:${password}@{{ $c.host }}:{{ $c.port }}/0${caQuery}`;
    template.REDIS_CLUSTER = `${cache}{{ if hasKey $c "cluster" }}{{ if $c.cluster }}true{{ else }}false{{ end }}{{ else }}false{{ end }}`;
    for (const name of Object.keys(env.secrets).sort()) {
        template[name] = `{{ .${name} }}`;
    }
    for (const [name, value] of Object.entries(env.plain)) {
        template[name] = literal(value);
    }
    return template;
}

/** Where a reference of the VM config is found by the store (the same string unless the cloud's provider wants another form). */
export type RemoteKey = (ref: string) => string;

/** The ExternalSecret's `data`: each reference of the config under the key the template reads. */
export function externalSecretData(env: ServiceEnvironmentConfig, remoteKey: RemoteKey = (ref) => ref): { secretKey: string; remoteRef: { key: string } }[] {
    const entry = (secretKey: string, ref: string) => ({ secretKey, remoteRef: { key: remoteKey(ref) } });
    return [
        entry(DATA_KEYS.database, env.database.secret),
        ...(env.database.replicasSecret ? [entry(DATA_KEYS.replicas, env.database.replicasSecret)] : []),
        entry(DATA_KEYS.cache, env.cache.secret),
        ...Object.keys(env.secrets)
            .sort()
            .map((name) => entry(name, env.secrets[name])),
    ];
}

export interface ExternalSecretOptions {
    remoteKey?: RemoteKey;
    /**
     * Where a cache that authenticates with IAM (the config's cache.tokenReader) gets its
     * password in a pod: an ESO generator producing a current access token, and the key of
     * the generated data that holds it.
     */
    cacheToken?: { generatorRef: { apiVersion: string; kind: string; name: string }; key: string };
}

export function externalSecretManifest(
    scope: ManifestScope,
    service: ServiceSpec,
    env: ServiceEnvironmentConfig,
    store: { name: string; kind: "SecretStore" | "ClusterSecretStore" },
    options: ExternalSecretOptions = {},
): { apiVersion: string; kind: string; metadata: k8s.types.input.meta.v1.ObjectMeta; spec: Record<string, unknown> } {
    if (env.cache.tokenReader && !options.cacheToken) {
        throw new Error(`service ${service.name}: the cache authenticates with IAM, so its ExternalSecret needs a cacheToken generator`);
    }
    const secretName = environmentSecretName(service);
    return {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: metadataOf(scope, secretName, selectorOf(scope, service)),
        spec: {
            refreshInterval: REFRESH_INTERVAL,
            secretStoreRef: { name: store.name, kind: store.kind },
            target: {
                name: secretName,
                creationPolicy: "Owner",
                deletionPolicy: "Retain",
                template: { type: "Opaque", engineVersion: "v2", mergePolicy: "Replace", metadata: { labels: { ...scope.labels, ...selectorOf(scope, service) } }, data: contractTemplate(env) },
            },
            data: externalSecretData(env, options.remoteKey),
            ...(options.cacheToken
                ? { dataFrom: [{ sourceRef: { generatorRef: options.cacheToken.generatorRef }, rewrite: [{ regexp: { source: `^${options.cacheToken.key}$`, target: DATA_KEYS.cacheToken } }] }] }
                : {}),
        },
    };
}

/** The same environment from known values: variable -> value, kept secret in the state. */
export function secretManifest(scope: ManifestScope, service: ServiceSpec, variables: pulumi.Input<Record<string, pulumi.Input<string>>>): k8s.types.input.core.v1.Secret & { apiVersion: string; kind: string } {
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: metadataOf(scope, environmentSecretName(service), selectorOf(scope, service)),
        type: "Opaque",
        stringData: pulumi.secret(variables) as pulumi.Output<Record<string, string>>,
    };
}
