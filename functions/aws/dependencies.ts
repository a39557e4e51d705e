// Everything the credentials function talks to, injected: the Lambda entry wires the AWS SDK and
// real connections, tests wire in-memory services and a throwaway PostgreSQL.

import { Clock, PgConnect } from "../postgresRoles";
import { RedisAuthCheck } from "../redisAuth";
import { ElastiCacheApi } from "./elastiCache";
import { SecretsManagerApi } from "./secretsManager";

export interface FunctionEnvironment {
    /** The application's database secret, rotated by alternating login roles. */
    APP_DB_SECRET_ARN?: string;
    /** The Redis AUTH token secret, rotated with ElastiCache's ROTATE strategy. */
    CACHE_SECRET_ARN?: string;
    CACHE_REPLICATION_GROUP_ID?: string;
}

export interface CredentialsDeps {
    secrets: SecretsManagerApi;
    elastiCache: ElastiCacheApi;
    connectPg: PgConnect;
    redisAcceptsToken: RedisAuthCheck;
    clock: Clock;
    env: FunctionEnvironment;
    /** Progress lines for the function's log: names and ARNs, never a secret value. */
    log: (line: string) => void;
}

/** One invocation: the dependencies plus the moment by which it must be done. */
export interface Invocation extends CredentialsDeps {
    deadline: number;
}
