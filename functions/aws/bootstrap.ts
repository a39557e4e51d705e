// The one-time (and idempotent) bootstrap, run by the deployment once the database exists: the
// application's roles and first credentials, the cache secret, and the generated secrets. Its
// result lands in the deployment's state, so it names what was done and never carries a value.

import { checkLogin, checkOwnerName, connectWithRetry, ensureAppRoles, isAuthenticationFailure, loginRolesOf, setLoginPassword } from "../postgresRoles";
import { randomUrlSafe } from "../randomToken";
import { Invocation } from "./dependencies";
import { CacheSecret, DatabaseSecret, parseCacheSecret, parseDatabaseSecret, parseMasterSecret, serialiseCacheSecret, serialiseDatabaseSecret } from "./secretShapes";
import { putCurrent, readCurrent } from "./secretsManager";

export const DATABASE_PASSWORD_LENGTH = 40;

export interface DatabaseBootstrap {
    host: string;
    port: number;
    dbname: string;
    masterSecretArn: string;
    appSecretArn: string;
    owner: string;
    extensions: string[];
}

export interface CacheBootstrap {
    secretArn: string;
    host: string;
    port: number;
    cluster: boolean;
    /** The AUTH token the replication group was created with. */
    token: string;
}

export interface GeneratedSecretRequest {
    secretArn: string;
    length: number;
}

export interface BootstrapEvent {
    action: "bootstrap";
    database?: DatabaseBootstrap;
    cache?: CacheBootstrap;
    generated?: GeneratedSecretRequest[];
}

export type SecretOutcome = "created" | "updated" | "unchanged";

export interface BootstrapSummary {
    database?: { owner: string; loginRoles: string[]; changes: string[]; secret: SecretOutcome };
    cache?: { secret: SecretOutcome };
    generated?: Array<{ secretArn: string; secret: "created" | "unchanged" }>;
}

function fail(path: string, value: unknown, allowed: string): never {
    const shown = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
    throw new Error(`bootstrap payload: ${path} is ${shown ?? "missing"}; expected ${allowed}`);
}

function text(object: Record<string, unknown>, path: string, key: string): string {
    const value = object[key];
    return typeof value === "string" && value !== "" ? value : fail(`${path}.${key}`, value, "a non-empty string");
}

function port(object: Record<string, unknown>, path: string): number {
    const value = object.port;
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? (value as number) : fail(`${path}.port`, value, "an integer from 1 to 65535");
}

function record(value: unknown, path: string): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(path, value, "an object");
}

function parseDatabase(value: unknown): DatabaseBootstrap {
    const db = record(value, "database");
    const owner = text(db, "database", "owner");
    try {
        checkOwnerName(owner);
    } catch {
        fail("database.owner", owner, 'a role name of 1-57 lowercase letters, digits or underscores, starting with a letter, not "pg_..." or "rds..."');
    }
    const extensions = db.extensions ?? [];
    if (!Array.isArray(extensions) || !extensions.every((name) => typeof name === "string" && /^[a-z0-9_-]+$/.test(name))) {
        fail("database.extensions", extensions, 'a list of extension names such as ["uuid-ossp", "pg_trgm"]');
    }
    return {
        host: text(db, "database", "host"),
        port: port(db, "database"),
        dbname: text(db, "database", "dbname"),
        masterSecretArn: text(db, "database", "masterSecretArn"),
        appSecretArn: text(db, "database", "appSecretArn"),
        owner,
        extensions: extensions as string[],
    };
}

function parseCache(value: unknown): CacheBootstrap {
    const cache = record(value, "cache");
    const token = text(cache, "cache", "token");
    // ElastiCache's own constraints on AUTH tokens.
    if (token.length < 16 || token.length > 128 || !/^[\x21-\x7e]+$/.test(token) || /[/"@%]/.test(token)) {
        throw new Error('bootstrap payload: cache.token is not a valid AUTH token; expected 16-128 printable characters without / " @ %');
    }
    if (typeof cache.cluster !== "boolean") {
        fail("cache.cluster", cache.cluster, "true or false");
    }
    return { secretArn: text(cache, "cache", "secretArn"), host: text(cache, "cache", "host"), port: port(cache, "cache"), cluster: cache.cluster, token };
}

function parseGenerated(value: unknown): GeneratedSecretRequest[] {
    if (!Array.isArray(value)) {
        fail("generated", value, "a list of { secretArn, length }");
    }
    return value.map((entry, index) => {
        const request = record(entry, `generated[${index}]`);
        const length = request.length;
        if (!Number.isInteger(length) || (length as number) < 16 || (length as number) > 4096) {
            fail(`generated[${index}].length`, length, "an integer from 16 to 4096");
        }
        return { secretArn: text(request, `generated[${index}]`, "secretArn"), length: length as number };
    });
}

export function parseBootstrapEvent(event: unknown): BootstrapEvent {
    const payload = record(event, "(payload)");
    if (payload.action !== "bootstrap") {
        fail("action", payload.action, '"bootstrap"');
    }
    return {
        action: "bootstrap",
        database: payload.database === undefined ? undefined : parseDatabase(payload.database),
        cache: payload.cache === undefined ? undefined : parseCache(payload.cache),
        generated: payload.generated === undefined ? undefined : parseGenerated(payload.generated),
    };
}

async function bootstrapDatabase(run: Invocation, db: DatabaseBootstrap): Promise<NonNullable<BootstrapSummary["database"]>> {
    const endpoint = { host: db.host, port: db.port, database: db.dbname };
    const masterText = await readCurrent(run.secrets, db.masterSecretArn);
    if (masterText === undefined) {
        throw new Error(`master secret ${db.masterSecretArn} has no current value`);
    }
    const master = parseMasterSecret(masterText, db.masterSecretArn);
    run.log(`connecting to ${db.host}:${db.port}/${db.dbname} as the administrator`);
    const admin = await connectWithRetry(run.connectPg, endpoint, { user: master.username, password: master.password }, {
        clock: run.clock,
        budgetMs: Math.min(180_000, run.deadline - run.clock.now()),
    });
    try {
        const changes = await ensureAppRoles(admin, { owner: db.owner, database: db.dbname, extensions: db.extensions });
        const [blue] = loginRolesOf(db.owner);
        const wanted = { engine: "postgres" as const, host: db.host, port: db.port, dbname: db.dbname, owner: db.owner, masterarn: db.masterSecretArn };
        const currentText = await readCurrent(run.secrets, db.appSecretArn);
        const current = currentText === undefined ? undefined : parseDatabaseSecret(currentText, db.appSecretArn);
        // A new owner means new roles: their first password is in use by nobody yet.
        if (current === undefined || current.owner !== db.owner) {
            const secret: DatabaseSecret = { ...wanted, username: blue, password: randomUrlSafe(DATABASE_PASSWORD_LENGTH) };
            await setLoginPassword(admin, blue, secret.password);
            await putCurrent(run.secrets, db.appSecretArn, serialiseDatabaseSecret(secret));
            return { owner: db.owner, loginRoles: loginRolesOf(db.owner), changes: [...changes, `set the first password of ${blue}`], secret: "created" };
        }
        if (!loginRolesOf(db.owner).includes(current.username)) {
            throw new Error(`secret ${db.appSecretArn} names "${current.username}", which is not a login role of "${db.owner}"`);
        }
        try {
            await checkLogin(run.connectPg, endpoint, { user: current.username, password: current.password }, db.owner);
        } catch (error) {
            if (!isAuthenticationFailure(error)) {
                throw error;
            }
            // A rebuilt database (or one restored without its roles): give the role back the
            // password the instances already hold; nothing that works is changed.
            await setLoginPassword(admin, current.username, current.password);
            changes.push(`restored the password of ${current.username} from the secret`);
        }
        const updated: DatabaseSecret = { ...current, ...wanted };
        if (serialiseDatabaseSecret(updated) === serialiseDatabaseSecret(current)) {
            return { owner: db.owner, loginRoles: loginRolesOf(db.owner), changes, secret: "unchanged" };
        }
        await putCurrent(run.secrets, db.appSecretArn, serialiseDatabaseSecret(updated));
        return { owner: db.owner, loginRoles: loginRolesOf(db.owner), changes, secret: "updated" };
    } finally {
        await admin.end().catch(() => undefined);
    }
}

async function bootstrapCache(run: Invocation, cache: CacheBootstrap): Promise<SecretOutcome> {
    const currentText = await readCurrent(run.secrets, cache.secretArn);
    const wanted = { host: cache.host, port: cache.port, tls: true as const, cluster: cache.cluster };
    if (currentText === undefined) {
        await putCurrent(run.secrets, cache.secretArn, serialiseCacheSecret({ ...wanted, password: cache.token }));
        return "created";
    }
    // The token may have been rotated since the group was created: keep the secret's.
    const current = parseCacheSecret(currentText, cache.secretArn);
    const updated: CacheSecret = { ...current, ...wanted };
    if (serialiseCacheSecret(updated) === serialiseCacheSecret(current)) {
        return "unchanged";
    }
    await putCurrent(run.secrets, cache.secretArn, serialiseCacheSecret(updated));
    return "updated";
}

async function bootstrapGenerated(run: Invocation, request: GeneratedSecretRequest): Promise<"created" | "unchanged"> {
    if ((await readCurrent(run.secrets, request.secretArn)) !== undefined) {
        return "unchanged";
    }
    await putCurrent(run.secrets, request.secretArn, randomUrlSafe(request.length));
    return "created";
}

export async function bootstrap(run: Invocation, rawEvent: unknown): Promise<BootstrapSummary> {
    const event = parseBootstrapEvent(rawEvent);
    const summary: BootstrapSummary = {};
    if (event.database) {
        summary.database = await bootstrapDatabase(run, event.database);
        run.log(`database: secret ${summary.database.secret}, ${summary.database.changes.length} change(s)`);
    }
    if (event.cache) {
        summary.cache = { secret: await bootstrapCache(run, event.cache) };
        run.log(`cache: secret ${summary.cache.secret}`);
    }
    if (event.generated) {
        summary.generated = [];
        for (const request of event.generated) {
            summary.generated.push({ secretArn: request.secretArn, secret: await bootstrapGenerated(run, request) });
        }
    }
    return summary;
}
