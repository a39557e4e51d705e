// The Azure credentials job against a real PostgreSQL (TLS verified against a test CA, a
// non-superuser administrator like Azure's), with Key Vault faked in memory.
import { expect } from "chai";
import { builtinModules } from "module";
import { bundleFunction } from "../../functions/bundle";
import { bootstrap, configFromEnv, JobConfig, JobDeps, rotateIfDue, runJob } from "../../functions/azure/credentials";
import { checkLogin, verifiedTlsConnector } from "../../functions/postgresRoles";
import { FakeClock } from "./helpers/fakeElastiCache";
import { FakeKeyVault } from "./helpers/fakeKeyVault";
import { startPostgres, TestPostgres } from "./helpers/postgresCluster";

const DAY_MS = 86_400_000;
const OWNER = "ideation";

interface Login {
    username: string;
    password: string;
    owner: string;
    host: string;
}

describe("Azure credentials job on a real PostgreSQL", function () {
    this.timeout(120_000);
    let pg: TestPostgres;
    let clock: FakeClock;
    let vault: FakeKeyVault;
    let deps: JobDeps;
    let config: JobConfig;
    const log: string[] = [];

    const login = (): Login => JSON.parse(vault.current("db-app")!) as Login;
    const logsIn = (user: string, password: string) =>
        checkLogin(verifiedTlsConnector({ ca: pg.caPem }), { host: pg.host, port: pg.port, database: pg.database }, { user, password }, OWNER).then(
            () => true,
            () => false,
        );

    before(async () => {
        pg = await startPostgres();
        clock = new FakeClock();
        vault = new FakeKeyVault(clock);
        deps = { vault, connectPg: verifiedTlsConnector({ ca: pg.caPem, connectTimeoutMs: 5_000 }), clock, log: (line) => log.push(line) };
        config = configFromEnv({
            DB_HOST: pg.host,
            DB_PORT: String(pg.port),
            DB_NAME: pg.database,
            DB_ADMIN_USER: pg.master.user,
            DB_ADMIN_SECRET_NAME: "db-admin-password",
            DB_OWNER: OWNER,
            DB_EXTENSIONS: "uuid-ossp,pg_trgm",
            APP_DB_SECRET_NAME: "db-app",
            GENERATED_VAULT_ITEMS: JSON.stringify([
                { name: "jwt-secret", length: 64 },
                { name: "api-key", length: 40 },
            ]),
            ROTATION_DAYS: "30",
        });
        vault.put("db-admin-password", pg.master.password);
        // What the deployment creates: disabled placeholders the job's first versions replace.
        ["db-app", "jwt-secret", "api-key"].forEach((name) => vault.placeholder(name));
    });

    after(() => pg?.stop());

    it("retries the bootstrap until the administrator's secret can be read, then writes the first login as the blue role", async () => {
        const adminValue = vault.current("db-admin-password")!;
        const missing = new FakeKeyVault(clock);
        let attempts = 0;
        await runJob({ ...deps, vault: missing }, config, { checkEveryMs: DAY_MS, retryEveryMs: 60_000, keepRunning: () => ++attempts < 3 });
        expect(log.filter((line) => line.startsWith("bootstrap failed"))).to.have.length(3);
        expect(missing.writes).to.deep.equal([]);

        const summary = await bootstrap(deps, config);
        expect(summary.login).to.equal("created");
        expect(summary.changes).to.include.members(["created role ideation", "created role ideation_blue", "created role ideation_green", "created extension pg_trgm"]);
        const first = login();
        expect(first).to.deep.include({ username: "ideation_blue", owner: OWNER, host: pg.host });
        expect(first.password).to.match(/^[A-Za-z0-9]{40}$/);
        expect(await logsIn(first.username, first.password)).to.equal(true);
        expect(JSON.stringify(summary) + log.join("\n")).not.to.contain(first.password).and.not.to.contain(adminValue);
    });

    it("generates JWT_SECRET (64) and API_KEY (40) once, over the disabled placeholders", async () => {
        expect(vault.current("jwt-secret")).to.match(/^[A-Za-z0-9]{64}$/);
        expect(vault.current("api-key")).to.match(/^[A-Za-z0-9]{40}$/);
        const jwt = vault.current("jwt-secret");
        const writes = vault.writes.length;
        const again = await bootstrap(deps, config);
        expect(again).to.deep.equal({ changes: [], login: "unchanged", generated: { "jwt-secret": "unchanged", "api-key": "unchanged" } });
        expect(vault.writes.length).to.equal(writes);
        expect(vault.current("jwt-secret")).to.equal(jwt);
    });

    it("does not rotate before 30 days", async () => {
        await clock.sleep(29 * DAY_MS);
        expect(await rotateIfDue(deps, config)).to.equal("not due");
        expect(login().username).to.equal("ideation_blue");
    });

    it("at 30 days moves the login to the green role and leaves the blue one working", async () => {
        const before = login();
        await clock.sleep(DAY_MS);
        expect(await rotateIfDue(deps, config)).to.equal("now uses ideation_green");
        const after = login();
        expect(after.username).to.equal("ideation_green");
        expect(after.password).not.to.equal(before.password);
        expect(await logsIn(after.username, after.password)).to.equal(true);
        expect(await logsIn(before.username, before.password)).to.equal(true);
        expect(await rotateIfDue(deps, config)).to.equal("not due");
    });

    it("30 days later goes back to blue, which is when blue's old password stops working", async () => {
        const first = JSON.parse(vault.versions("db-app")[1].value) as Login;
        const green = login();
        await clock.sleep(30 * DAY_MS);
        await rotateIfDue(deps, config);
        const blue = login();
        expect(blue.username).to.equal("ideation_blue");
        expect(await logsIn(blue.username, blue.password)).to.equal(true);
        expect(await logsIn(green.username, green.password)).to.equal(true);
        expect(await logsIn(first.username, first.password)).to.equal(false);
    });

    it("gives a role that lost its password (restored server) the one the instances already hold", async () => {
        const current = login();
        const superuser = await pg.superuser();
        await superuser.query(`ALTER ROLE ${current.username} PASSWORD NULL`);
        await superuser.end();
        expect(await logsIn(current.username, current.password)).to.equal(false);
        const summary = await bootstrap(deps, config);
        expect(summary.changes).to.deep.equal([`restored the password of ${current.username} from the secret`]);
        expect(await logsIn(current.username, current.password)).to.equal(true);
    });
});

describe("Azure credentials job settings and bundle", () => {
    const env = {
        DB_HOST: "pg.postgres.database.azure.com",
        DB_PORT: "5432",
        DB_NAME: "app",
        DB_ADMIN_USER: "platformadmin",
        DB_ADMIN_SECRET_NAME: "db-admin-password",
        DB_OWNER: "app",
        APP_DB_SECRET_NAME: "db-app",
        GENERATED_VAULT_ITEMS: '[{"name":"jwt-secret","length":64}]',
        ROTATION_DAYS: "30",
    };

    it("reads its settings from the environment and names what is wrong", () => {
        expect(configFromEnv(env)).to.deep.include({ rotationDays: 30, generated: [{ name: "jwt-secret", length: 64 }] });
        expect(configFromEnv(env).database.extensions).to.deep.equal([]);
        expect(() => configFromEnv({ ...env, DB_PORT: "70000" })).to.throw(/DB_PORT .*1 to 65535/);
        expect(() => configFromEnv({ ...env, GENERATED_VAULT_ITEMS: '[{"name":"x","length":8}]' })).to.throw(/GENERATED_VAULT_ITEMS/);
        expect(() => configFromEnv({ ...env, DB_OWNER: "pg_owner" })).to.throw(/owner role/);
    });

    it("bundles into one file that needs nothing but Node's own modules", () => {
        const code = bundleFunction("functions/azure/job.ts");
        const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
        const foreign = required.filter((name) => !name.startsWith("node:") && !builtinModules.includes(name) && name !== "pg-native");
        expect(foreign).to.deep.equal([]);
        expect(code).to.contain("metadata/identity/oauth2/token");
    });
});
