// The credentials Lambda: gives the application its own database roles and first secrets
// (`{"action": "bootstrap", ...}` from the deployment) and rotates the database and Redis
// credentials (Secrets Manager's `{SecretId, ClientRequestToken, Step}`).
//
// Bundled into one file with PostgreSQL's client inside; the AWS SDK v3 comes from the Lambda
// Node.js runtime and is reached only through the small interfaces below. TLS to RDS is verified
// against the CAs in NODE_EXTRA_CA_CERTS (the runtime's /var/runtime/ca-cert.pem holds Amazon RDS's).

import { systemClock, verifiedTlsConnector } from "../postgresRoles";
import { redisAcceptsToken } from "../redisAuth";
import { bootstrap, BootstrapSummary } from "./bootstrap";
import { CredentialsDeps, FunctionEnvironment } from "./dependencies";
import { ElastiCacheApi } from "./elastiCache";
import { isRotationEvent } from "./secretsManager";
import { rotate, RotationOutcome } from "./rotation";
import { SecretsManagerApi } from "./secretsManager";

export interface LambdaContext {
    getRemainingTimeInMillis?(): number;
}

/** Time kept back from the Lambda timeout to report a clear error instead of being killed. */
const DEADLINE_MARGIN_MS = 20_000;
const DEFAULT_BUDGET_MS = 600_000;

export type CredentialsResult = ({ action: "bootstrap" } & BootstrapSummary) | ({ action: "rotation" } & RotationOutcome);

export function createHandler(deps: CredentialsDeps): (event: unknown, context?: LambdaContext) => Promise<CredentialsResult> {
    return async (event, context) => {
        const budget = context?.getRemainingTimeInMillis?.() ?? DEFAULT_BUDGET_MS;
        const run = { ...deps, deadline: deps.clock.now() + Math.max(budget - DEADLINE_MARGIN_MS, 1_000) };
        if ((event as { action?: unknown } | undefined)?.action === "bootstrap") {
            return { action: "bootstrap", ...(await bootstrap(run, event)) };
        }
        if (isRotationEvent(event)) {
            return { action: "rotation", ...(await rotate(run, event)) };
        }
        throw new Error('unknown event: expected {"action": "bootstrap", ...} or a Secrets Manager rotation step');
    };
}

interface SdkClient {
    send(command: unknown): Promise<unknown>;
}
type SdkCommand = new (input: unknown) => unknown;
type SdkClientClass = new (config: object) => SdkClient;

function call<Input, Output>(client: SdkClient, sdk: Record<string, unknown>, command: string): (input: Input) => Promise<Output> {
    const Command = sdk[command] as SdkCommand;
    return (input) => client.send(new Command(input)) as Promise<Output>;
}

/** The real services, behind the same interfaces the tests fake. */
export function awsDependencies(env: NodeJS.ProcessEnv = process.env): CredentialsDeps {
    // Required here, not imported: the SDK exists only in the Lambda runtime, and tests never load it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const sm = require("@aws-sdk/client-secrets-manager") as Record<string, unknown>;
    const ec = require("@aws-sdk/client-elasticache") as Record<string, unknown>;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const secretsClient = new (sm.SecretsManagerClient as SdkClientClass)({});
    const cacheClient = new (ec.ElastiCacheClient as SdkClientClass)({});
    const secrets: SecretsManagerApi = {
        getSecretValue: call(secretsClient, sm, "GetSecretValueCommand"),
        putSecretValue: call(secretsClient, sm, "PutSecretValueCommand"),
        describeSecret: call(secretsClient, sm, "DescribeSecretCommand"),
        updateSecretVersionStage: call(secretsClient, sm, "UpdateSecretVersionStageCommand"),
    };
    const elastiCache: ElastiCacheApi = {
        describeReplicationGroups: call(cacheClient, ec, "DescribeReplicationGroupsCommand"),
        modifyReplicationGroup: call(cacheClient, ec, "ModifyReplicationGroupCommand"),
    };
    const functionEnv: FunctionEnvironment = {
        APP_DB_SECRET_ARN: env.APP_DB_SECRET_ARN,
        CACHE_SECRET_ARN: env.CACHE_SECRET_ARN,
        CACHE_REPLICATION_GROUP_ID: env.CACHE_REPLICATION_GROUP_ID,
    };
    return {
        secrets,
        elastiCache,
        connectPg: verifiedTlsConnector(),
        redisAcceptsToken: (endpoint, token) => redisAcceptsToken(endpoint, token),
        clock: systemClock,
        env: functionEnv,
        log: (line) => console.log(line),
    };
}

let awsHandler: ReturnType<typeof createHandler> | undefined;

/** The Lambda entry point (`index.handler` in the bundled archive). */
export async function handler(event: unknown, context?: LambdaContext): Promise<CredentialsResult> {
    awsHandler ??= createHandler(awsDependencies());
    return awsHandler(event, context);
}
