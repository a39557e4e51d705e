// What a VM needs to produce the application contract itself: the config platform-env.py reads
// (secret references and plain values, never secret values) and the script's source. Shared by
// every cloud's VM runtime; only the secret reader command differs between clouds.

import { readFileSync } from "fs";
import { join } from "path";
import { POSTGRES_CA_FILE } from "../contract";

export interface ServiceEnvironmentConfig {
    /** The cloud CLI call printing a secret's current value; "{ref}" stands for the reference. */
    secretReader: string[];
    database: {
        /** JSON {username, password, host, port, dbname}: the application's own role. */
        secret: string;
        /** JSON list of read replica hosts, when the tier has replicas. */
        replicasSecret?: string;
        rootCert: string;
        /**
         * The connection pool in front of the primary, when pooling is on: DATABASE_URL, PGHOST and
         * PGPORT name it instead of the secret's host and port (read replicas are reached directly).
         * Known when the platform is planned, so it is config, not a secret.
         */
        pool?: { host: string; port: number };
    };
    /**
     * JSON {host, port, password, tls, cluster}; `rootCert`, where the cache's certificate
     * chains to a private CA, is the CA file REDIS_URL names.
     */
    cache: {
        secret: string;
        rootCert?: string;
        /** When the secret says `"auth": "iam"`: the command printing an access token, the password. */
        tokenReader?: string[];
    };
    /** Contract variable -> reference of a secret whose whole value is the variable's value. */
    secrets: Record<string, string>;
    /** Contract variables known when the platform is planned. */
    plain: Record<string, string>;
}

/** Where the config and the environment file live on the host (root-only). */
export const PLATFORM_DIR = "/etc/platform";
export const CERTS_DIR = "/etc/platform/certs";
export { POSTGRES_CA_FILE };

/** The source of platform-env, installed on every instance. */
export const PLATFORM_ENV_SCRIPT = readFileSync(join(__dirname, "platform-env.py"), "utf8");
