// The credentials function against a real PostgreSQL (the server binaries on this machine), with
// TLS verified against a test CA and a non-superuser administrator like RDS's master user. Secrets
// Manager is the in-memory fake; everything PostgreSQL does here is real.
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { Client } from "pg";
import { bundleFunction } from "../../functions/bundle";
import { checkLogin, PgLogin, verifiedTlsConnector } from "../../functions/postgresRoles";
import { TestWiring, wire } from "./helpers/deps";
import { runBundledLambda } from "./helpers/lambdaRunner";
import { startPostgres, TestPostgres } from "./helpers/postgresCluster";

const MASTER_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf";
const APP_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/db/app-AbCdEf";
const OWNER = "ideation";
const INSUFFICIENT_PRIVILEGE = "42501";

interface AppSecret {
    engine: string;
    host: string;
    port: number;
    dbname: string;
    username: string;
    password: string;
    owner: string;
    masterarn: string;
}

describe("application roles and rotation on a real PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let t: TestWiring;
    let firstBootstrap: Record<string, unknown>;
    const issuedPasswords = new Set<string>();

    const payload = (host = "localhost") => ({
        action: "bootstrap",
        database: { host, port: pg.port, dbname: pg.database, masterSecretArn: MASTER_ARN, appSecretArn: APP_ARN, owner: OWNER, extensions: ["uuid-ossp", "pg_trgm"] },
    });
    const secretAt = (stage: string): AppSecret => {
        const text = t.secrets.valueAt(APP_ARN, stage);
        expect(text, `${stage} version`).to.be.a("string");
        const secret = JSON.parse(text!) as AppSecret;
        issuedPasswords.add(secret.password);
        return secret;
    };
    const endpoint = () => ({ host: pg.host, port: pg.port, database: pg.database });
    const connect = (login: PgLogin): Promise<Client> => verifiedTlsConnector({ ca: pg.caPem })(endpoint(), login);
    const asApp = (secret: AppSecret) => connect({ user: secret.username, password: secret.password });
    async function expectDenied(client: Client, sql: string): Promise<void> {
        const error = await client.query(sql).then(
            () => undefined,
            (failure: { code?: string }) => failure,
        );
        expect(error?.code, sql).to.equal(INSUFFICIENT_PRIVILEGE);
    }
    async function superQuery(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
        const client = await pg.superuser(pg.database);
        try {
            return (await client.query(sql, params)).rows;
        } finally {
            await client.end();
        }
    }

    before(async () => {
        pg = await startPostgres();
        t = wire({ caPem: pg.caPem, env: { APP_DB_SECRET_ARN: APP_ARN } });
        t.secrets.create(MASTER_ARN, { value: JSON.stringify({ username: pg.master.user, password: pg.master.password }) });
        t.secrets.create(APP_ARN, { rotationEnabled: true });
        const admin = await connect(pg.master);
        await admin.query("CREATE SCHEMA audit; CREATE TABLE audit.events (id int); INSERT INTO audit.events VALUES (1)");
        await admin.end();
        firstBootstrap = (await t.handler(payload())) as Record<string, unknown>;
    });

    after(() => pg?.stop());

    it("creates a NOLOGIN owner and two login roles that can do nothing but log in and become the owner", async () => {
        const roles = await superQuery(
            `SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolinherit
               FROM pg_roles WHERE rolname LIKE 'ideation%' ORDER BY rolname`,
        );
        const restricted = { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false };
        expect(roles).to.deep.equal([
            { rolname: "ideation", rolcanlogin: false, rolinherit: true, ...restricted },
            { rolname: "ideation_blue", rolcanlogin: true, rolinherit: false, ...restricted },
            { rolname: "ideation_green", rolcanlogin: true, rolinherit: false, ...restricted },
        ]);
        const members = await superQuery(
            `SELECT u.rolname AS member FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
              WHERE r.rolname = 'ideation' ORDER BY 1`,
        );
        expect(members.map((row) => row.member)).to.deep.equal(["ideation_blue", "ideation_green", "master"]);
        const settings = await superQuery(
            "SELECT setrole::regrole::text AS role, setconfig FROM pg_db_role_setting WHERE setdatabase = 0 ORDER BY 1",
        );
        expect(settings).to.deep.equal([
            { role: "ideation_blue", setconfig: ["role=ideation", "search_path=ideation, public"] },
            { role: "ideation_green", setconfig: ["role=ideation", "search_path=ideation, public"] },
        ]);
    });

    it("stores the first credentials as AWSCURRENT and reports what it did without any secret value", () => {
        const secret = secretAt("AWSCURRENT");
        expect(secret).to.deep.include({ engine: "postgres", host: "localhost", port: pg.port, dbname: "appdb", username: "ideation_blue", owner: OWNER, masterarn: MASTER_ARN });
        expect(secret.password).to.match(/^[A-Za-z0-9]{40}$/);
        const summary = JSON.stringify(firstBootstrap);
        expect(summary).not.to.contain(secret.password);
        expect(summary).not.to.contain(pg.master.password);
        const database = firstBootstrap.database as { secret: string; changes: string[] };
        expect(database.secret).to.equal("created");
        expect(database.changes).to.include.members(["created role ideation", "created schema ideation", "created extension uuid-ossp", "created extension pg_trgm"]);
    });

    it("lets the application log in only over TLS that chains to the trusted CA", async () => {
        const secret = secretAt("AWSCURRENT");
        const identity = await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), { user: secret.username, password: secret.password }, OWNER);
        expect(identity).to.deep.equal({ currentUser: "ideation", sessionUser: "ideation_blue" });

        const untrusted = await verifiedTlsConnector()(endpoint(), { user: secret.username, password: secret.password }).then(
            (client) => client.end().then(() => undefined),
            (error: Error) => error,
        );
        expect(untrusted?.message).to.match(/certificate/);
        const plain = new Client({ ...endpoint(), user: secret.username, password: secret.password, ssl: false });
        const refused = await plain.connect().then(
            () => plain.end().then(() => undefined),
            (error: { code?: string }) => error,
        );
        expect(refused?.code).to.equal("28000");
    });

    it("puts what the application creates in its own schema, owned by the owner, with the extensions usable", async () => {
        const app = await asApp(secretAt("AWSCURRENT"));
        try {
            await app.query("CREATE TABLE ideas (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), title text NOT NULL)");
            await app.query("INSERT INTO ideas (title) VALUES ('solar kiosk')");
            const { rows } = await app.query("SELECT similarity(title, 'solar kiosks') > 0.5 AS close FROM ideas");
            expect(rows).to.deep.equal([{ close: true }]);
        } finally {
            await app.end();
        }
        expect(await superQuery("SELECT schemaname, tableowner FROM pg_tables WHERE tablename = 'ideas'")).to.deep.equal([
            { schemaname: "ideation", tableowner: "ideation" },
        ]);
        const extensions = await superQuery("SELECT extname, extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1");
        expect(extensions).to.deep.equal([
            { extname: "pg_trgm", schema: "public" },
            { extname: "uuid-ossp", schema: "public" },
        ]);
    });

    it("gives the application no way out of its schema", async () => {
        const app = await asApp(secretAt("AWSCURRENT"));
        try {
            await expectDenied(app, "CREATE DATABASE other");
            await expectDenied(app, "CREATE ROLE intruder LOGIN");
            await expectDenied(app, "CREATE SCHEMA other");
            await expectDenied(app, "CREATE TABLE public.stray (id int)");
            await expectDenied(app, "SELECT * FROM audit.events");
            await expectDenied(app, "SET ROLE master");
            // Dropping back to the login role leaves no privilege at all (NOINHERIT): nothing can be
            // created that the owner would not own.
            await app.query("SET ROLE NONE");
            await expectDenied(app, "CREATE TABLE stray (id int)");
            // Connection poolers' DISCARD ALL returns to the login defaults, i.e. to the owner.
            await app.query("DISCARD ALL");
            const { rows } = await app.query("SELECT current_user AS role");
            expect(rows).to.deep.equal([{ role: "ideation" }]);
        } finally {
            await app.end();
        }
    });

    async function catalogSnapshot(): Promise<unknown> {
        const [row] = await superQuery(`
            SELECT json_build_object(
              'roles', (SELECT json_agg(row_to_json(a) ORDER BY a.rolname) FROM (
                  SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolpassword
                    FROM pg_authid WHERE rolname LIKE 'ideation%') a),
              'members', (SELECT json_agg(json_build_array(roleid::regrole::text, member::regrole::text, admin_option) ORDER BY 1, 2) FROM pg_auth_members),
              'settings', (SELECT json_agg(json_build_array(setrole::regrole::text, setconfig) ORDER BY 1) FROM pg_db_role_setting),
              'schemas', (SELECT json_agg(json_build_array(nspname, nspowner::regrole::text, nspacl::text) ORDER BY nspname) FROM pg_namespace),
              'database', (SELECT datacl::text FROM pg_database WHERE datname = 'appdb'),
              'extensions', (SELECT json_agg(json_build_array(extname, extversion) ORDER BY extname) FROM pg_extension)
            ) AS snapshot`);
        return row.snapshot;
    }

    it("changes nothing when the bootstrap runs again (no password reset, no new secret version)", async () => {
        const catalog = await catalogSnapshot();
        const stages = t.secrets.stagesOf(APP_ARN);
        const again = (await t.handler(payload())) as { database: { changes: string[]; secret: string } };
        expect(again.database).to.deep.include({ changes: [], secret: "unchanged" });
        expect(await catalogSnapshot()).to.deep.equal(catalog);
        expect(t.secrets.stagesOf(APP_ARN)).to.deep.equal(stages);
    });

    it("rotates to the other login role and leaves the previous credentials working", async () => {
        const before = secretAt("AWSCURRENT");
        await t.secrets.rotate(APP_ARN, (event) => t.handler(event));
        const current = secretAt("AWSCURRENT");
        const previous = secretAt("AWSPREVIOUS");
        expect(previous).to.deep.equal(before);
        expect(current).to.deep.include({ username: "ideation_green", host: before.host, owner: OWNER });
        expect(current.password).to.match(/^[A-Za-z0-9]{40}$/).and.not.equal(before.password);
        expect(t.secrets.valueAt(APP_ARN, "AWSPENDING")).to.equal(undefined);

        const newLogin = await asApp(current);
        const oldLogin = await asApp(previous);
        try {
            await newLogin.query("CREATE TABLE votes (idea uuid NOT NULL, voter text NOT NULL)");
            // A migration run by an instance still on the previous credentials.
            await oldLogin.query("ALTER TABLE votes ADD COLUMN cast_at timestamptz NOT NULL DEFAULT now()");
            await oldLogin.query("CREATE INDEX ideas_title_trgm ON ideas USING gin (title gin_trgm_ops)");
            await newLogin.query("ALTER TABLE ideas ADD COLUMN score int");
        } finally {
            await newLogin.end();
            await oldLogin.end();
        }
        expect(await superQuery("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'ideation' ORDER BY 1")).to.deep.equal([
            { tablename: "ideas", tableowner: "ideation" },
            { tablename: "votes", tableowner: "ideation" },
        ]);
    });

    it("goes back to the first login role on the next rotation, which is when its old password stops working", async () => {
        const green = secretAt("AWSCURRENT");
        const oldBlue = secretAt("AWSPREVIOUS");
        await t.secrets.rotate(APP_ARN, (event) => t.handler(event));
        const blue = secretAt("AWSCURRENT");
        expect(blue.username).to.equal("ideation_blue");
        expect(secretAt("AWSPREVIOUS")).to.deep.equal(green);
        await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), { user: green.username, password: green.password }, OWNER);
        await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), { user: blue.username, password: blue.password }, OWNER);
        const stale = await asApp(oldBlue).then(
            (client) => client.end().then(() => undefined),
            (error: { code?: string }) => error,
        );
        expect(stale?.code).to.equal("28P01");
    });

    it("refuses to change the password of the login role in use, whatever the pending version says", async () => {
        const current = secretAt("AWSCURRENT");
        const token = t.secrets.startRotation(APP_ARN);
        await t.secrets.putSecretValue({
            SecretId: APP_ARN,
            ClientRequestToken: token,
            SecretString: JSON.stringify({ ...current, password: "Hijacked0000000000000000000000000000000" }),
            VersionStages: ["AWSPENDING"],
        });
        const error = await t.handler({ SecretId: APP_ARN, ClientRequestToken: token, Step: "setSecret" }).then(
            () => undefined,
            (failure: Error) => failure,
        );
        expect(error?.message).to.match(/only the login role not in use \(ideation_green\)/);
        await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), { user: current.username, password: current.password }, OWNER);
        await t.secrets.updateSecretVersionStage({ SecretId: APP_ARN, VersionStage: "AWSPENDING", RemoveFromVersionId: token });
    });

    it("gives a role that lost its password (rebuilt database) the one the instances already hold", async () => {
        const current = secretAt("AWSCURRENT");
        await superQuery(`ALTER ROLE ${current.username} PASSWORD NULL`);
        const result = (await t.handler(payload())) as { database: { changes: string[]; secret: string } };
        expect(result.database).to.deep.equal({
            owner: OWNER,
            loginRoles: ["ideation_blue", "ideation_green"],
            changes: [`restored the password of ${current.username} from the secret`],
            secret: "unchanged",
        });
        await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), { user: current.username, password: current.password }, OWNER);
    });

    it("keeps the credentials and records the new endpoint when the database address changes", async () => {
        const before = secretAt("AWSCURRENT");
        const result = (await t.handler(payload("127.0.0.1"))) as { database: { secret: string } };
        expect(result.database.secret).to.equal("updated");
        const after = secretAt("AWSCURRENT");
        expect(after).to.deep.equal({ ...before, host: "127.0.0.1" });
        expect(secretAt("AWSPREVIOUS")).to.deep.equal(before);
        await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), { host: "127.0.0.1", port: pg.port, database: pg.database }, { user: after.username, password: after.password }, OWNER);
    });

    it("works as bundled for Lambda, trusting the database's CA through NODE_EXTRA_CA_CERTS only", async () => {
        const setup = await pg.superuser();
        await setup.query("CREATE DATABASE lmsdb OWNER master");
        await setup.end();
        const dir = mkdtempSync(path.join(os.tmpdir(), "platform-lambda-"));
        try {
            const caPath = path.join(dir, "ca-cert.pem");
            writeFileSync(caPath, pg.caPem);
            const lmsSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:lms/db/app-AbCdEf";
            const event = {
                action: "bootstrap",
                database: { host: pg.host, port: pg.port, dbname: "lmsdb", masterSecretArn: MASTER_ARN, appSecretArn: lmsSecret, owner: "lms", extensions: ["pg_trgm"] },
            };
            const values = { [MASTER_ARN]: JSON.stringify({ username: pg.master.user, password: pg.master.password }), [lmsSecret]: null };
            const bundle = bundleFunction("functions/aws/credentials.ts");

            const untrusting = await runBundledLambda(dir, bundle, event, values);
            expect(untrusting.ok).to.equal(false);
            expect(untrusting.error).to.match(/certificate/);

            const run = await runBundledLambda(dir, bundle, event, values, caPath);
            expect(run.error).to.equal(undefined);
            expect(run.result).to.deep.include({ action: "bootstrap" });
            const secret = JSON.parse(run.values![lmsSecret]!) as AppSecret;
            issuedPasswords.add(secret.password);
            expect(secret).to.deep.include({ username: "lms_blue", owner: "lms", dbname: "lmsdb" });
            const identity = await checkLogin(verifiedTlsConnector({ ca: pg.caPem }), { ...endpoint(), database: "lmsdb" }, { user: secret.username, password: secret.password }, "lms");
            expect(identity.currentUser).to.equal("lms");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("never sends a password in clear: the DDL log holds SCRAM verifiers only", () => {
        const log = pg.serverLog();
        expect(log).to.match(/ALTER ROLE "ideation_(blue|green)" PASSWORD 'SCRAM-SHA-256\$4096:/);
        expect(issuedPasswords.size).to.be.at.least(3);
        for (const password of issuedPasswords) {
            expect(log).not.to.contain(password);
        }
    });
});
