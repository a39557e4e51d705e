// The PostgreSQL helpers that need no server: SCRAM verifiers (checked against RFC 7677's worked
// example), role names, and the retry of the first connection to a new instance.
import { expect } from "chai";
import { createHash, createHmac } from "crypto";
import { Client } from "pg";
import { checkOwnerName, connectWithRetry, loginRolesOf, otherLoginRole, PgConnect, scramSha256Verifier } from "../../functions/postgresRoles";
import { FakeClock } from "./helpers/fakeElastiCache";

function networkError(code: string): Error {
    return Object.assign(new Error(`getaddrinfo ${code} db.example.internal`), { code });
}

describe("PostgreSQL role helpers", () => {
    it("derives the SCRAM-SHA-256 verifier that RFC 7677's exchange for user/pencil proves", () => {
        // RFC 7677 section 3: salt, iteration count, nonces, client proof and server signature.
        const salt = Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64");
        const verifier = scramSha256Verifier("pencil", salt, 4096);
        const match = /^SCRAM-SHA-256\$4096:([^$]+)\$([^:]+):(.+)$/.exec(verifier);
        expect(match?.[1]).to.equal("W22ZaJ0SNY7soEsUEjb6gQ==");
        const storedKey = Buffer.from(match![2], "base64");
        const serverKey = Buffer.from(match![3], "base64");
        const nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`;
        expect(createHmac("sha256", serverKey).update(authMessage).digest("base64")).to.equal("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        const proof = Buffer.from("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "base64");
        const clientSignature = createHmac("sha256", storedKey).update(authMessage).digest();
        const clientKey = Buffer.from(proof.map((byte, index) => byte ^ clientSignature[index]));
        expect(createHash("sha256").update(clientKey).digest().equals(storedKey)).to.equal(true);
    });

    it("salts every verifier afresh and refuses passwords SASLprep could change", () => {
        expect(scramSha256Verifier("SamePassword")).not.to.equal(scramSha256Verifier("SamePassword"));
        expect(() => scramSha256Verifier("with space")).to.throw(/printable ASCII/);
        expect(() => scramSha256Verifier("mot-de-passe-é")).to.throw(/printable ASCII/);
    });

    it("names the login roles after the owner and alternates between them", () => {
        expect(loginRolesOf("ideation")).to.deep.equal(["ideation_blue", "ideation_green"]);
        expect(otherLoginRole("ideation", "ideation_blue")).to.equal("ideation_green");
        expect(otherLoginRole("ideation", "ideation_green")).to.equal("ideation_blue");
        expect(() => otherLoginRole("ideation", "postgres")).to.throw(/not a login role of "ideation"/);
    });

    it("accepts owner names that leave room for the login roles within 63 characters", () => {
        expect(checkOwnerName("a".repeat(57))).to.have.length(57);
        for (const bad of ["a".repeat(58), "Ideation", "1app", "pg_app", "rdsapp", "app-name", ""]) {
            expect(() => checkOwnerName(bad), bad).to.throw(/lowercase letters/);
        }
    });

    describe("first connection to a new instance", () => {
        const endpoint = { host: "db.example.internal", port: 5432, database: "ideation_db" };
        const login = { user: "master", password: "x" };
        const connected = {} as Client;

        it("retries while the name does not resolve or the server refuses, then connects", async () => {
            const clock = new FakeClock(0);
            const failures = [networkError("ENOTFOUND"), networkError("ECONNREFUSED"), Object.assign(new Error("the database system is starting up"), { code: "57P03" })];
            let attempts = 0;
            const connect: PgConnect = async () => {
                attempts++;
                const failure = failures.shift();
                if (failure) {
                    throw failure;
                }
                return connected;
            };
            expect(await connectWithRetry(connect, endpoint, login, { clock, intervalMs: 5_000 })).to.equal(connected);
            expect(attempts).to.equal(4);
            expect(clock.now()).to.equal(15_000);
        });

        it("gives up after about three minutes", async () => {
            const clock = new FakeClock(0);
            let attempts = 0;
            const connect: PgConnect = async () => {
                attempts++;
                throw networkError("ETIMEDOUT");
            };
            const error = await connectWithRetry(connect, endpoint, login, { clock }).catch((failure: Error) => failure);
            expect(error).to.have.property("code", "ETIMEDOUT");
            expect(clock.now()).to.be.at.most(180_000).and.at.least(175_000);
            expect(attempts).to.equal(clock.now() / 5_000 + 1);
        });

        it("does not retry a refused password or an untrusted certificate", async () => {
            for (const final of [Object.assign(new Error("password authentication failed"), { code: "28P01" }), Object.assign(new Error("self-signed certificate in certificate chain"), { code: "SELF_SIGNED_CERT_IN_CHAIN" })]) {
                const clock = new FakeClock(0);
                let attempts = 0;
                const connect: PgConnect = async () => {
                    attempts++;
                    throw final;
                };
                expect(await connectWithRetry(connect, endpoint, login, { clock }).catch((failure: Error) => failure)).to.equal(final);
                expect(attempts).to.equal(1);
            }
        });
    });
});
