// Secret Manager's REST API and the metadata server as the credentials job sees them through
// `fetch`: versions accessed and added over HTTP, a bearer token required, NOT_FOUND for a
// secret without versions. Values are kept so tests can read what the job wrote.
import { Fetch, METADATA_TOKEN_URL, SECRET_MANAGER_ENDPOINT } from "../../../functions/gcp/secretManager";

const TOKEN = "ya29.test-token";

interface Request {
    method: string;
    url: string;
}

export class FakeGcpSecretManager {
    private readonly versions = new Map<string, string[]>();
    readonly requests: Request[] = [];
    tokenRequests = 0;

    /** A secret (optionally with a first version), as the deployment creates it. */
    create(secret: string, value?: string): void {
        this.versions.set(secret, value === undefined ? [] : [value]);
    }

    /** Every version, oldest first. */
    history(secret: string): string[] {
        return [...(this.versions.get(secret) ?? [])];
    }

    latest(secret: string): string | undefined {
        return this.versions.get(secret)?.at(-1);
    }

    readonly fetch: Fetch = async (url, init = {}) => {
        const method = init.method ?? "GET";
        this.requests.push({ method, url });
        const headers = init.headers ?? {};
        if (url === METADATA_TOKEN_URL) {
            if (headers["Metadata-Flavor"] !== "Google") {
                return reply(403, { error: "missing Metadata-Flavor" });
            }
            this.tokenRequests += 1;
            return reply(200, { access_token: TOKEN, expires_in: 3599, token_type: "Bearer" });
        }
        if (headers.Authorization !== `Bearer ${TOKEN}`) {
            return reply(401, { error: { code: 401, status: "UNAUTHENTICATED", message: "Request had invalid authentication credentials." } });
        }
        const access = url.match(/^(.*)\/(projects\/[^/]+\/secrets\/[^/:]+)\/versions\/latest:access$/);
        if (access && access[1] === SECRET_MANAGER_ENDPOINT && method === "GET") {
            const versions = this.versions.get(access[2]);
            if (!versions?.length) {
                return reply(404, { error: { code: 404, status: "NOT_FOUND", message: `Secret Version [${access[2]}/versions/latest] not found or has no versions.` } });
            }
            const value = versions[versions.length - 1];
            return reply(200, { name: `${access[2]}/versions/${versions.length}`, payload: { data: Buffer.from(value, "utf8").toString("base64") } });
        }
        const add = url.match(/^(.*)\/(projects\/[^/]+\/secrets\/[^/:]+):addVersion$/);
        if (add && add[1] === SECRET_MANAGER_ENDPOINT && method === "POST") {
            const versions = this.versions.get(add[2]);
            if (!versions) {
                return reply(404, { error: { code: 404, status: "NOT_FOUND", message: `Secret [${add[2]}] not found.` } });
            }
            const body = JSON.parse(init.body ?? "{}") as { payload?: { data?: string } };
            versions.push(Buffer.from(body.payload?.data ?? "", "base64").toString("utf8"));
            return reply(200, { name: `${add[2]}/versions/${versions.length}`, state: "ENABLED" });
        }
        return reply(400, { error: { code: 400, status: "INVALID_ARGUMENT", message: `unexpected ${method} ${url}` } });
    };
}

function reply(status: number, body: unknown) {
    const text = JSON.stringify(body);
    return Promise.resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown, text: async () => text });
}
