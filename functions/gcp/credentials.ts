// The credentials job's entry point (`node /code/index.js [bootstrap|rotate]` in a Cloud Run job):
// reads CREDENTIALS_CONFIG, does the work with the real Secret Manager and PostgreSQL, prints a
// summary without values and exits non-zero on failure, so the execution (and the deployment
// waiting for it, or Cloud Scheduler's attempt) fails visibly.

import { systemClock, verifiedTlsConnector } from "../postgresRoles";
import { parseAction, parseJobConfig } from "./config";
import { JobDeps, JobSummary, runJob } from "./job";
import { Fetch, metadataTokenSource, restSecretManager } from "./secretManager";

/** Kept back from the task timeout (TASK_TIMEOUT_SECONDS) to report a clear error instead of being killed. */
const DEADLINE_MARGIN_MS = 30_000;
const DEFAULT_TIMEOUT_SECONDS = 900;

export function gcpDependencies(env: NodeJS.ProcessEnv = process.env, fetchImpl: Fetch = fetch as unknown as Fetch): JobDeps {
    const timeoutSeconds = Number(env.TASK_TIMEOUT_SECONDS) || DEFAULT_TIMEOUT_SECONDS;
    return {
        secrets: restSecretManager(fetchImpl, metadataTokenSource(fetchImpl)),
        connectPg: (ca) => verifiedTlsConnector({ ca }),
        clock: systemClock,
        log: (line) => console.log(line),
        deadline: systemClock.now() + Math.max(timeoutSeconds * 1000 - DEADLINE_MARGIN_MS, 10_000),
    };
}

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env, deps: JobDeps = gcpDependencies(env)): Promise<JobSummary> {
    const action = parseAction(argv[0]);
    const config = parseJobConfig(env.CREDENTIALS_CONFIG);
    const summary = await runJob(deps, action, config);
    // One structured line: Cloud Logging parses it into jsonPayload.
    console.log(JSON.stringify({ severity: "INFO", message: `credentials ${action} done`, summary }));
    return summary;
}

if (require.main === module) {
    main().then(
        () => process.exit(0),
        (error: unknown) => {
            console.error(JSON.stringify({ severity: "ERROR", message: error instanceof Error ? error.message : String(error) }));
            process.exit(1);
        },
    );
}
