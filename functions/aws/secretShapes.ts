// The JSON documents the credentials function keeps in Secrets Manager, and their checks. The
// database secret follows the keys of Secrets Manager's own RDS rotation templates (engine, host,
// port, dbname, username, password, masterarn), so the usual tooling reads it.

import { parseSecretJson } from "./secretsManager";

export interface DatabaseSecret {
    engine: "postgres";
    host: string;
    port: number;
    dbname: string;
    username: string;
    password: string;
    /** The NOLOGIN role the login roles act as. */
    owner: string;
    /** The administrator's secret, read by the rotation to set the next login role's password. */
    masterarn: string;
}

export interface CacheSecret {
    host: string;
    port: number;
    password: string;
    tls: true;
    cluster: boolean;
}

export interface MasterSecret {
    username: string;
    password: string;
}

function stringField(document: Record<string, unknown>, key: string, secretId: string): string {
    const value = document[key];
    if (typeof value !== "string" || value === "") {
        throw new Error(`secret ${secretId} has no "${key}" string`);
    }
    return value;
}

function portField(document: Record<string, unknown>, secretId: string): number {
    const value = document.port;
    const port = typeof value === "string" ? Number(value) : value;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`secret ${secretId} has no valid "port"`);
    }
    return port;
}

export function parseDatabaseSecret(text: string, secretId: string): DatabaseSecret {
    const document = parseSecretJson(text, secretId);
    return {
        engine: "postgres",
        host: stringField(document, "host", secretId),
        port: portField(document, secretId),
        dbname: stringField(document, "dbname", secretId),
        username: stringField(document, "username", secretId),
        password: stringField(document, "password", secretId),
        owner: stringField(document, "owner", secretId),
        masterarn: stringField(document, "masterarn", secretId),
    };
}

export function parseCacheSecret(text: string, secretId: string): CacheSecret {
    const document = parseSecretJson(text, secretId);
    return {
        host: stringField(document, "host", secretId),
        port: portField(document, secretId),
        password: stringField(document, "password", secretId),
        tls: true,
        cluster: document.cluster === true,
    };
}

/** RDS's managed master secret: {username, password} and nothing else. */
export function parseMasterSecret(text: string, secretId: string): MasterSecret {
    const document = parseSecretJson(text, secretId);
    return { username: stringField(document, "username", secretId), password: stringField(document, "password", secretId) };
}

/** Stable key order, so an unchanged secret serialises to the same text. */
export function serialiseDatabaseSecret(secret: DatabaseSecret): string {
    const { engine, host, port, dbname, username, password, owner, masterarn } = secret;
    return JSON.stringify({ engine, host, port, dbname, username, password, owner, masterarn });
}

export function serialiseCacheSecret(secret: CacheSecret): string {
    const { host, port, password, tls, cluster } = secret;
    return JSON.stringify({ host, port, password, tls, cluster });
}
