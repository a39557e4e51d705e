// Adding a Redis AUTH token on ElastiCache without cutting off the token in use.
//
// What ElastiCache does (ModifyReplicationGroup, AuthTokenUpdateStrategy):
// - ROTATE adds the given token and keeps the previous one; on a group that already accepts two
//   tokens it also drops the oldest, so at most the two most recent tokens are valid.
// - SET leaves only the given token, which must be the most recent one; it is accepted only after
//   a ROTATE (two tokens, or one optional token).
// - Modifications run asynchronously, and the group takes no new one until it is `available`.
//
// So one ROTATE per rotation is the whole sequence: the current token stays valid, the pending one
// is added, and the previous-previous one is dropped. SET is never used: it would cut off the
// instances that have not re-read the secret yet. The previous token keeps working until the next
// rotation, like the database's previous login role.

import { Clock } from "../postgresRoles";
import { RedisAuthCheck, RedisEndpoint } from "../redisAuth";

export interface ReplicationGroupState {
    Status?: string;
    PendingModifiedValues?: { AuthTokenStatus?: string };
}

export interface ElastiCacheApi {
    describeReplicationGroups(input: { ReplicationGroupId: string }): Promise<{ ReplicationGroups?: ReplicationGroupState[] }>;
    modifyReplicationGroup(input: {
        ReplicationGroupId: string;
        AuthToken: string;
        AuthTokenUpdateStrategy: "ROTATE" | "SET";
        ApplyImmediately: boolean;
    }): Promise<unknown>;
}

export interface Waiting {
    clock: Clock;
    /** Absolute time (clock.now()) by which the wait must be over. */
    deadline: number;
    intervalMs?: number;
}

export async function waitUntil(what: string, condition: () => Promise<boolean>, waiting: Waiting): Promise<void> {
    const interval = waiting.intervalMs ?? 10_000;
    for (;;) {
        if (await condition()) {
            return;
        }
        if (waiting.clock.now() + interval > waiting.deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await waiting.clock.sleep(interval);
    }
}

export async function groupIsAvailable(api: ElastiCacheApi, groupId: string): Promise<boolean> {
    const { ReplicationGroups: groups = [] } = await api.describeReplicationGroups({ ReplicationGroupId: groupId });
    if (groups.length !== 1) {
        throw new Error(`replication group ${groupId} not found`);
    }
    return groups[0].Status === "available" && !groups[0].PendingModifiedValues?.AuthTokenStatus;
}

export interface TokenSet {
    current: string;
    /** The token before the current one, if the secret still has it. */
    previous?: string;
    pending: string;
}

/**
 * Makes the group accept `pending` besides `current`. Safe to repeat: a group that already takes
 * the pending token is left alone (a second ROTATE with it would drop the current token).
 */
export async function addPendingToken(
    api: ElastiCacheApi,
    accepts: RedisAuthCheck,
    groupId: string,
    endpoint: RedisEndpoint,
    tokens: TokenSet,
    waiting: Waiting,
): Promise<"added" | "already accepted"> {
    await waitUntil(`${groupId} to be available`, () => groupIsAvailable(api, groupId), waiting);
    if (await accepts(endpoint, tokens.pending)) {
        return "already accepted";
    }
    if (!(await accepts(endpoint, tokens.current))) {
        throw new Error(`${groupId} refuses the current token; rotation stopped so that no client loses access`);
    }
    if (tokens.previous !== undefined && tokens.previous !== tokens.current && !(await accepts(endpoint, tokens.previous))) {
        // Then the group's other token is one this secret does not know, newer than the current one
        // (a rotation that stopped after its ROTATE); the next ROTATE would drop the current token.
        throw new Error(
            `${groupId} refuses the previous token, so it holds a token newer than the current one; ` +
                `rotation stopped so that no client loses access: finish or undo the earlier rotation first`,
        );
    }
    await api.modifyReplicationGroup({ ReplicationGroupId: groupId, AuthToken: tokens.pending, AuthTokenUpdateStrategy: "ROTATE", ApplyImmediately: true });
    await waitUntil(
        `${groupId} to accept the new token`,
        async () => (await groupIsAvailable(api, groupId)) && (await accepts(endpoint, tokens.pending)),
        waiting,
    );
    return "added";
}
