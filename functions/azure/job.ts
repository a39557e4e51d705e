// The credentials job's entry point in its container: Node's own fetch for Key Vault and the
// managed-identity token, PostgreSQL's client bundled in (functions/bundle.ts). TLS to the
// flexible server is verified against Node's bundled roots, which hold the CAs Azure's
// PostgreSQL certificates chain to (DigiCert Global Root G2, Microsoft RSA Root CA 2017).

import { systemClock, verifiedTlsConnector } from "../postgresRoles";
import { configFromEnv, runJob } from "./credentials";
import { Fetch, managedIdentityTokens, restKeyVault } from "./keyVault";

/** Rotation is checked hourly: due at 30 days, it happens within the hour. */
const CHECK_EVERY_MS = 3_600_000;
/** New role assignments take minutes to reach Key Vault, a new server as long to accept logins. */
const RETRY_EVERY_MS = 60_000;

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const config = configFromEnv(env);
    const vaultUrl = env.KEY_VAULT_URL;
    const clientId = env.AZURE_CLIENT_ID;
    if (!vaultUrl || !clientId) {
        throw new Error("credentials job: KEY_VAULT_URL and AZURE_CLIENT_ID are required");
    }
    const fetchImpl = fetch as unknown as Fetch;
    const vault = restKeyVault(vaultUrl, managedIdentityTokens(clientId, fetchImpl), fetchImpl);
    await runJob(
        { vault, connectPg: verifiedTlsConnector(), clock: systemClock, log: (line) => console.log(line) },
        config,
        { checkEveryMs: CHECK_EVERY_MS, retryEveryMs: RETRY_EVERY_MS },
    );
}

if (require.main === module) {
    main().catch((error: Error) => {
        console.error(`credentials job stopped: ${error.message}`);
        process.exit(1);
    });
}
