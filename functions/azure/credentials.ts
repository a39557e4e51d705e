// What the credentials job does on Azure, with every dependency injected: as the PostgreSQL
// administrator it gives the application its own roles (functions/postgresRoles.ts, as on every
// cloud), writes the application's login to Key Vault, generates the application's own secrets
// once, and every 30 days moves the login to the other login role with a new password.
//
// Rotation without a secret store's staging labels: the role in use is never touched, the idle one
// gets a new password, is proven to log in over verified TLS as the owner, and only then becomes
// the secret's new version. Interrupted anywhere, the current version still works and the next
// attempt starts over.

import { checkLogin, Clock, connectWithRetry, ensureAppRoles, isAuthenticationFailure, loginRolesOf, otherLoginRole, PgConnect, setLoginPassword } from "../postgresRoles";
import { randomUrlSafe } from "../randomToken";
import { KeyVaultApi } from "./keyVault";

export const DATABASE_PASSWORD_LENGTH = 40;
const DAY_MS = 86_400_000;
const JSON_CONTENT = "application/json";

export interface JobConfig {
    database: {
        host: string;
        port: number;
        dbname: string;
        /** The server's administrator login and the Key Vault secret holding its password. */
        adminUser: string;
        adminSecret: string;
        owner: string;
        extensions: string[];
        /** Key Vault secret the application's login (JSON) is written to. */
        appSecret: string;
    };
    /** Secrets generated once: Key Vault secret name and length. */
    generated: { name: string; length: number }[];
    rotationDays: number;
}

export interface JobDeps {
    vault: KeyVaultApi;
    connectPg: PgConnect;
    clock: Clock;
    /** Names and outcomes only, never a value. */
    log: (line: string) => void;
}

/** The application's login as the fleet reads it; the same keys as the AWS column's secret. */
export interface AppLogin {
    engine: "postgres";
    host: string;
    port: number;
    dbname: string;
    username: string;
    password: string;
    owner: string;
}

function fail(name: string, allowed: string): never {
    throw new Error(`credentials job: ${name} is missing or invalid; expected ${allowed}`);
}

/** The job's settings from its environment (set by providers/azure/credentials.ts). */
export function configFromEnv(env: Record<string, string | undefined>): JobConfig {
    const text = (name: string) => (env[name] && env[name]!.trim() !== "" ? env[name]!.trim() : fail(name, "a non-empty string"));
    const integer = (name: string, min: number, max: number) => {
        const value = Number(text(name));
        return Number.isInteger(value) && value >= min && value <= max ? value : fail(name, `an integer from ${min} to ${max}`);
    };
    let generated: unknown;
    try {
        generated = JSON.parse(text("GENERATED_VAULT_ITEMS"));
    } catch {
        fail("GENERATED_VAULT_ITEMS", 'JSON such as [{"name": "jwt-secret", "length": 64}]');
    }
    if (!Array.isArray(generated) || !generated.every((entry) => typeof entry?.name === "string" && Number.isInteger(entry?.length) && entry.length >= 16 && entry.length <= 4096)) {
        fail("GENERATED_VAULT_ITEMS", "a list of { name, length } with lengths from 16 to 4096");
    }
    const owner = text("DB_OWNER");
    loginRolesOf(owner);
    return {
        database: {
            host: text("DB_HOST"),
            port: integer("DB_PORT", 1, 65535),
            dbname: text("DB_NAME"),
            adminUser: text("DB_ADMIN_USER"),
            adminSecret: text("DB_ADMIN_SECRET_NAME"),
            owner,
            extensions: (env.DB_EXTENSIONS ?? "").split(",").map((name) => name.trim()).filter(Boolean),
            appSecret: text("APP_DB_SECRET_NAME"),
        },
        generated: generated as JobConfig["generated"],
        rotationDays: integer("ROTATION_DAYS", 1, 365),
    };
}

/** The administrator's password: the secret's whole value, or `password` of a JSON value. */
export function adminPassword(value: string): string {
    try {
        const parsed = JSON.parse(value) as { password?: unknown };
        if (parsed && typeof parsed === "object" && typeof parsed.password === "string") {
            return parsed.password;
        }
    } catch {
        // a plain password
    }
    return value;
}

export function parseAppLogin(value: string, name: string): AppLogin {
    let parsed: Record<string, unknown>;
    try {
        parsed = JSON.parse(value) as Record<string, unknown>;
    } catch {
        throw new Error(`secret ${name} is not JSON`);
    }
    const field = (key: string) => (typeof parsed[key] === "string" && parsed[key] !== "" ? (parsed[key] as string) : fail(`${name}.${key}`, "a string"));
    const port = Number(parsed.port);
    return {
        engine: "postgres",
        host: field("host"),
        port: Number.isInteger(port) ? port : fail(`${name}.port`, "an integer"),
        dbname: field("dbname"),
        username: field("username"),
        password: field("password"),
        owner: field("owner"),
    };
}

/** Stable key order, so an unchanged login serialises to the same text. */
export function serialiseAppLogin(login: AppLogin): string {
    const { engine, host, port, dbname, username, password, owner } = login;
    return JSON.stringify({ engine, host, port, dbname, username, password, owner });
}

async function adminClient(deps: JobDeps, config: JobConfig) {
    const db = config.database;
    const secret = await deps.vault.getSecret(db.adminSecret);
    if (!secret) {
        throw new Error(`administrator secret ${db.adminSecret} has no current value`);
    }
    return connectWithRetry(deps.connectPg, { host: db.host, port: db.port, database: db.dbname }, { user: db.adminUser, password: adminPassword(secret.value) }, { clock: deps.clock });
}

export type Outcome = "created" | "updated" | "unchanged";

export interface BootstrapSummary {
    changes: string[];
    login: Outcome;
    generated: Record<string, "created" | "unchanged">;
}

/** Roles, the application's first login, the generated secrets. Safe to run any number of times. */
export async function bootstrap(deps: JobDeps, config: JobConfig): Promise<BootstrapSummary> {
    const db = config.database;
    const endpoint = { host: db.host, port: db.port, database: db.dbname };
    deps.log(`connecting to ${db.host}:${db.port}/${db.dbname} as the administrator`);
    const admin = await adminClient(deps, config);
    let login: Outcome;
    const changes: string[] = [];
    try {
        changes.push(...(await ensureAppRoles(admin, { owner: db.owner, database: db.dbname, extensions: db.extensions })));
        const wanted = { engine: "postgres" as const, host: db.host, port: db.port, dbname: db.dbname, owner: db.owner };
        const currentVersion = await deps.vault.getSecret(db.appSecret);
        const current = currentVersion ? parseAppLogin(currentVersion.value, db.appSecret) : undefined;
        if (!current || current.owner !== db.owner) {
            // No login yet, or new roles whose first password nobody uses yet.
            const [blue] = loginRolesOf(db.owner);
            const password = randomUrlSafe(DATABASE_PASSWORD_LENGTH);
            await setLoginPassword(admin, blue, password);
            await deps.vault.setSecret(db.appSecret, serialiseAppLogin({ ...wanted, username: blue, password }), { contentType: JSON_CONTENT });
            changes.push(`set the first password of ${blue}`);
            login = "created";
        } else {
            if (!loginRolesOf(db.owner).includes(current.username)) {
                throw new Error(`secret ${db.appSecret} names "${current.username}", which is not a login role of "${db.owner}"`);
            }
            try {
                await checkLogin(deps.connectPg, endpoint, { user: current.username, password: current.password }, db.owner);
            } catch (error) {
                if (!isAuthenticationFailure(error)) throw error;
                // A restored or rebuilt server: give the role back the password the instances hold.
                await setLoginPassword(admin, current.username, current.password);
                changes.push(`restored the password of ${current.username} from the secret`);
            }
            const updated = { ...current, ...wanted };
            login = serialiseAppLogin(updated) === serialiseAppLogin(current) ? "unchanged" : "updated";
            if (login === "updated") {
                await deps.vault.setSecret(db.appSecret, serialiseAppLogin(updated), { contentType: JSON_CONTENT });
            }
        }
    } finally {
        await admin.end().catch(() => undefined);
    }
    const generated: BootstrapSummary["generated"] = {};
    for (const request of config.generated) {
        if (await deps.vault.getSecret(request.name)) {
            generated[request.name] = "unchanged";
        } else {
            await deps.vault.setSecret(request.name, randomUrlSafe(request.length), { contentType: "text/plain" });
            generated[request.name] = "created";
        }
    }
    deps.log(`bootstrap: login ${login}, ${changes.length} change(s), generated ${JSON.stringify(generated)}`);
    return { changes, login, generated };
}

/** Moves the login to the idle login role with a new password once the current version is `rotationDays` old. */
export async function rotateIfDue(deps: JobDeps, config: JobConfig): Promise<"not due" | string> {
    const db = config.database;
    const version = await deps.vault.getSecret(db.appSecret);
    if (!version) {
        throw new Error(`secret ${db.appSecret} has no current value to rotate; the bootstrap has not run`);
    }
    const ageMs = deps.clock.now() - version.createdMs;
    if (ageMs < config.rotationDays * DAY_MS) {
        return "not due";
    }
    const current = parseAppLogin(version.value, db.appSecret);
    const next = otherLoginRole(current.owner, current.username);
    const password = randomUrlSafe(DATABASE_PASSWORD_LENGTH);
    const admin = await adminClient(deps, config);
    try {
        await setLoginPassword(admin, next, password);
    } finally {
        await admin.end().catch(() => undefined);
    }
    await checkLogin(deps.connectPg, { host: current.host, port: current.port, database: current.dbname }, { user: next, password }, current.owner);
    await deps.vault.setSecret(db.appSecret, serialiseAppLogin({ ...current, username: next, password }), { contentType: JSON_CONTENT });
    deps.log(`rotation: ${db.appSecret} now uses ${next}; ${current.username} keeps working until the next rotation`);
    return `now uses ${next}`;
}

/**
 * The job's life: bootstrap until it succeeds (the server or the role assignments may not be
 * ready yet), then check every `checkEveryMs` whether rotation is due. Returns only when
 * `keepRunning` says so (tests).
 */
export async function runJob(deps: JobDeps, config: JobConfig, options: { checkEveryMs: number; retryEveryMs: number; keepRunning?: () => boolean }): Promise<void> {
    const keepRunning = options.keepRunning ?? (() => true);
    for (;;) {
        try {
            await bootstrap(deps, config);
            break;
        } catch (error) {
            deps.log(`bootstrap failed, retrying: ${(error as Error).message}`);
            if (!keepRunning()) return;
            await deps.clock.sleep(options.retryEveryMs);
        }
    }
    while (keepRunning()) {
        try {
            await rotateIfDue(deps, config);
        } catch (error) {
            deps.log(`rotation failed, retrying at the next check: ${(error as Error).message}`);
        }
        await deps.clock.sleep(options.checkEveryMs);
    }
}
