// The GCP credentials job against a real PostgreSQL (the server binaries on this machine), with
// TLS verified against a test CA and a non-superuser administrator like Cloud SQL's `postgres`.
// Secret Manager and the metadata server are the in-memory fake behind `fetch`; the job's REST
// client, its configuration and everything PostgreSQL does here are real.
import { expect } from "chai";
import { checkLogin, PgLogin, verifiedTlsConnector } from "../../functions/postgresRoles";
import { main } from "../../functions/gcp/credentials";
import { JobDeps, JobSummary } from "../../functions/gcp/job";
import { metadataTokenSource, restSecretManager } from "../../functions/gcp/secretManager";
import { FakeClock } from "./helpers/fakeElastiCache";
import { FakeGcpSecretManager } from "./helpers/fakeGcpSecretManager";
import { startPostgres, TestPostgres } from "./helpers/postgresCluster";

const PROJECT = "projects/acme-platform/secrets";
const MASTER = `${PROJECT}/platform-prod-db-master`;
const APP = `${PROJECT}/platform-prod-db-app`;
const JWT = `${PROJECT}/platform-prod-jwt-secret`;
const API = `${PROJECT}/platform-prod-api-key`;
const OWNER = "ideation";

interface AppSecret {
    engine: string;
    host: string;
    port: number;
    dbname: string;
    username: string;
    password: string;
    owner: string;
    mastersecret: string;
}

describe("GCP credentials job on a real PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    const clock = new FakeClock();
    let sm: FakeGcpSecretManager;
    let log: string[];
    const issued = new Set<string>();

    const config = (overrides: { masterSecret?: string; appSecret?: string } = {}) => ({
        database: {
            host: "localhost",
            port: pg.port,
            dbname: pg.database,
            owner: OWNER,
            extensions: ["uuid-ossp", "pg_trgm"],
            masterSecret: overrides.masterSecret ?? MASTER,
            masterUser: pg.master.user,
            appSecret: overrides.appSecret ?? APP,
            caPem: pg.caPem,
        },
        generated: [
            { secret: JWT, length: 64 },
            { secret: API, length: 40 },
        ],
        rotationDays: 30,
    });
    const deps = (): JobDeps => ({
        secrets: restSecretManager(sm.fetch, metadataTokenSource(sm.fetch, () => clock.now())),
        connectPg: (ca) => verifiedTlsConnector({ ca, connectTimeoutMs: 5_000 }),
        clock,
        log: (line) => log.push(line),
        deadline: clock.now() + 600_000,
    });
    const run = (action: string, extra: Parameters<typeof config>[0] = {}): Promise<JobSummary> =>
        main([action], { CREDENTIALS_CONFIG: JSON.stringify(config(extra)) }, deps());
    const appSecret = (secret = APP): AppSecret => {
        const text = sm.latest(secret);
        expect(text, `latest version of ${secret}`).to.be.a("string");
        const parsed = JSON.parse(text!) as AppSecret;
        issued.add(parsed.password);
        return parsed;
    };
    const endpoint = () => ({ host: "localhost", port: pg.port, database: pg.database });
    const logsIn = (login: PgLogin) => checkLogin(verifiedTlsConnector({ ca: pg.caPem }), endpoint(), login, OWNER);
    const refused = async (login: PgLogin): Promise<string | undefined> =>
        logsIn(login).then(
            () => undefined,
            (error: { code?: string }) => error.code,
        );

    let first: JobSummary;
    let firstLogin: AppSecret;

    before(async () => {
        pg = await startPostgres();
        sm = new FakeGcpSecretManager(() => clock.now());
        log = [];
        // Cloud SQL's master secret holds the bare password of the built-in administrator.
        sm.create(MASTER, pg.master.password);
        for (const secret of [APP, JWT, API]) sm.create(secret);
        first = await run("bootstrap");
        firstLogin = appSecret();
    });

    after(() => pg?.stop());

    it("bootstraps the roles and writes the first login of the blue role", async () => {
        expect(first.database?.secret).to.equal("created");
        expect(first.database?.loginRoles).to.deep.equal(["ideation_blue", "ideation_green"]);
        expect(firstLogin).to.include({ engine: "postgres", host: "localhost", port: pg.port, dbname: pg.database, username: "ideation_blue", owner: OWNER, mastersecret: MASTER });
        expect(firstLogin.password).to.have.length(40);
        const identity = await logsIn({ user: firstLogin.username, password: firstLogin.password });
        expect(identity).to.deep.equal({ currentUser: OWNER, sessionUser: "ideation_blue" });
    });

    it("generates JWT_SECRET (64 characters) and API_KEY (40) once, letters and digits only", () => {
        expect(sm.history(JWT)).to.have.length(1);
        expect(sm.history(API)).to.have.length(1);
        expect(sm.latest(JWT)).to.match(/^[A-Za-z0-9]{64}$/);
        expect(sm.latest(API)).to.match(/^[A-Za-z0-9]{40}$/);
        expect(first.generated).to.deep.equal([
            { secret: JWT, outcome: "created" },
            { secret: API, outcome: "created" },
        ]);
    });

    it("a second bootstrap changes nothing and adds no version", async () => {
        const again = await run("bootstrap");
        expect(again.database?.secret).to.equal("unchanged");
        expect(again.database?.changes).to.deep.equal([]);
        expect(again.generated?.map((entry) => entry.outcome)).to.deep.equal(["unchanged", "unchanged"]);
        expect(sm.history(APP)).to.have.length(1);
        expect(sm.history(JWT)).to.have.length(1);
    });

    it("restores the secret's password when the role's was changed behind its back", async () => {
        const superuser = await pg.superuser(pg.database);
        await superuser.query("ALTER ROLE ideation_blue PASSWORD 'changed-by-hand-0000000000'");
        await superuser.end();
        expect(await refused({ user: firstLogin.username, password: firstLogin.password })).to.equal("28P01");
        const repaired = await run("bootstrap");
        expect(repaired.database?.changes).to.deep.equal(["restored the password of ideation_blue from the secret"]);
        expect(repaired.database?.secret).to.equal("unchanged");
        await logsIn({ user: firstLogin.username, password: firstLogin.password });
    });

    it("rotation gives the idle green role a new password; the blue login keeps working", async () => {
        const rotated = await run("rotate");
        expect(rotated.database?.secret).to.equal("rotated");
        expect(rotated.generated, "generated secrets are never rotated").to.equal(undefined);
        const second = appSecret();
        expect(sm.history(APP)).to.have.length(2);
        expect(second.username).to.equal("ideation_green");
        expect(second.password).to.have.length(40).and.not.equal(firstLogin.password);
        expect(second).to.include({ host: firstLogin.host, port: firstLogin.port, dbname: firstLogin.dbname, owner: OWNER });
        await logsIn({ user: second.username, password: second.password });
        await logsIn({ user: firstLogin.username, password: firstLogin.password });
        expect(sm.history(JWT)).to.have.length(1);
    });

    it("the next rotation changes blue again, and green's login stays valid", async () => {
        const green = appSecret();
        await run("rotate");
        const third = appSecret();
        expect(sm.history(APP)).to.have.length(3);
        expect(third.username).to.equal("ideation_blue");
        expect(third.password).to.not.equal(firstLogin.password);
        await logsIn({ user: third.username, password: third.password });
        await logsIn({ user: green.username, password: green.password });
        expect(await refused({ user: firstLogin.username, password: firstLogin.password })).to.equal("28P01");
    });

    it("the daily schedule rotates only once the login is 30 days old", async () => {
        const versions = sm.history(APP).length;
        expect((await run("rotate-if-due")).database?.secret).to.equal("not due");
        await clock.sleep(29 * 86_400_000);
        expect((await run("rotate-if-due")).database?.secret).to.equal("not due");
        expect(sm.history(APP)).to.have.length(versions);
        await clock.sleep(86_400_000);
        const due = await run("rotate-if-due");
        expect(due.database?.secret).to.equal("rotated");
        expect(sm.history(APP)).to.have.length(versions + 1);
        const latest = appSecret();
        await logsIn({ user: latest.username, password: latest.password });
        expect((await run("rotate-if-due")).database?.secret).to.equal("not due");
    });

    it("never logs a password", () => {
        expect(issued.size).to.be.greaterThan(2);
        for (const password of [...issued, pg.master.password, sm.latest(JWT)!, sm.latest(API)!]) {
            expect(log.join("\n")).to.not.include(password);
        }
    });

    it("reuses the metadata server's token instead of asking for one per call", () => {
        // One token per job run (each run builds its own client), not one per Secret Manager call.
        const secretCalls = sm.requests.filter((request) => request.url.startsWith("https://secretmanager.googleapis.com/")).length;
        expect(secretCalls).to.be.greaterThan(sm.tokenRequests * 3);
    });

    it("accepts a master secret holding JSON {username, password}", async () => {
        const json = `${PROJECT}/json-master`;
        const otherApp = `${PROJECT}/json-app`;
        sm.create(json, JSON.stringify({ username: pg.master.user, password: pg.master.password }));
        sm.create(otherApp);
        const summary = await run("bootstrap", { masterSecret: json, appSecret: otherApp });
        // The roles exist already: the new secret still gets a login of its own.
        expect(summary.database?.secret).to.equal("created");
        expect(appSecret(otherApp).username).to.equal("ideation_blue");
    });

    it("rotation before any bootstrap fails and says why", async () => {
        const empty = `${PROJECT}/never-bootstrapped`;
        sm.create(empty);
        const error = await run("rotate", { appSecret: empty }).catch((failure: Error) => failure);
        expect((error as Error).message).to.equal(`secret ${empty} has no version to rotate; the bootstrap has not run`);
    });

    it("retries an administrator that cannot log in yet, re-reading its secret", async () => {
        const pending = `${PROJECT}/pending-master`;
        sm.create(pending, "not-the-password-yet");
        const job = deps();
        const secrets = job.secrets;
        let reads = 0;
        // The user gets its password while the job waits: the second read finds it.
        job.secrets = {
            ...secrets,
            latest: async (secret) => (secret === pending && ++reads === 2 ? pg.master.password : secrets.latest(secret)),
        };
        const started = clock.now();
        const summary = await main(["bootstrap"], { CREDENTIALS_CONFIG: JSON.stringify(config({ masterSecret: pending })) }, job);
        // Updated only because the login now names this administrator's secret.
        expect(summary.database?.secret).to.equal("updated");
        expect(appSecret().mastersecret).to.equal(pending);
        expect(clock.now() - started).to.equal(10_000);
        expect(log).to.include(`the administrator ${pg.master.user} cannot log in yet; trying again in 10 s`);
    });

    it("gives up on a refused administrator after three minutes", async () => {
        const wrong = `${PROJECT}/wrong-master`;
        sm.create(wrong, "never-the-password");
        const started = clock.now();
        const error = await main(["bootstrap"], { CREDENTIALS_CONFIG: JSON.stringify(config({ masterSecret: wrong })) }, deps()).catch((failure: { code?: string }) => failure);
        expect((error as { code?: string }).code).to.equal("28P01");
        expect(clock.now() - started).to.be.within(170_000, 180_000);
    });

    it("waits for the master secret's first version for two minutes, then fails", async () => {
        const late = `${PROJECT}/late-master`;
        sm.create(late);
        const started = clock.now();
        const error = await main(["bootstrap"], { CREDENTIALS_CONFIG: JSON.stringify(config({ masterSecret: late })) }, deps()).catch((failure: Error) => failure);
        expect((error as Error).message).to.equal(`master secret ${late} has no version`);
        expect(clock.now() - started).to.be.within(115_000, 120_000);
    });
});
