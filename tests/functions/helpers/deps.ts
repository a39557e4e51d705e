// The credentials function wired to in-memory AWS services and to servers on this machine whose
// certificates chain to the tests' CA.
import { CredentialsDeps, FunctionEnvironment } from "../../../functions/aws/dependencies";
import { createHandler } from "../../../functions/aws/credentials";
import { verifiedTlsConnector } from "../../../functions/postgresRoles";
import { redisAcceptsToken } from "../../../functions/redisAuth";
import { FakeClock, FakeReplicationGroup } from "./fakeElastiCache";
import { FakeSecretsManager } from "./fakeSecretsManager";

export interface TestWiring {
    secrets: FakeSecretsManager;
    clock: FakeClock;
    group: FakeReplicationGroup;
    log: string[];
    handler: ReturnType<typeof createHandler>;
}

export function wire(options: { caPem: string; env?: FunctionEnvironment; group?: FakeReplicationGroup; clock?: FakeClock }): TestWiring {
    const secrets = new FakeSecretsManager();
    const clock = options.clock ?? new FakeClock();
    const group = options.group ?? new FakeReplicationGroup("unused-redis", "unused-token-0000000000", clock);
    const log: string[] = [];
    const deps: CredentialsDeps = {
        secrets,
        elastiCache: group,
        connectPg: verifiedTlsConnector({ ca: options.caPem, connectTimeoutMs: 5_000 }),
        redisAcceptsToken: (endpoint, token) => redisAcceptsToken(endpoint, token, { ca: options.caPem }),
        clock,
        env: options.env ?? {},
        log: (line) => log.push(line),
    };
    return { secrets, clock, group, log, handler: createHandler(deps) };
}
