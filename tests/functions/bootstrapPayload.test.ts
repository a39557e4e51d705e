// The bootstrap payload comes from the deployment: a mistake in it must name the key, the value
// and what is allowed before anything is touched. And the generated secrets (JWT secret, API
// key): made once, never overwritten, never echoed.
import { expect } from "chai";
import { parseBootstrapEvent } from "../../functions/aws/bootstrap";
import { randomUrlSafe, URL_SAFE_ALPHABET } from "../../functions/randomToken";
import { wire } from "./helpers/deps";

const JWT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/jwt/secret-AbCdEf";
const API_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/api/key-AbCdEf";

const DATABASE = {
    host: "ideation-db.abc123.eu-west-1.rds.amazonaws.com",
    port: 5432,
    dbname: "ideation_db",
    masterSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf",
    appSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ideation/db/app-AbCdEf",
    owner: "ideation",
    extensions: ["uuid-ossp", "pg_trgm"],
};

function errorOf(payload: unknown): string {
    try {
        parseBootstrapEvent(payload);
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error("the payload was accepted");
}

describe("bootstrap payload", () => {
    it("accepts the documented shape, every part optional", () => {
        expect(parseBootstrapEvent({ action: "bootstrap", database: DATABASE }).database).to.deep.equal(DATABASE);
        expect(parseBootstrapEvent({ action: "bootstrap" })).to.deep.equal({ action: "bootstrap", database: undefined, cache: undefined, generated: undefined });
    });

    it("names the key, the bad value and what is allowed", () => {
        expect(errorOf({ action: "bootstrap", database: { ...DATABASE, port: "5432" } })).to.equal(
            'bootstrap payload: database.port is "5432"; expected an integer from 1 to 65535',
        );
        expect(errorOf({ action: "bootstrap", database: { ...DATABASE, owner: "Ideation" } })).to.match(/^bootstrap payload: database\.owner is "Ideation"; expected a role name of 1-57 lowercase/);
        expect(errorOf({ action: "bootstrap", database: { ...DATABASE, masterSecretArn: undefined } })).to.equal(
            "bootstrap payload: database.masterSecretArn is missing; expected a non-empty string",
        );
        expect(errorOf({ action: "bootstrap", database: { ...DATABASE, extensions: ["uuid-ossp; DROP"] } })).to.match(/^bootstrap payload: database\.extensions is \["uuid-ossp; DROP"\]/);
        expect(errorOf({ action: "bootstrap", cache: { secretArn: "a", host: "h", port: 6379, cluster: "yes", token: "x".repeat(32) } })).to.equal(
            'bootstrap payload: cache.cluster is "yes"; expected true or false',
        );
        expect(errorOf({ action: "bootstrap", generated: [{ secretArn: JWT_ARN, length: 64 }, { secretArn: API_ARN, length: 8 }] })).to.equal(
            "bootstrap payload: generated[1].length is 8; expected an integer from 16 to 4096",
        );
    });

    it("rejects an AUTH token ElastiCache would refuse, without printing it", () => {
        const token = "has@sign-and-is-long-enough-000";
        const message = errorOf({ action: "bootstrap", cache: { secretArn: "a", host: "h", port: 6379, cluster: false, token } });
        expect(message).to.match(/cache\.token is not a valid AUTH token; expected 16-128 printable characters without/);
        expect(message).not.to.contain(token);
    });
});

describe("generated secrets", () => {
    it("draws letters and digits only, every one of them, at the requested length", () => {
        const value = randomUrlSafe(4096);
        expect(value).to.match(/^[A-Za-z0-9]{4096}$/);
        expect(new Set(value).size).to.equal(62);
        expect(URL_SAFE_ALPHABET).to.have.length(62);
        expect(() => randomUrlSafe(8)).to.throw(/between 16 and 4096/);
    });

    it("are created when missing, never overwritten, and never echoed", async () => {
        const t = wire({ caPem: "" });
        t.secrets.create(JWT_ARN);
        t.secrets.create(API_ARN, { value: "ExistingKeyTheOperatorSetByHand" });
        const payload = { action: "bootstrap", generated: [{ secretArn: JWT_ARN, length: 64 }, { secretArn: API_ARN, length: 48 }] };
        const first = await t.handler(payload);
        expect(first).to.deep.equal({ action: "bootstrap", generated: [{ secretArn: JWT_ARN, secret: "created" }, { secretArn: API_ARN, secret: "unchanged" }] });
        const jwt = t.secrets.valueAt(JWT_ARN, "AWSCURRENT");
        expect(jwt).to.match(/^[A-Za-z0-9]{64}$/);
        expect(t.secrets.valueAt(API_ARN, "AWSCURRENT")).to.equal("ExistingKeyTheOperatorSetByHand");
        expect(JSON.stringify(first)).not.to.contain(jwt);

        const second = await t.handler(payload);
        expect(second).to.deep.equal({ action: "bootstrap", generated: [{ secretArn: JWT_ARN, secret: "unchanged" }, { secretArn: API_ARN, secret: "unchanged" }] });
        expect(t.secrets.valueAt(JWT_ARN, "AWSCURRENT")).to.equal(jwt);
        expect(t.secrets.calls.filter((call) => call.operation === "PutSecretValue")).to.have.length(1);
    });
});
