// Redis AUTH token rotation against an in-memory ElastiCache that follows the documented token
// rules, probed over real TLS (test CA) with the function's own RESP client.
import { expect } from "chai";
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { redisAcceptsToken } from "../../functions/redisAuth";
import { TestWiring, wire } from "./helpers/deps";
import { FakeClock, FakeReplicationGroup, MODIFICATION_MS, startFakeRedis } from "./helpers/fakeElastiCache";
import { makeTestPki, TestPki } from "./helpers/testPki";

const CACHE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/cache/auth-token-AbCdEf";
const GROUP_ID = "ideation-redis";
const CREATED_WITH = "CreatedWithTheGroup0000000000000000000000000000000000000000000000";
const HOST = "127.0.0.1";

interface CacheSecret {
    host: string;
    port: number;
    password: string;
    tls: boolean;
    cluster: boolean;
}

describe("Redis AUTH token rotation", function () {
    this.timeout(30_000);
    let dir: string;
    let pki: TestPki;
    let redis: { port: number; close(): Promise<void> };
    let group: FakeReplicationGroup;
    let t: TestWiring;

    const bootstrapPayload = (host = HOST) => ({ action: "bootstrap", cache: { secretArn: CACHE_ARN, host, port: redis.port, cluster: false, token: CREATED_WITH } });
    const secretAt = (stage: string): CacheSecret => JSON.parse(t.secrets.valueAt(CACHE_ARN, stage) ?? "null") as CacheSecret;
    const rotate = () => t.secrets.rotate(CACHE_ARN, (event) => t.handler(event));
    const step = (token: string, Step: string) => t.handler({ SecretId: CACHE_ARN, ClientRequestToken: token, Step });
    const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => error);

    before(async () => {
        dir = mkdtempSync(path.join(os.tmpdir(), "platform-redis-"));
        pki = makeTestPki(dir);
        redis = await startFakeRedis(() => group, pki);
    });

    after(async () => {
        await redis?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    beforeEach(async () => {
        const clock = new FakeClock();
        group = new FakeReplicationGroup(GROUP_ID, CREATED_WITH, clock);
        t = wire({ caPem: pki.caPem, clock, group, env: { CACHE_SECRET_ARN: CACHE_ARN, CACHE_REPLICATION_GROUP_ID: GROUP_ID } });
        t.secrets.create(CACHE_ARN, { rotationEnabled: true });
        await t.handler(bootstrapPayload());
    });

    it("bootstraps the secret with the group's token, once", async () => {
        expect(secretAt("AWSCURRENT")).to.deep.equal({ host: HOST, port: redis.port, password: CREATED_WITH, tls: true, cluster: false });
        const again = await t.handler(bootstrapPayload());
        expect(again).to.deep.equal({ action: "bootstrap", cache: { secret: "unchanged" } });
        expect(JSON.stringify(again)).not.to.contain(CREATED_WITH);
    });

    it("adds the new token with one ROTATE, keeping the current one valid", async () => {
        const started = t.clock.now();
        await rotate();
        const current = secretAt("AWSCURRENT");
        expect(current.password).to.match(/^[A-Za-z0-9]{64}$/);
        expect(secretAt("AWSPREVIOUS").password).to.equal(CREATED_WITH);
        expect(group.modifications).to.deep.equal([{ AuthToken: current.password, AuthTokenUpdateStrategy: "ROTATE", ApplyImmediately: true }]);
        expect(group.accepts(CREATED_WITH)).to.equal(true);
        expect(group.accepts(current.password)).to.equal(true);
        // setSecret returned only once the group had applied the change.
        expect(t.clock.now() - started).to.be.at.least(MODIFICATION_MS);
    });

    it("drops the token before the previous one on the next rotation, and never uses SET", async () => {
        await rotate();
        const first = secretAt("AWSCURRENT").password;
        await rotate();
        const second = secretAt("AWSCURRENT").password;
        expect(secretAt("AWSPREVIOUS").password).to.equal(first);
        expect(group.accepts(first)).to.equal(true);
        expect(group.accepts(second)).to.equal(true);
        expect(group.accepts(CREATED_WITH)).to.equal(false);
        expect(group.modifications.map((change) => change.AuthTokenUpdateStrategy)).to.deep.equal(["ROTATE", "ROTATE"]);
    });

    it("waits for a busy group to be available before modifying it", async () => {
        group.busyFor(5 * 60_000);
        const started = t.clock.now();
        await rotate();
        expect(t.clock.now() - started).to.be.at.least(5 * 60_000 + MODIFICATION_MS);
        expect(group.modifications).to.have.length(1);
    });

    it("does not ROTATE again when setSecret is retried (a second ROTATE would drop the current token)", async () => {
        const token = t.secrets.startRotation(CACHE_ARN);
        await step(token, "createSecret");
        await step(token, "createSecret");
        await step(token, "setSecret");
        const retried = await step(token, "setSecret");
        expect(retried).to.deep.include({ result: "pending token already accepted" });
        expect(group.modifications).to.have.length(1);
        expect(group.accepts(CREATED_WITH)).to.equal(true);
        expect(Object.keys(t.secrets.stagesOf(CACHE_ARN))).to.have.length(2);
    });

    it("stops before a ROTATE when the group holds a token newer than the current one", async () => {
        await rotate();
        const current = secretAt("AWSCURRENT").password;
        // An earlier rotation stopped after its ROTATE; its token is not in any labelled version.
        group.forceTokens([current, "StrandedTokenFromAnUnfinishedRotation0000000000000000000000000000"]);
        const token = t.secrets.startRotation(CACHE_ARN);
        await step(token, "createSecret");
        const error = await failure(step(token, "setSecret"));
        expect(error?.message).to.match(/holds a token newer than the current one/);
        expect(group.modifications).to.have.length(1);
        expect(group.accepts(current)).to.equal(true);
    });

    it("stops when the group refuses the current token", async () => {
        group.forceTokens(["SomethingElseEntirely000000000000"]);
        const token = t.secrets.startRotation(CACHE_ARN);
        await step(token, "createSecret");
        expect((await failure(step(token, "setSecret")))?.message).to.match(/refuses the current token/);
        expect(group.modifications).to.deep.equal([]);
    });

    it("fails testSecret while the group does not accept the pending token", async () => {
        const token = t.secrets.startRotation(CACHE_ARN);
        await step(token, "createSecret");
        expect((await failure(step(token, "testSecret")))?.message).to.match(/refuses the pending token/);
        expect(secretAt("AWSCURRENT").password).to.equal(CREATED_WITH);
    });

    it("keeps the rotated token when the bootstrap records a new endpoint", async () => {
        await rotate();
        const rotated = secretAt("AWSCURRENT");
        const result = await t.handler(bootstrapPayload("localhost"));
        expect(result).to.deep.equal({ action: "bootstrap", cache: { secret: "updated" } });
        expect(secretAt("AWSCURRENT")).to.deep.equal({ ...rotated, host: "localhost" });
    });

    it("treats an untrusted certificate as an error, not as a refused token", async () => {
        const error = await failure(redisAcceptsToken({ host: HOST, port: redis.port }, CREATED_WITH));
        expect(error?.message).to.match(/certificate/);
        expect(await redisAcceptsToken({ host: HOST, port: redis.port }, CREATED_WITH, { ca: pki.caPem })).to.equal(true);
        expect(await redisAcceptsToken({ host: HOST, port: redis.port }, "NotTheToken00000000", { ca: pki.caPem })).to.equal(false);
    });

    describe("the documented steps and checks", () => {
        it("refuses a secret whose rotation is off, a token that is not staged, and a secret it does not manage", async () => {
            const token = t.secrets.startRotation(CACHE_ARN);
            expect((await failure(step("no-such-version", "createSecret")))?.message).to.match(/has no stage for rotation/);
            const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/jwt-AbCdEf";
            t.secrets.create(other, { rotationEnabled: true, value: "x".repeat(32) });
            expect((await failure(t.handler({ SecretId: other, ClientRequestToken: token, Step: "createSecret" }))))
                .to.have.property("message").that.matches(/does not rotate it/);
            const disabled = wire({ caPem: pki.caPem, group, env: { CACHE_SECRET_ARN: CACHE_ARN, CACHE_REPLICATION_GROUP_ID: GROUP_ID } });
            disabled.secrets.create(CACHE_ARN, { rotationEnabled: false, value: t.secrets.valueAt(CACHE_ARN, "AWSCURRENT") });
            expect((await failure(disabled.handler({ SecretId: CACHE_ARN, ClientRequestToken: token, Step: "createSecret" }))))
                .to.have.property("message").that.matches(/not enabled for rotation/);
        });

        it("does nothing for a version that is already AWSCURRENT", async () => {
            const token = await rotate();
            const modifications = group.modifications.length;
            for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) {
                expect(await step(token, Step)).to.deep.include({ result: "version already AWSCURRENT" });
            }
            expect(group.modifications).to.have.length(modifications);
        });

        it("rejects anything that is neither a bootstrap nor a rotation step", async () => {
            expect((await failure(t.handler({ Step: "deleteSecret", SecretId: CACHE_ARN, ClientRequestToken: "x" })))?.message).to.match(/unknown event/);
        });
    });

    describe("the ElastiCache stand-in itself, held to the documented rules", () => {
        const modify = (AuthToken: string, AuthTokenUpdateStrategy: "ROTATE" | "SET") =>
            failure(group.modifyReplicationGroup({ ReplicationGroupId: GROUP_ID, AuthToken, AuthTokenUpdateStrategy, ApplyImmediately: true }));
        const settle = () => t.clock.sleep(MODIFICATION_MS);

        it("accepts SET only after a ROTATE and only with the most recent token", async () => {
            expect((await modify(CREATED_WITH, "SET"))?.name).to.equal("InvalidParameterCombinationException");
            expect(await modify("SecondToken00000000000000", "ROTATE")).to.equal(undefined);
            expect((await modify("ThirdToken000000000000000", "ROTATE"))?.name).to.equal("InvalidReplicationGroupStateFault");
            await settle();
            expect((await modify(CREATED_WITH, "SET"))?.name).to.equal("InvalidParameterCombinationException");
            expect(await modify("SecondToken00000000000000", "SET")).to.equal(undefined);
            await settle();
            expect(group.accepts(CREATED_WITH)).to.equal(false);
            expect(group.accepts("SecondToken00000000000000")).to.equal(true);
        });

        it("keeps at most the two most recent tokens", async () => {
            for (const token of ["SecondToken00000000000000", "ThirdToken000000000000000"]) {
                await modify(token, "ROTATE");
                await settle();
            }
            expect([CREATED_WITH, "SecondToken00000000000000", "ThirdToken000000000000000"].map((token) => group.accepts(token))).to.deep.equal([false, true, true]);
        });
    });
});
