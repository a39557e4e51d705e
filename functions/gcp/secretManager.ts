// The Secret Manager calls the credentials job makes, as a small interface of its own: the job
// talks to the REST API with the token of its service account (from the metadata server), tests
// supply an in-memory Secret Manager. Plain `fetch`: no client library to bundle.

export interface SecretManagerApi {
    /** The latest enabled version's value, or undefined for a secret that has none yet. */
    latest(secret: string): Promise<string | undefined>;
    /** Adds a version, which becomes the latest; earlier versions stay enabled for readers that have not re-read. */
    addVersion(secret: string, value: string): Promise<void>;
    /** When the latest enabled version was added (epoch milliseconds), or undefined without one. */
    latestCreated(secret: string): Promise<number | undefined>;
}

export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{
    ok: boolean;
    status: number;
    json(): Promise<unknown>;
    text(): Promise<string>;
}>;

export const SECRET_MANAGER_ENDPOINT = "https://secretmanager.googleapis.com/v1";
/** The metadata server Cloud Run gives every task: the service account's access tokens. */
export const METADATA_TOKEN_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token";

/** `projects/<project>/secrets/<id>` (project id or number): the only form the job accepts. */
const SECRET_NAME = /^projects\/[a-z0-9-]+\/secrets\/[A-Za-z0-9_-]{1,255}$/;

export function checkSecretName(secret: string): string {
    if (!SECRET_NAME.test(secret)) {
        throw new Error(`"${secret}" is not a secret name; expected projects/<project>/secrets/<id>`);
    }
    return secret;
}

/** Access tokens from the metadata server, reused until a minute before they expire. */
export function metadataTokenSource(fetchImpl: Fetch, now: () => number = Date.now): () => Promise<string> {
    let cached: { token: string; expiresAt: number } | undefined;
    return async () => {
        if (cached && cached.expiresAt - 60_000 > now()) {
            return cached.token;
        }
        const response = await fetchImpl(METADATA_TOKEN_URL, { headers: { "Metadata-Flavor": "Google" } });
        if (!response.ok) {
            throw new Error(`metadata server refused a token: HTTP ${response.status}`);
        }
        const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
        if (typeof body.access_token !== "string" || typeof body.expires_in !== "number") {
            throw new Error("metadata server answered without access_token and expires_in");
        }
        cached = { token: body.access_token, expiresAt: now() + body.expires_in * 1000 };
        return cached.token;
    };
}

/** The error names the call and Google's status, never a value. */
async function failure(response: { status: number; text(): Promise<string> }, call: string): Promise<Error> {
    let status = "";
    try {
        const parsed = JSON.parse(await response.text()) as { error?: { status?: string; message?: string } };
        status = [parsed.error?.status, parsed.error?.message].filter(Boolean).join(": ");
    } catch {
        // not JSON: the HTTP status says enough
    }
    return new Error(`${call}: HTTP ${response.status}${status ? ` (${status})` : ""}`);
}

export function restSecretManager(fetchImpl: Fetch, token: () => Promise<string>, endpoint = SECRET_MANAGER_ENDPOINT): SecretManagerApi {
    const headers = async () => ({ Authorization: `Bearer ${await token()}`, "Content-Type": "application/json" });
    return {
        async latest(secret) {
            const response = await fetchImpl(`${endpoint}/${checkSecretName(secret)}/versions/latest:access`, { method: "GET", headers: await headers() });
            // NOT_FOUND: no version yet. FAILED_PRECONDITION: the latest is disabled or destroyed,
            // which the job never does; someone did it by hand, so it is an error.
            if (response.status === 404) {
                return undefined;
            }
            if (!response.ok) {
                throw await failure(response, `reading ${secret}`);
            }
            const body = (await response.json()) as { payload?: { data?: unknown } };
            if (typeof body.payload?.data !== "string") {
                throw new Error(`reading ${secret}: the answer has no payload`);
            }
            return Buffer.from(body.payload.data, "base64").toString("utf8");
        },
        async latestCreated(secret) {
            const response = await fetchImpl(`${endpoint}/${checkSecretName(secret)}/versions/latest`, { method: "GET", headers: await headers() });
            if (response.status === 404) {
                return undefined;
            }
            if (!response.ok) {
                throw await failure(response, `reading the latest version of ${secret}`);
            }
            const created = Date.parse(String(((await response.json()) as { createTime?: unknown }).createTime));
            if (Number.isNaN(created)) {
                throw new Error(`reading the latest version of ${secret}: the answer has no createTime`);
            }
            return created;
        },
        async addVersion(secret, value) {
            const response = await fetchImpl(`${endpoint}/${checkSecretName(secret)}:addVersion`, {
                method: "POST",
                headers: await headers(),
                body: JSON.stringify({ payload: { data: Buffer.from(value, "utf8").toString("base64") } }),
            });
            if (!response.ok) {
                throw await failure(response, `adding a version to ${secret}`);
            }
        },
    };
}
