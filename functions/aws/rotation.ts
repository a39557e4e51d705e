// Secrets Manager rotation of the application's database credentials and the Redis AUTH token,
// in the documented four steps (createSecret, setSecret, testSecret, finishSecret). Each step is
// safe to run again: Secrets Manager retries a failed rotation with the same token.
//
// Database: the pending version names the OTHER login role with a new password. The role in use
// is never touched, so instances that have not re-read the secret keep connecting; it is the one
// changed by the next rotation.
// Cache: ElastiCache's ROTATE adds the pending token next to the current one (see elastiCache.ts).

import { checkLogin, connectWithRetry, loginRolesOf, otherLoginRole, setLoginPassword } from "../postgresRoles";
import { randomUrlSafe } from "../randomToken";
import { DATABASE_PASSWORD_LENGTH } from "./bootstrap";
import { Invocation } from "./dependencies";
import { addPendingToken } from "./elastiCache";
import { DatabaseSecret, parseCacheSecret, parseDatabaseSecret, parseMasterSecret, serialiseCacheSecret, serialiseDatabaseSecret } from "./secretShapes";
import {
    AWSPREVIOUS,
    finishRotation,
    putPending,
    readCurrent,
    readPending,
    readStage,
    requirePending,
    RotationEvent,
    rotationPreflight,
} from "./secretsManager";

export const CACHE_TOKEN_LENGTH = 64;

export type RotationOutcome = { secretId: string; step: RotationEvent["Step"]; result: string };

async function requireCurrent(run: Invocation, secretId: string): Promise<string> {
    const current = await readCurrent(run.secrets, secretId);
    if (current === undefined) {
        throw new Error(`secret ${secretId} has no current value to rotate; the bootstrap has not run`);
    }
    return current;
}

async function databaseStep(run: Invocation, event: RotationEvent): Promise<string> {
    const secretId = event.SecretId;
    const current = parseDatabaseSecret(await requireCurrent(run, secretId), secretId);
    switch (event.Step) {
        case "createSecret": {
            if ((await readPending(run.secrets, event)) !== undefined) {
                return "pending version already stored";
            }
            const pending: DatabaseSecret = {
                ...current,
                username: otherLoginRole(current.owner, current.username),
                password: randomUrlSafe(DATABASE_PASSWORD_LENGTH),
            };
            await putPending(run.secrets, event, serialiseDatabaseSecret(pending));
            return `pending version uses ${pending.username}`;
        }
        case "setSecret": {
            const pending = parseDatabaseSecret(await requirePending(run.secrets, event), secretId);
            // The secret decides whose password the administrator changes: only ever the idle login role.
            if (!loginRolesOf(pending.owner).includes(pending.username) || pending.username === current.username) {
                throw new Error(`pending version names "${pending.username}"; only the login role not in use (${otherLoginRole(current.owner, current.username)}) may be changed`);
            }
            const masterText = await requireCurrent(run, pending.masterarn);
            const master = parseMasterSecret(masterText, pending.masterarn);
            const admin = await connectWithRetry(
                run.connectPg,
                { host: pending.host, port: pending.port, database: pending.dbname },
                { user: master.username, password: master.password },
                { clock: run.clock, budgetMs: Math.min(60_000, run.deadline - run.clock.now()) },
            );
            try {
                await setLoginPassword(admin, pending.username, pending.password);
            } finally {
                await admin.end().catch(() => undefined);
            }
            return `password of ${pending.username} set`;
        }
        case "testSecret": {
            const pending = parseDatabaseSecret(await requirePending(run.secrets, event), secretId);
            const endpoint = { host: pending.host, port: pending.port, database: pending.dbname };
            await checkLogin(run.connectPg, endpoint, { user: pending.username, password: pending.password }, pending.owner);
            return `${pending.username} logs in over TLS as ${pending.owner}`;
        }
        case "finishSecret":
            await finishRotation(run.secrets, event);
            return "pending version is now AWSCURRENT";
    }
}

async function cacheStep(run: Invocation, event: RotationEvent): Promise<string> {
    const secretId = event.SecretId;
    const current = parseCacheSecret(await requireCurrent(run, secretId), secretId);
    const endpoint = { host: current.host, port: current.port };
    switch (event.Step) {
        case "createSecret": {
            if ((await readPending(run.secrets, event)) !== undefined) {
                return "pending version already stored";
            }
            await putPending(run.secrets, event, serialiseCacheSecret({ ...current, password: randomUrlSafe(CACHE_TOKEN_LENGTH) }));
            return "pending token stored";
        }
        case "setSecret": {
            const groupId = run.env.CACHE_REPLICATION_GROUP_ID;
            if (!groupId) {
                throw new Error("CACHE_REPLICATION_GROUP_ID is not set");
            }
            const pending = parseCacheSecret(await requirePending(run.secrets, event), secretId);
            const previousText = await readStage(run.secrets, secretId, AWSPREVIOUS);
            const previous = previousText === undefined ? undefined : parseCacheSecret(previousText, secretId).password;
            const result = await addPendingToken(
                run.elastiCache,
                run.redisAcceptsToken,
                groupId,
                endpoint,
                { current: current.password, previous, pending: pending.password },
                { clock: run.clock, deadline: run.deadline },
            );
            return `pending token ${result}`;
        }
        case "testSecret": {
            const pending = parseCacheSecret(await requirePending(run.secrets, event), secretId);
            if (!(await run.redisAcceptsToken(endpoint, pending.password))) {
                throw new Error(`${current.host} refuses the pending token`);
            }
            // The whole point of ROTATE: clients still on the current token are not cut off.
            if (!(await run.redisAcceptsToken(endpoint, current.password))) {
                throw new Error(`${current.host} no longer accepts the current token`);
            }
            return "pending and current tokens both accepted";
        }
        case "finishSecret":
            await finishRotation(run.secrets, event);
            return "pending version is now AWSCURRENT";
    }
}

export async function rotate(run: Invocation, event: RotationEvent): Promise<RotationOutcome> {
    const kind = event.SecretId === run.env.APP_DB_SECRET_ARN ? "database" : event.SecretId === run.env.CACHE_SECRET_ARN ? "cache" : undefined;
    if (kind === undefined) {
        throw new Error(`secret ${event.SecretId} is neither APP_DB_SECRET_ARN nor CACHE_SECRET_ARN; this function does not rotate it`);
    }
    if ((await rotationPreflight(run.secrets, event)) === "already current") {
        return { secretId: event.SecretId, step: event.Step, result: "version already AWSCURRENT" };
    }
    const result = kind === "database" ? await databaseStep(run, event) : await cacheStep(run, event);
    run.log(`${kind} ${event.Step}: ${result}`);
    return { secretId: event.SecretId, step: event.Step, result };
}
