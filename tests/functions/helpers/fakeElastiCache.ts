// An in-memory ElastiCache replication group that follows the documented AUTH token rules, and a
// TLS server speaking enough RESP (AUTH, PING) to answer with the group's tokens:
// - ROTATE adds a token and keeps the previous one; with two tokens already, the oldest goes.
// - SET keeps only the given token, which must be the most recent, and only after a ROTATE.
// - A modification is applied asynchronously (the group is "modifying" meanwhile, old tokens still
//   valid) and the group accepts no other modification until it is "available" again.
import { AddressInfo } from "net";
import { createServer, Server, TLSSocket } from "tls";
import { ElastiCacheApi, ReplicationGroupState } from "../../../functions/aws/elastiCache";
import { Clock } from "../../../functions/postgresRoles";

export class FakeClock implements Clock {
    constructor(private time = Date.UTC(2025, 0, 1)) {}
    now(): number {
        return this.time;
    }
    async sleep(ms: number): Promise<void> {
        this.time += ms;
    }
}

function awsError(name: string, message: string): Error {
    const error = new Error(message);
    error.name = name;
    return error;
}

/** How long the fake takes to apply a token change; real groups take minutes. */
export const MODIFICATION_MS = 90_000;

export class FakeReplicationGroup implements ElastiCacheApi {
    /** Oldest first; at most two. */
    private tokens: string[];
    private change?: { tokens: string[]; doneAt: number; status?: "ROTATING" | "SETTING" };
    readonly modifications: Array<{ AuthToken: string; AuthTokenUpdateStrategy: string; ApplyImmediately: boolean }> = [];

    constructor(
        readonly groupId: string,
        createdWith: string,
        private readonly clock: Clock,
    ) {
        this.tokens = [createdWith];
    }

    private settle(): void {
        if (this.change && this.clock.now() >= this.change.doneAt) {
            this.tokens = this.change.tokens;
            this.change = undefined;
        }
    }

    accepts(token: string): boolean {
        this.settle();
        return this.tokens.includes(token);
    }

    /** Test setup: the group's tokens, oldest first, as if earlier modifications had happened. */
    forceTokens(tokens: string[]): void {
        this.tokens = [...tokens];
    }

    /** Test setup: some other modification (a node type change, say) keeps the group busy for `ms`. */
    busyFor(ms: number): void {
        this.change = { tokens: [...this.tokens], doneAt: this.clock.now() + ms };
    }

    async describeReplicationGroups(input: { ReplicationGroupId: string }): Promise<{ ReplicationGroups?: ReplicationGroupState[] }> {
        if (input.ReplicationGroupId !== this.groupId) {
            throw awsError("ReplicationGroupNotFoundFault", `ReplicationGroup ${input.ReplicationGroupId} not found`);
        }
        this.settle();
        return {
            ReplicationGroups: [
                this.change ? { Status: "modifying", PendingModifiedValues: { AuthTokenStatus: this.change.status } } : { Status: "available", PendingModifiedValues: {} },
            ],
        };
    }

    async modifyReplicationGroup(input: { ReplicationGroupId: string; AuthToken: string; AuthTokenUpdateStrategy: "ROTATE" | "SET"; ApplyImmediately: boolean }): Promise<unknown> {
        if (input.ReplicationGroupId !== this.groupId) {
            throw awsError("ReplicationGroupNotFoundFault", `ReplicationGroup ${input.ReplicationGroupId} not found`);
        }
        this.settle();
        if (this.change) {
            throw awsError("InvalidReplicationGroupStateFault", "Replication group must be in available state to modify");
        }
        const token = input.AuthToken;
        if (token.length < 16 || token.length > 128 || !/^[\x21-\x7e]+$/.test(token) || /[/"@%]/.test(token)) {
            throw awsError("InvalidParameterValueException", "Invalid AuthToken provided.");
        }
        if (!input.ApplyImmediately) {
            throw new Error("this fake models immediate application only");
        }
        let next: string[];
        if (input.AuthTokenUpdateStrategy === "ROTATE") {
            next = [...this.tokens, token].slice(-2);
        } else if (input.AuthTokenUpdateStrategy === "SET") {
            if (this.tokens.length !== 2 || this.tokens[1] !== token) {
                throw awsError("InvalidParameterCombinationException", "SET is allowed only after ROTATE, with the most recent token");
            }
            next = [token];
        } else {
            throw awsError("InvalidParameterValueException", `unknown strategy ${String(input.AuthTokenUpdateStrategy)}`);
        }
        this.modifications.push({ AuthToken: token, AuthTokenUpdateStrategy: input.AuthTokenUpdateStrategy, ApplyImmediately: input.ApplyImmediately });
        this.change = { tokens: next, doneAt: this.clock.now() + MODIFICATION_MS, status: input.AuthTokenUpdateStrategy === "ROTATE" ? "ROTATING" : "SETTING" };
        return {};
    }
}

/** Answers AUTH with +OK or WRONGPASS according to the group, and PING with +PONG once authenticated. */
export async function startFakeRedis(
    group: () => FakeReplicationGroup,
    tls: { certPem: string; keyPem: string },
): Promise<{ port: number; close(): Promise<void> }> {
    const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (socket: TLSSocket) => {
        let buffered = Buffer.alloc(0);
        let authenticated = false;
        socket.on("error", () => undefined);
        socket.on("data", (chunk: Buffer) => {
            buffered = Buffer.concat([buffered, chunk]);
            for (;;) {
                const parsed = parseCommand(buffered);
                if (!parsed) {
                    return;
                }
                buffered = buffered.subarray(parsed.consumed);
                const [name, ...args] = parsed.command;
                if (name?.toUpperCase() === "AUTH") {
                    authenticated = args.length === 1 && group().accepts(args[0]);
                    socket.write(authenticated ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
                } else if (name?.toUpperCase() === "PING") {
                    socket.write(authenticated ? "+PONG\r\n" : "-NOAUTH Authentication required.\r\n");
                } else {
                    socket.write("-ERR unknown command\r\n");
                }
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** One RESP array of bulk strings, or undefined until all of it has arrived. */
function parseCommand(buffer: Buffer): { command: string[]; consumed: number } | undefined {
    const text = buffer.toString("latin1");
    const header = /^\*(\d+)\r\n/.exec(text);
    if (!header) {
        return undefined;
    }
    let offset = header[0].length;
    const command: string[] = [];
    for (let index = 0; index < Number(header[1]); index++) {
        const length = /^\$(\d+)\r\n/.exec(text.slice(offset));
        if (!length) {
            return undefined;
        }
        offset += length[0].length;
        const size = Number(length[1]);
        if (text.length < offset + size + 2) {
            return undefined;
        }
        command.push(text.slice(offset, offset + size));
        offset += size + 2;
    }
    return { command, consumed: offset };
}
