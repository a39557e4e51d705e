// What the credentials job does, with everything it talks to injected.
//
// bootstrap (each deployment that changes the job or an endpoint; safe to repeat): as Cloud SQL's
// administrator, creates or repairs the application's owner role and its two login roles (see
// functions/postgresRoles.ts), gives the first login role a password and writes the application's
// login to its secret, and generates the application's own secrets once.
// rotate: the login role NOT in use gets a new password and becomes the secret's new version; the
// role in use keeps working until the next rotation, so instances that have not re-read the secret
// keep connecting. rotate-if-due (Cloud Scheduler, daily): the same once the login is rotationDays old.

import { checkLogin, Clock, connectWithRetry, ensureAppRoles, isAuthenticationFailure, loginRolesOf, otherLoginRole, PgConnect, PgEndpoint, PgLogin, setLoginPassword } from "../postgresRoles";
import { randomUrlSafe } from "../randomToken";
import { DatabaseConfig, GeneratedSecret, JobAction, JobConfig } from "./config";
import { SecretManagerApi } from "./secretManager";

export const DATABASE_PASSWORD_LENGTH = 40;
/** A brand-new master secret gets its first version moments after the secret: wait for it this long. */
const MASTER_SECRET_WAIT_MS = 120_000;
const MASTER_SECRET_POLL_MS = 5_000;
/** Cloud SQL creates the administrator only after the instance, which is all the job waits for. */
const ADMIN_LOGIN_WAIT_MS = 180_000;
const ADMIN_LOGIN_POLL_MS = 10_000;

export interface JobDeps {
    secrets: SecretManagerApi;
    /** Connections verified against the CA PEM it is given. */
    connectPg: (caPem: string) => PgConnect;
    clock: Clock;
    /** Progress lines for the job's log: names, never a value. */
    log: (line: string) => void;
    deadline: number;
}

/** The application's login as platform-env and the job read it. */
export interface AppDatabaseSecret {
    engine: "postgres";
    host: string;
    port: number;
    dbname: string;
    username: string;
    password: string;
    owner: string;
    /** The administrator's secret, so an operator knows which one set this password. */
    mastersecret: string;
}

export type SecretOutcome = "created" | "updated" | "unchanged";

export interface JobSummary {
    action: JobAction;
    database?: { owner: string; loginRoles: string[]; changes: string[]; secret: SecretOutcome | "rotated" | "not due" };
    generated?: Array<{ secret: string; outcome: "created" | "unchanged" }>;
}

/** Stable key order, so an unchanged secret serialises to the same text. */
export function serialiseAppSecret(secret: AppDatabaseSecret): string {
    const { engine, host, port, dbname, username, password, owner, mastersecret } = secret;
    return JSON.stringify({ engine, host, port, dbname, username, password, owner, mastersecret });
}

function field(document: Record<string, unknown>, key: string, secret: string): string {
    const value = document[key];
    if (typeof value !== "string" || value === "") {
        throw new Error(`secret ${secret} has no "${key}" string`);
    }
    return value;
}

function parseJson(text: string, secret: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error(`secret ${secret} is not JSON`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`secret ${secret} is not a JSON object`);
    }
    return parsed as Record<string, unknown>;
}

export function parseAppSecret(text: string, secret: string): AppDatabaseSecret {
    const document = parseJson(text, secret);
    const port = Number(document.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`secret ${secret} has no valid "port"`);
    }
    return {
        engine: "postgres",
        host: field(document, "host", secret),
        port,
        dbname: field(document, "dbname", secret),
        username: field(document, "username", secret),
        password: field(document, "password", secret),
        owner: field(document, "owner", secret),
        mastersecret: field(document, "mastersecret", secret),
    };
}

/** The administrator's login: a JSON {username, password} or the bare password of `masterUser`. */
export function parseMasterSecret(text: string, secret: string, masterUser: string): PgLogin {
    if (text.trimStart().startsWith("{")) {
        const document = parseJson(text, secret);
        return { user: field(document, "username", secret), password: field(document, "password", secret) };
    }
    if (text === "") {
        throw new Error(`secret ${secret} is empty`);
    }
    return { user: masterUser, password: text };
}

async function readMaster(run: JobDeps, db: DatabaseConfig): Promise<PgLogin> {
    const waitUntil = Math.min(run.clock.now() + MASTER_SECRET_WAIT_MS, run.deadline);
    for (;;) {
        const text = await run.secrets.latest(db.masterSecret);
        if (text !== undefined) {
            return parseMasterSecret(text, db.masterSecret, db.masterUser);
        }
        if (run.clock.now() + MASTER_SECRET_POLL_MS > waitUntil) {
            throw new Error(`master secret ${db.masterSecret} has no version`);
        }
        await run.clock.sleep(MASTER_SECRET_POLL_MS);
    }
}

const endpointOf = (db: DatabaseConfig): PgEndpoint => ({ host: db.host, port: db.port, database: db.dbname });

/**
 * The administrator's connection. A refused login is retried for a while, re-reading the secret:
 * the job may start between the instance and its administrator user (or a new password).
 */
async function connectAsAdministrator(run: JobDeps, db: DatabaseConfig): Promise<Awaited<ReturnType<PgConnect>>> {
    const waitUntil = Math.min(run.clock.now() + ADMIN_LOGIN_WAIT_MS, run.deadline);
    for (;;) {
        const master = await readMaster(run, db);
        run.log(`connecting to ${db.host}:${db.port}/${db.dbname} as the administrator ${master.user}`);
        try {
            return await connectWithRetry(run.connectPg(db.caPem), endpointOf(db), master, {
                clock: run.clock,
                budgetMs: Math.max(1_000, Math.min(180_000, run.deadline - run.clock.now())),
            });
        } catch (error) {
            if (!isAuthenticationFailure(error) || run.clock.now() + ADMIN_LOGIN_POLL_MS > waitUntil) {
                throw error;
            }
            run.log(`the administrator ${master.user} cannot log in yet; trying again in ${ADMIN_LOGIN_POLL_MS / 1000} s`);
            await run.clock.sleep(ADMIN_LOGIN_POLL_MS);
        }
    }
}

async function asAdministrator<T>(run: JobDeps, db: DatabaseConfig, work: (admin: Awaited<ReturnType<PgConnect>>) => Promise<T>): Promise<T> {
    const admin = await connectAsAdministrator(run, db);
    try {
        return await work(admin);
    } finally {
        await admin.end().catch(() => undefined);
    }
}

async function bootstrapDatabase(run: JobDeps, db: DatabaseConfig): Promise<NonNullable<JobSummary["database"]>> {
    return asAdministrator(run, db, async (admin) => {
        const changes = await ensureAppRoles(admin, { owner: db.owner, database: db.dbname, extensions: db.extensions });
        const loginRoles = loginRolesOf(db.owner);
        const wanted = { engine: "postgres" as const, host: db.host, port: db.port, dbname: db.dbname, owner: db.owner, mastersecret: db.masterSecret };
        const currentText = await run.secrets.latest(db.appSecret);
        const current = currentText === undefined ? undefined : parseAppSecret(currentText, db.appSecret);
        // A new owner means new roles: their first password is in use by nobody yet.
        if (current === undefined || current.owner !== db.owner) {
            const secret: AppDatabaseSecret = { ...wanted, username: loginRoles[0], password: randomUrlSafe(DATABASE_PASSWORD_LENGTH) };
            await setLoginPassword(admin, secret.username, secret.password);
            await run.secrets.addVersion(db.appSecret, serialiseAppSecret(secret));
            return { owner: db.owner, loginRoles, changes: [...changes, `set the first password of ${secret.username}`], secret: "created" };
        }
        if (!loginRoles.includes(current.username)) {
            throw new Error(`secret ${db.appSecret} names "${current.username}", which is not a login role of "${db.owner}"`);
        }
        try {
            await checkLogin(run.connectPg(db.caPem), endpointOf(db), { user: current.username, password: current.password }, db.owner);
        } catch (error) {
            if (!isAuthenticationFailure(error)) {
                throw error;
            }
            // A rebuilt database (or one restored without its roles): give the role back the
            // password the instances already hold; nothing that works is changed.
            await setLoginPassword(admin, current.username, current.password);
            changes.push(`restored the password of ${current.username} from the secret`);
        }
        const updated: AppDatabaseSecret = { ...current, ...wanted };
        if (serialiseAppSecret(updated) === serialiseAppSecret(current)) {
            return { owner: db.owner, loginRoles, changes, secret: "unchanged" };
        }
        await run.secrets.addVersion(db.appSecret, serialiseAppSecret(updated));
        return { owner: db.owner, loginRoles, changes, secret: "updated" };
    });
}

async function rotateDatabase(run: JobDeps, db: DatabaseConfig): Promise<NonNullable<JobSummary["database"]>> {
    const currentText = await run.secrets.latest(db.appSecret);
    if (currentText === undefined) {
        throw new Error(`secret ${db.appSecret} has no version to rotate; the bootstrap has not run`);
    }
    const current = parseAppSecret(currentText, db.appSecret);
    const next: AppDatabaseSecret = { ...current, username: otherLoginRole(current.owner, current.username), password: randomUrlSafe(DATABASE_PASSWORD_LENGTH) };
    await asAdministrator(run, db, (admin) => setLoginPassword(admin, next.username, next.password));
    // Proven before it is published: the new login works over TLS and acts as the owner.
    await checkLogin(run.connectPg(db.caPem), { host: next.host, port: next.port, database: next.dbname }, { user: next.username, password: next.password }, next.owner);
    await run.secrets.addVersion(db.appSecret, serialiseAppSecret(next));
    return { owner: current.owner, loginRoles: loginRolesOf(current.owner), changes: [`new password for ${next.username}, now the current login`], secret: "rotated" };
}

async function ensureGenerated(run: JobDeps, request: GeneratedSecret): Promise<"created" | "unchanged"> {
    if ((await run.secrets.latest(request.secret)) !== undefined) {
        return "unchanged";
    }
    await run.secrets.addVersion(request.secret, randomUrlSafe(request.length));
    return "created";
}

const DAY_MS = 86_400_000;

/** Whether the login is old enough to rotate; without rotationDays it always is. */
async function rotationDue(run: JobDeps, db: DatabaseConfig, rotationDays: number | undefined): Promise<boolean> {
    const created = await run.secrets.latestCreated(db.appSecret);
    if (created === undefined) {
        throw new Error(`secret ${db.appSecret} has no version to rotate; the bootstrap has not run`);
    }
    // An hour of slack: a daily schedule must not slip a day because the last run took minutes.
    return rotationDays === undefined || run.clock.now() - created >= rotationDays * DAY_MS - 3_600_000;
}

async function databaseStep(run: JobDeps, action: JobAction, config: JobConfig, db: DatabaseConfig): Promise<NonNullable<JobSummary["database"]>> {
    if (action === "bootstrap") {
        return bootstrapDatabase(run, db);
    }
    if (action === "rotate-if-due" && !(await rotationDue(run, db, config.rotationDays))) {
        return { owner: db.owner, loginRoles: loginRolesOf(db.owner), changes: [], secret: "not due" };
    }
    return rotateDatabase(run, db);
}

export async function runJob(run: JobDeps, action: JobAction, config: JobConfig): Promise<JobSummary> {
    const summary: JobSummary = { action };
    if (config.database) {
        summary.database = await databaseStep(run, action, config, config.database);
        run.log(`database: secret ${summary.database.secret}, ${summary.database.changes.length} change(s)`);
    }
    // Generated secrets are made once and kept: rotating them would sign everyone out.
    if (action === "bootstrap" && config.generated) {
        summary.generated = [];
        for (const request of config.generated) {
            const outcome = await ensureGenerated(run, request);
            summary.generated.push({ secret: request.secret, outcome });
            run.log(`${request.secret}: ${outcome}`);
        }
    }
    return summary;
}
