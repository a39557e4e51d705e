// The job's Key Vault client against a recorded fake of the REST API and the identity endpoint.
import { expect } from "chai";
import { Fetch, KEY_VAULT_API_VERSION, managedIdentityTokens, restKeyVault } from "../../functions/azure/keyVault";

interface Call {
    url: string;
    method: string;
    headers: Record<string, string>;
    body?: string;
}

function fakeFetch(answer: (call: Call) => { status: number; body: unknown }): { fetch: Fetch; calls: Call[] } {
    const calls: Call[] = [];
    const fetch: Fetch = async (url, init = {}) => {
        const call = { url, method: init.method ?? "GET", headers: init.headers ?? {}, body: init.body };
        calls.push(call);
        const { status, body } = answer(call);
        return { status, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) };
    };
    return { fetch, calls };
}

const VAULT = "https://platform-kv-1a2b3c.vault.azure.net/";
const NOW = Date.UTC(2026, 10, 1);

describe("Key Vault client of the Azure credentials job", () => {
    const token = { status: 200, body: { access_token: "token-1", expires_on: String(NOW / 1000 + 3600) } };

    it("asks the identity endpoint for a Key Vault token of its own identity once, and sends it as a bearer token", async () => {
        const { fetch, calls } = fakeFetch((call) =>
            call.url.includes("/metadata/identity/") ? token : { status: 200, body: { value: "v", attributes: { enabled: true, created: 1_700_000_000 } } },
        );
        const vault = restKeyVault(VAULT, managedIdentityTokens("client-123", fetch, () => NOW), fetch);
        expect(await vault.getSecret("db-app")).to.deep.equal({ value: "v", createdMs: 1_700_000_000_000 });
        await vault.getSecret("api-key");
        const identity = calls.filter((call) => call.url.includes("/metadata/identity/"));
        expect(identity).to.have.length(1);
        expect(identity[0].headers.Metadata).to.equal("true");
        const query = new URL(identity[0].url).searchParams;
        expect(query.get("resource")).to.equal("https://vault.azure.net");
        expect(query.get("client_id")).to.equal("client-123");
        const reads = calls.filter((call) => call.url.startsWith(VAULT));
        expect(reads.map((call) => call.url)).to.deep.equal([
            `${VAULT}secrets/db-app?api-version=${KEY_VAULT_API_VERSION}`,
            `${VAULT}secrets/api-key?api-version=${KEY_VAULT_API_VERSION}`,
        ]);
        expect(reads.every((call) => call.headers.Authorization === "Bearer token-1")).to.equal(true);
    });

    it("reads a missing secret and a disabled placeholder as absent, and any other refusal as an error without the value", async () => {
        const answers: Record<string, { status: number; body: unknown }> = {
            missing: { status: 404, body: { error: { code: "SecretNotFound" } } },
            placeholder: { status: 403, body: { error: { code: "Forbidden", innererror: { code: "SecretDisabled" } } } },
            denied: { status: 403, body: { error: { code: "Forbidden", innererror: { code: "ForbiddenByRbac" } } } },
        };
        const { fetch } = fakeFetch((call) => (call.url.includes("/metadata/") ? token : answers[new URL(call.url).pathname.split("/")[2]]));
        const vault = restKeyVault(VAULT, managedIdentityTokens("client-123", fetch, () => NOW), fetch);
        expect(await vault.getSecret("missing")).to.equal(undefined);
        expect(await vault.getSecret("placeholder")).to.equal(undefined);
        const error = await vault.getSecret("denied").then(() => undefined, (failure: Error) => failure);
        expect(error?.message).to.equal("reading secret denied: HTTP 403 Forbidden ForbiddenByRbac");
    });

    it("writes a new enabled version with its content type", async () => {
        const { fetch, calls } = fakeFetch((call) => (call.url.includes("/metadata/") ? token : { status: 200, body: {} }));
        const vault = restKeyVault(VAULT, managedIdentityTokens("client-123", fetch, () => NOW), fetch);
        await vault.setSecret("db-app", '{"username":"app_blue"}', { contentType: "application/json" });
        const put = calls.find((call) => call.method === "PUT")!;
        expect(JSON.parse(put.body!)).to.deep.equal({ value: '{"username":"app_blue"}', contentType: "application/json", attributes: { enabled: true } });
        const refused = await vault.setSecret("bad_name", "x").then(() => undefined, (failure: Error) => failure);
        expect(refused?.message).to.match(/not a Key Vault secret name/);
    });
});
