// A throwaway PostgreSQL cluster for one test file: TLS on (test CA), connections over TCP only
// with TLS and a password (like RDS with rds.force_ssl), a superuser reachable over the cluster's
// private Unix socket for the tests' own checks, and "master", a CREATEROLE/CREATEDB role that
// owns the application database and is NOT a superuser, as RDS's master user is not.
import { execFileSync } from "child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "fs";
import { createServer } from "net";
import * as os from "os";
import * as path from "path";
import { Client } from "pg";
import { makeTestPki } from "./testPki";

const INSTALL_ROOT = "/usr/lib/postgresql";

/** The newest server found under /usr/lib/postgresql/<major>/bin, or PG_BIN when set. */
export function findPostgresBin(): string {
    if (process.env.PG_BIN) {
        return process.env.PG_BIN;
    }
    const majors = existsSync(INSTALL_ROOT)
        ? readdirSync(INSTALL_ROOT).filter((major) => existsSync(path.join(INSTALL_ROOT, major, "bin", "initdb")))
        : [];
    if (majors.length === 0) {
        throw new Error(`no PostgreSQL server under ${INSTALL_ROOT}/*/bin (install the distribution's postgresql package, as .ci/run does)`);
    }
    majors.sort((a, b) => Number(b) - Number(a));
    return path.join(INSTALL_ROOT, majors[0], "bin");
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

/** PostgreSQL refuses to run as root; when the tests do, the cluster runs as "postgres" (or "nobody"). */
function serverAccount(): { uid: number; gid: number } | undefined {
    if (process.getuid?.() !== 0) {
        return undefined;
    }
    for (const name of ["postgres", "nobody"]) {
        try {
            const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
            const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
            return { uid, gid };
        } catch {
            // try the next account
        }
    }
    throw new Error("running as root and neither a postgres nor a nobody account exists to run PostgreSQL");
}

export interface TestPostgres {
    host: "localhost";
    port: number;
    database: string;
    master: { user: string; password: string };
    caPem: string;
    /** Superuser over the Unix socket: for the tests' own inspection and setup only. */
    superuser(database?: string): Promise<Client>;
    serverLog(): string;
    stop(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
    const bin = findPostgresBin();
    const account = serverAccount();
    const dir = mkdtempSync(path.join(os.tmpdir(), "platform-pg-"));
    const asServer = account ? { uid: account.uid, gid: account.gid } : {};
    if (account) {
        chownSync(dir, account.uid, account.gid);
    }
    const pki = makeTestPki(dir, account);
    const dataDir = path.join(dir, "data");
    const logFile = path.join(dir, "server.log");
    const port = await freePort();
    const run = (tool: string, args: string[]): void => {
        execFileSync(path.join(bin, tool), args, { ...asServer, cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    };
    run("initdb", ["-D", dataDir, "-U", "super", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    writeFileSync(
        path.join(dataDir, "pg_hba.conf"),
        ["local all super trust", "hostssl all all 127.0.0.1/32 scram-sha-256", "hostssl all all ::1/128 scram-sha-256", ""].join("\n"),
    );
    appendFileSync(
        path.join(dataDir, "postgresql.conf"),
        [
            "listen_addresses = 'localhost'",
            `port = ${port}`,
            `unix_socket_directories = '${dir}'`,
            "ssl = on",
            `ssl_cert_file = '${pki.certPath}'`,
            `ssl_key_file = '${pki.keyPath}'`,
            "ssl_min_protocol_version = 'TLSv1.2'",
            "password_encryption = 'scram-sha-256'",
            // As the RDS parameter group does: DDL is logged, so a password sent in clear would be too.
            "log_statement = 'ddl'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "shared_buffers = '16MB'",
            "max_connections = 40",
            "",
        ].join("\n"),
    );
    if (account) {
        for (const file of ["pg_hba.conf", "postgresql.conf"]) {
            chownSync(path.join(dataDir, file), account.uid, account.gid);
        }
    }
    run("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]);

    const superuser = async (database = "postgres"): Promise<Client> => {
        const client = new Client({ host: dir, port, user: "super", database });
        await client.connect();
        return client;
    };
    const master = { user: "master", password: "master-Pa55word-for-tests-only" };
    const database = "appdb";
    const setup = await superuser();
    try {
        await setup.query(`CREATE ROLE master LOGIN CREATEROLE CREATEDB PASSWORD '${master.password}'`);
        await setup.query(`CREATE DATABASE ${database} OWNER master`);
    } finally {
        await setup.end();
    }
    return {
        host: "localhost",
        port,
        database,
        master,
        caPem: pki.caPem,
        superuser,
        serverLog: () => readFileSync(logFile, "utf8"),
        stop: () => {
            try {
                run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        },
    };
}
