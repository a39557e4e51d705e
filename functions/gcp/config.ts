// What the deployment tells the credentials job (the CREDENTIALS_CONFIG variable) and its checks:
// names of secrets and endpoints, never a value. The same type is what the Pulumi program
// writes, so the two cannot drift apart.

import { checkOwnerName } from "../postgresRoles";
import { checkSecretName } from "./secretManager";

export interface DatabaseConfig {
    host: string;
    port: number;
    dbname: string;
    /** The NOLOGIN role owning the application's schema; the job logs in as `${owner}_blue` / `_green`. */
    owner: string;
    extensions: string[];
    /** The administrator's password (or JSON {username, password}). */
    masterSecret: string;
    /** The administrator's user name when the master secret holds the bare password. */
    masterUser: string;
    /** The application's login (JSON), written and rotated here. */
    appSecret: string;
    /** PEM of the CA the server certificate chains to. */
    caPem: string;
}

export interface GeneratedSecret {
    secret: string;
    length: number;
}

export interface JobConfig {
    database?: DatabaseConfig;
    generated?: GeneratedSecret[];
    /** `rotate-if-due` rotates once the login is this many days old. */
    rotationDays?: number;
}

export const JOB_ACTIONS = ["bootstrap", "rotate", "rotate-if-due"] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

function fail(path: string, value: unknown, allowed: string): never {
    const shown = typeof value === "string" ? `"${value.length > 80 ? `${value.slice(0, 80)}...` : value}"` : JSON.stringify(value);
    throw new Error(`CREDENTIALS_CONFIG: ${path} is ${shown ?? "missing"}; expected ${allowed}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(path, value, "an object");
}

function text(object: Record<string, unknown>, path: string, key: string): string {
    const value = object[key];
    return typeof value === "string" && value !== "" ? value : fail(`${path}.${key}`, value, "a non-empty string");
}

function secretName(object: Record<string, unknown>, path: string, key: string): string {
    const value = text(object, path, key);
    try {
        return checkSecretName(value);
    } catch {
        return fail(`${path}.${key}`, value, "a secret name projects/<project>/secrets/<id>");
    }
}

function parseDatabase(value: unknown): DatabaseConfig {
    const db = record(value, "database");
    const owner = text(db, "database", "owner");
    try {
        checkOwnerName(owner);
    } catch {
        fail("database.owner", owner, "a role name of 1-57 lowercase letters, digits or underscores, starting with a letter");
    }
    const port = db.port;
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
        fail("database.port", port, "an integer from 1 to 65535");
    }
    const extensions = db.extensions ?? [];
    if (!Array.isArray(extensions) || !extensions.every((name) => typeof name === "string" && /^[a-z0-9_-]+$/.test(name))) {
        fail("database.extensions", extensions, 'a list of extension names such as ["uuid-ossp", "pg_trgm"]');
    }
    const caPem = text(db, "database", "caPem");
    if (!caPem.includes("-----BEGIN CERTIFICATE-----")) {
        fail("database.caPem", "(not shown)", "a PEM certificate");
    }
    return {
        host: text(db, "database", "host"),
        port: port as number,
        dbname: text(db, "database", "dbname"),
        owner,
        extensions: extensions as string[],
        masterSecret: secretName(db, "database", "masterSecret"),
        masterUser: text(db, "database", "masterUser"),
        appSecret: secretName(db, "database", "appSecret"),
        caPem,
    };
}

function parseGenerated(value: unknown): GeneratedSecret[] {
    if (!Array.isArray(value)) {
        fail("generated", value, "a list of { secret, length }");
    }
    return value.map((entry, index) => {
        const request = record(entry, `generated[${index}]`);
        const length = request.length;
        if (!Number.isInteger(length) || (length as number) < 16 || (length as number) > 4096) {
            fail(`generated[${index}].length`, length, "an integer from 16 to 4096");
        }
        return { secret: secretName(request, `generated[${index}]`, "secret"), length: length as number };
    });
}

export function parseJobConfig(raw: string | undefined): JobConfig {
    if (raw === undefined || raw === "") {
        fail("(variable)", raw, "the JSON document the deployment sets");
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        fail("(variable)", "(not shown)", "JSON");
    }
    const config = record(parsed, "(document)");
    const rotationDays = config.rotationDays;
    if (rotationDays !== undefined && (!Number.isInteger(rotationDays) || (rotationDays as number) < 1 || (rotationDays as number) > 365)) {
        fail("rotationDays", rotationDays, "a whole number of days from 1 to 365");
    }
    return {
        database: config.database === undefined ? undefined : parseDatabase(config.database),
        generated: config.generated === undefined ? undefined : parseGenerated(config.generated),
        ...(rotationDays === undefined ? {} : { rotationDays: rotationDays as number }),
    };
}

export function parseAction(argument: string | undefined): JobAction {
    const action = argument ?? "bootstrap";
    if (!(JOB_ACTIONS as readonly string[]).includes(action)) {
        throw new Error(`unknown action "${action}"; expected bootstrap (the default), rotate or rotate-if-due`);
    }
    return action as JobAction;
}
