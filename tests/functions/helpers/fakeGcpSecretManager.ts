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
    private readonly created = new Map<string, number[]>();
    readonly requests: Request[] = [];
    tokenRequests = 0;

    /** `now` stamps each version's createTime. */
    constructor(private readonly now: () => number = Date.now) {}

    /** A secret (optionally with a first version), as the deployment creates it. */
    create(secret: string, value?: string): void {
        this.versions.set(secret, value === undefined ? [] : [value]);
        this.created.set(secret, value === undefined ? [] : [this.now()]);
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
        const metadata = url.match(/^(.*)\/(projects\/[^/]+\/secrets\/[^/:]+)\/versions\/latest$/);
        if (metadata && metadata[1] === SECRET_MANAGER_ENDPOINT && method === "GET") {
            const stamps = this.created.get(metadata[2]);
            if (!stamps?.length) {
                return reply(404, { error: { code: 404, status: "NOT_FOUND", message: `Secret Version [${metadata[2]}/versions/latest] not found.` } });
            }
            return reply(200, { name: `${metadata[2]}/versions/${stamps.length}`, state: "ENABLED", createTime: new Date(stamps[stamps.length - 1]).toISOString() });
        }
        const add = url.match(/^(.*)\/(projects\/[^/]+\/secrets\/[^/:]+):addVersion$/);
        if (add && add[1] === SECRET_MANAGER_ENDPOINT && method === "POST") {
            const versions = this.versions.get(add[2]);
            if (!versions) {
                return reply(404, { error: { code: 404, status: "NOT_FOUND", message: `Secret [${add[2]}] not found.` } });
            }
            const body = JSON.parse(init.body ?? "{}") as { payload?: { data?: string } };
            versions.push(Buffer.from(body.payload?.data ?? "", "base64").toString("utf8"));
            this.created.get(add[2])!.push(this.now());
            return reply(200, { name: `${add[2]}/versions/${versions.length}`, state: "ENABLED" });
        }
        return reply(400, { error: { code: 400, status: "INVALID_ARGUMENT", message: `unexpected ${method} ${url}` } });
    };
}

function reply(status: number, body: unknown) {
    const text = JSON.stringify(body);
    return Promise.resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown, text: async () => text });
}
