// The application's own PostgreSQL roles, on any cloud: a NOLOGIN owner role that owns the
// application's schema, and two login roles ("blue" and "green") that become the owner as soon as
// they log in. Rotation alternates between the login roles, so the one the running instances use
// keeps its password while the other gets a new one; and because both act as the owner,
// everything either creates belongs to the owner and stays alterable by the other (migrations
// keep working across rotations).
//
// Written for an administrator that is NOT a superuser (RDS's master, Cloud SQL's and Azure's admin
// users have CREATEROLE and own the database, nothing more): no statement here needs more.

import { createHash, createHmac, pbkdf2Sync, randomBytes } from "crypto";
import { isIP } from "net";
import { Client, ClientBase, escapeIdentifier, escapeLiteral } from "pg";

export interface PgEndpoint {
    host: string;
    port: number;
    database: string;
}

export interface PgLogin {
    user: string;
    password: string;
}

export type PgConnect = (endpoint: PgEndpoint, login: PgLogin) => Promise<Client>;

export interface TlsTrust {
    /** Extra CA certificates (PEM). Production leaves it unset: NODE_EXTRA_CA_CERTS holds the cloud's CAs. */
    ca?: string;
    connectTimeoutMs?: number;
}

/** Connections that refuse anything but TLS with a certificate that chains to a trusted CA and names the host. */
export function verifiedTlsConnector(trust: TlsTrust = {}): PgConnect {
    return async (endpoint, login) => {
        const client = new Client({
            host: endpoint.host,
            port: endpoint.port,
            database: endpoint.database,
            user: login.user,
            password: login.password,
            ssl: {
                rejectUnauthorized: true,
                // Node refuses an IP address as SNI; the certificate is then checked against the IP.
                servername: isIP(endpoint.host) === 0 ? endpoint.host : undefined,
                ...(trust.ca ? { ca: trust.ca } : {}),
            },
            connectionTimeoutMillis: trust.connectTimeoutMs ?? 10_000,
            statement_timeout: 60_000,
            application_name: "platform-credentials",
        });
        try {
            await client.connect();
        } catch (error) {
            await client.end().catch(() => undefined);
            throw error;
        }
        return client;
    };
}

export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const TRANSIENT_NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
/** cannot_connect_now (starting up, shutting down, recovering) and too_many_connections. */
const TRANSIENT_SQLSTATES = new Set(["57P03", "53300"]);

/**
 * Worth another try: a brand-new instance's name may not resolve yet, or it may still be starting.
 * A refused password or an untrusted certificate is final.
 */
export function isTransientConnectError(error: unknown): boolean {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (TRANSIENT_NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code))) {
        return true;
    }
    return typeof message === "string" && /connection timeout|terminated unexpectedly/i.test(message);
}

/** Connects, retrying transient failures for up to `budgetMs` (about three minutes by default). */
export async function connectWithRetry(
    connect: PgConnect,
    endpoint: PgEndpoint,
    login: PgLogin,
    options: { budgetMs?: number; intervalMs?: number; clock?: Clock } = {},
): Promise<Client> {
    const clock = options.clock ?? systemClock;
    const deadline = clock.now() + (options.budgetMs ?? 180_000);
    for (;;) {
        try {
            return await connect(endpoint, login);
        } catch (error) {
            const interval = options.intervalMs ?? 5_000;
            if (!isTransientConnectError(error) || clock.now() + interval > deadline) {
                throw error;
            }
            await clock.sleep(interval);
        }
    }
}

export function isAuthenticationFailure(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    // invalid_password, invalid_authorization_specification (no such role, no pg_hba entry)
    return code === "28P01" || code === "28000";
}

// The login roles append "_green": 57 + 6 = 63, PostgreSQL's identifier limit.
const OWNER_NAME = /^[a-z][a-z0-9_]{0,56}$/;

export function checkOwnerName(owner: string): string {
    if (!OWNER_NAME.test(owner) || owner.startsWith("pg_") || owner.startsWith("rds")) {
        throw new Error(
            `owner role "${owner}" must be 1-57 lowercase letters, digits or underscores, start with a letter, and not start with "pg_" or "rds"`,
        );
    }
    return owner;
}

export function loginRolesOf(owner: string): [string, string] {
    checkOwnerName(owner);
    return [`${owner}_blue`, `${owner}_green`];
}

/** The login role that is not `current`: the one a rotation may change. */
export function otherLoginRole(owner: string, current: string): string {
    const [blue, green] = loginRolesOf(owner);
    if (current === blue) {
        return green;
    }
    if (current === green) {
        return blue;
    }
    throw new Error(`"${current}" is not a login role of "${owner}" (expected "${blue}" or "${green}")`);
}

export interface AppRolesOptions {
    owner: string;
    /** The application database, already created (RDS creates it with the instance). */
    database: string;
    /** Created by the administrator in schema public, where every role may use them. */
    extensions: readonly string[];
}

const EXTENSION_NAME = /^[a-z0-9_-]{1,63}$/;

/**
 * Creates or repairs the roles, schema, grants and extensions, in one transaction. Returns what it
 * changed (empty when everything was already in place). Never touches a password.
 */
export async function ensureAppRoles(admin: ClientBase, options: AppRolesOptions): Promise<string[]> {
    const { owner, database } = options;
    const logins = loginRolesOf(owner);
    for (const extension of options.extensions) {
        if (!EXTENSION_NAME.test(extension)) {
            throw new Error(`extension name "${extension}" must be 1-63 lowercase letters, digits, "_" or "-"`);
        }
    }
    const changes: string[] = [];
    await admin.query("BEGIN");
    try {
        // Two bootstraps at once would race on CREATE ROLE.
        await admin.query("SELECT pg_advisory_xact_lock(hashtext('platform-app-roles'))");
        await ensureRole(admin, owner, { login: false, inherit: true }, changes);
        // CREATE SCHEMA ... AUTHORIZATION and ALTER ROLE ... SET role need the administrator in the role.
        await ensureAdminMembership(admin, owner, changes);
        for (const login of logins) {
            // NOINHERIT: only as the owner (which it becomes at login) does the login role hold any
            // privilege, so nothing can ever be created under the login role's own name.
            await ensureRole(admin, login, { login: true, inherit: false }, changes);
            await ensureMembership(admin, owner, login, changes);
            await ensureLoginDefaults(admin, login, owner, changes);
        }
        await ensureSchema(admin, owner, changes);
        await ensureDatabaseGrants(admin, database, owner, logins, changes);
        await closePublicSchema(admin, changes);
        await ensureExtensions(admin, options.extensions, changes);
        await admin.query("COMMIT");
    } catch (error) {
        await admin.query("ROLLBACK").catch(() => undefined);
        throw error;
    }
    return changes;
}

interface RoleShape {
    login: boolean;
    inherit: boolean;
}

async function ensureRole(admin: ClientBase, role: string, shape: RoleShape, changes: string[]): Promise<void> {
    const name = escapeIdentifier(role);
    const wanted = `${shape.login ? "LOGIN" : "NOLOGIN"} NOCREATEDB NOCREATEROLE ${shape.inherit ? "INHERIT" : "NOINHERIT"}`;
    const { rows } = await admin.query(
        "SELECT rolcanlogin, rolinherit, rolcreatedb, rolcreaterole, rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1",
        [role],
    );
    if (rows.length === 0) {
        // Without a password the role cannot log in until one is set.
        await admin.query(`CREATE ROLE ${name} ${wanted} NOSUPERUSER NOREPLICATION NOBYPASSRLS`);
        changes.push(`created role ${role}`);
        return;
    }
    const existing = rows[0];
    if (existing.rolsuper || existing.rolreplication || existing.rolbypassrls) {
        throw new Error(`role "${role}" has SUPERUSER, REPLICATION or BYPASSRLS, which an application role must not have; only a superuser can remove them`);
    }
    if (existing.rolcanlogin !== shape.login || existing.rolinherit !== shape.inherit || existing.rolcreatedb || existing.rolcreaterole) {
        // A CREATEROLE administrator may not even name SUPERUSER or REPLICATION in ALTER ROLE.
        await admin.query(`ALTER ROLE ${name} ${wanted}`);
        changes.push(`reset attributes of role ${role}`);
    }
}

async function ensureAdminMembership(admin: ClientBase, owner: string, changes: string[]): Promise<void> {
    const { rows } = await admin.query("SELECT pg_has_role(current_user, $1, 'MEMBER') AS member", [owner]);
    if (!rows[0].member) {
        await admin.query(`GRANT ${escapeIdentifier(owner)} TO CURRENT_USER`);
        changes.push(`granted ${owner} to the administrator`);
    }
}

async function ensureMembership(admin: ClientBase, role: string, member: string, changes: string[]): Promise<void> {
    const { rows } = await admin.query(
        `SELECT 1 FROM pg_auth_members m
           JOIN pg_roles r ON r.oid = m.roleid
           JOIN pg_roles u ON u.oid = m.member
          WHERE r.rolname = $1 AND u.rolname = $2`,
        [role, member],
    );
    if (rows.length === 0) {
        await admin.query(`GRANT ${escapeIdentifier(role)} TO ${escapeIdentifier(member)}`);
        changes.push(`granted ${role} to ${member}`);
    }
}

/** Every session of the login role runs as the owner, in the owner's schema; RESET ROLE and DISCARD ALL return to these. */
async function ensureLoginDefaults(admin: ClientBase, login: string, owner: string, changes: string[]): Promise<void> {
    // PostgreSQL stores search_path with quote_ident applied to each element.
    const { rows } = await admin.query(
        `SELECT ('role=' || $2) = ANY (cfg) AS has_role,
                ('search_path=' || quote_ident($2) || ', public') = ANY (cfg) AS has_search_path
           FROM (SELECT coalesce(s.setconfig, '{}') AS cfg
                   FROM pg_roles r
                   LEFT JOIN pg_db_role_setting s ON s.setrole = r.oid AND s.setdatabase = 0
                  WHERE r.rolname = $1) settings`,
        [login, owner],
    );
    const name = escapeIdentifier(login);
    if (!rows[0].has_role) {
        await admin.query(`ALTER ROLE ${name} SET role = ${escapeLiteral(owner)}`);
        changes.push(`set role = ${owner} for ${login}`);
    }
    if (!rows[0].has_search_path) {
        await admin.query(`ALTER ROLE ${name} SET search_path = ${escapeIdentifier(owner)}, public`);
        changes.push(`set search_path = ${owner}, public for ${login}`);
    }
}

async function ensureSchema(admin: ClientBase, owner: string, changes: string[]): Promise<void> {
    const name = escapeIdentifier(owner);
    const { rows } = await admin.query("SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1", [owner]);
    if (rows.length === 0) {
        await admin.query(`CREATE SCHEMA ${name} AUTHORIZATION ${name}`);
        changes.push(`created schema ${owner}`);
    } else if (rows[0].owner !== owner) {
        await admin.query(`ALTER SCHEMA ${name} OWNER TO ${name}`);
        changes.push(`gave schema ${owner} to ${owner}`);
    }
}

async function databasePrivileges(admin: ClientBase, database: string): Promise<Map<string, Set<string>>> {
    const { rows: exists } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.length === 0) {
        throw new Error(`database "${database}" does not exist`);
    }
    const { rows } = await admin.query(
        `SELECT coalesce(r.rolname, 'PUBLIC') AS grantee, a.privilege_type
           FROM pg_database d
          CROSS JOIN LATERAL aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
           LEFT JOIN pg_roles r ON r.oid = a.grantee
          WHERE d.datname = $1`,
        [database],
    );
    const byGrantee = new Map<string, Set<string>>();
    for (const row of rows) {
        byGrantee.set(row.grantee, (byGrantee.get(row.grantee) ?? new Set()).add(row.privilege_type));
    }
    return byGrantee;
}

/**
 * The owner may connect and create temporary tables; the login roles (NOINHERIT) need CONNECT of
 * their own, checked before they become the owner; nobody else gets in by default.
 */
async function ensureDatabaseGrants(admin: ClientBase, database: string, owner: string, logins: readonly string[], changes: string[]): Promise<void> {
    const db = escapeIdentifier(database);
    const privileges = await databasePrivileges(admin, database);
    const wanted: Array<[string, string[]]> = [[owner, ["CONNECT", "TEMPORARY"]], ...logins.map((login): [string, string[]] => [login, ["CONNECT"]])];
    for (const [grantee, wantedPrivileges] of wanted) {
        const missing = wantedPrivileges.filter((privilege) => !privileges.get(grantee)?.has(privilege));
        if (missing.length > 0) {
            await admin.query(`GRANT ${missing.join(", ")} ON DATABASE ${db} TO ${escapeIdentifier(grantee)}`);
            changes.push(`granted ${missing.join(", ")} on database ${database} to ${grantee}`);
        }
    }
    const publicExtra = ["CONNECT", "TEMPORARY"].filter((privilege) => privileges.get("PUBLIC")?.has(privilege));
    if (publicExtra.length > 0) {
        await admin.query(`REVOKE ${publicExtra.join(", ")} ON DATABASE ${db} FROM PUBLIC`);
        changes.push(`revoked ${publicExtra.join(", ")} on database ${database} from PUBLIC`);
    }
}

/** PostgreSQL 15 already creates databases this way; older ones and restored dumps may not. */
async function closePublicSchema(admin: ClientBase, changes: string[]): Promise<void> {
    const { rows } = await admin.query(
        `SELECT EXISTS (
            SELECT 1 FROM pg_namespace n
             CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
             WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE') AS open`,
    );
    if (rows[0].open) {
        await admin.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        changes.push("revoked CREATE on schema public from PUBLIC");
    }
}

async function ensureExtensions(admin: ClientBase, extensions: readonly string[], changes: string[]): Promise<void> {
    const { rows } = await admin.query("SELECT extname FROM pg_extension WHERE extname = ANY ($1)", [extensions]);
    const present = new Set(rows.map((row) => row.extname));
    for (const extension of extensions.filter((name) => !present.has(name))) {
        await admin.query(`CREATE EXTENSION IF NOT EXISTS ${escapeIdentifier(extension)} SCHEMA public`);
        changes.push(`created extension ${extension}`);
    }
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL would store for `password` (RFC 5802/7677, as libpq's
 * PQencryptPasswordConn computes it). Sending the verifier instead of the password keeps the
 * password itself out of the server's statement log (RDS logs DDL here).
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
    // SASLprep leaves printable ASCII unchanged, so the verifier matches what the server derives.
    if (!/^[\x21-\x7e]+$/.test(password)) {
        throw new Error("passwords set by this function must be printable ASCII without spaces");
    }
    const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
    const clientKey = createHmac("sha256", salted).update("Client Key").digest();
    const storedKey = createHash("sha256").update(clientKey).digest();
    const serverKey = createHmac("sha256", salted).update("Server Key").digest();
    return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

export async function setLoginPassword(admin: ClientBase, role: string, password: string): Promise<void> {
    await admin.query(`ALTER ROLE ${escapeIdentifier(role)} PASSWORD ${escapeLiteral(scramSha256Verifier(password))}`);
}

export interface LoginIdentity {
    currentUser: string;
    sessionUser: string;
}

/**
 * Logs in with `login` over verified TLS and checks that the session acts as `owner`: the proof
 * that the credentials work and that what the application creates will belong to the owner.
 */
export async function checkLogin(connect: PgConnect, endpoint: PgEndpoint, login: PgLogin, owner: string): Promise<LoginIdentity> {
    const client = await connect(endpoint, login);
    try {
        // TLS needs no check here: the connector refuses a server that does not offer it.
        const { rows } = await client.query("SELECT current_user AS current_user, session_user AS session_user");
        const identity: LoginIdentity = { currentUser: rows[0].current_user, sessionUser: rows[0].session_user };
        if (identity.currentUser !== owner) {
            throw new Error(`${login.user} logs in as "${identity.currentUser}", not as the owner "${owner}"`);
        }
        return identity;
    } finally {
        await client.end().catch(() => undefined);
    }
}
