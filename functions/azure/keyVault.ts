// The Key Vault calls the credentials job makes, as a small interface of its own: the job talks to
// the vault's REST API with a managed-identity token (no SDK to ship), tests supply an in-memory
// vault. Only secrets are used: read the current version, write a new one.

export interface SecretVersion {
    value: string;
    /** When this version was written (ms since the epoch): rotation is due 30 days after. */
    createdMs: number;
}

export interface KeyVaultApi {
    /** The current, enabled version; undefined when the secret does not exist or its current version is disabled (a placeholder). */
    getSecret(name: string): Promise<SecretVersion | undefined>;
    /** Writes a new, enabled current version. */
    setSecret(name: string, value: string, options?: { contentType?: string }): Promise<void>;
}

export const KEY_VAULT_API_VERSION = "7.4";
const KEY_VAULT_RESOURCE = "https://vault.azure.net";
/** The instance metadata endpoint: Azure Container Instances serve managed-identity tokens there. */
const IMDS_TOKEN_URL = "http://169.254.169.254/metadata/identity/oauth2/token";

export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{
    status: number;
    text(): Promise<string>;
}>;

export interface TokenSource {
    token(): Promise<string>;
}

/** Tokens for Key Vault from the user-assigned identity `clientId`, reused until five minutes before expiry. */
export function managedIdentityTokens(clientId: string, fetchImpl: Fetch, now: () => number = Date.now, endpoint = IMDS_TOKEN_URL): TokenSource {
    let cached: { token: string; expiresMs: number } | undefined;
    return {
        async token() {
            if (cached && cached.expiresMs - 300_000 > now()) {
                return cached.token;
            }
            const query = new URLSearchParams({ "api-version": "2018-02-01", resource: KEY_VAULT_RESOURCE, client_id: clientId });
            const response = await fetchImpl(`${endpoint}?${query}`, { headers: { Metadata: "true" } });
            const body = await response.text();
            if (response.status !== 200) {
                throw new Error(`managed identity token: HTTP ${response.status} ${body.slice(0, 200)}`);
            }
            const parsed = JSON.parse(body) as { access_token?: string; expires_on?: string | number };
            if (!parsed.access_token) {
                throw new Error("managed identity token: no access_token in the answer");
            }
            cached = { token: parsed.access_token, expiresMs: Number(parsed.expires_on ?? 0) * 1000 };
            return cached.token;
        },
    };
}

const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

function secretUrl(vaultUrl: string, name: string): string {
    if (!SECRET_NAME.test(name)) {
        throw new Error(`"${name}" is not a Key Vault secret name (1-127 letters, digits and hyphens)`);
    }
    return `${vaultUrl.replace(/\/+$/, "")}/secrets/${name}?api-version=${KEY_VAULT_API_VERSION}`;
}

interface VaultError {
    error?: { code?: string; message?: string; innererror?: { code?: string } };
}

function parseError(body: string): VaultError {
    try {
        return JSON.parse(body) as VaultError;
    } catch {
        return {};
    }
}

/** Key Vault's REST API. Errors name the secret and the vault's error code, never a value. */
export function restKeyVault(vaultUrl: string, tokens: TokenSource, fetchImpl: Fetch): KeyVaultApi {
    const call = async (method: string, name: string, body?: unknown) => {
        const response = await fetchImpl(secretUrl(vaultUrl, name), {
            method,
            headers: { Authorization: `Bearer ${await tokens.token()}`, "Content-Type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: await response.text() };
    };
    return {
        async getSecret(name) {
            const { status, body } = await call("GET", name);
            if (status === 404) {
                return undefined;
            }
            if (status === 403 && parseError(body).error?.innererror?.code === "SecretDisabled") {
                return undefined;
            }
            if (status !== 200) {
                const error = parseError(body).error;
                throw new Error(`reading secret ${name}: HTTP ${status} ${error?.code ?? ""} ${error?.innererror?.code ?? ""}`.trim());
            }
            const secret = JSON.parse(body) as { value?: unknown; attributes?: { created?: number; enabled?: boolean } };
            if (typeof secret.value !== "string" || secret.attributes?.enabled === false) {
                return undefined;
            }
            return { value: secret.value, createdMs: (secret.attributes?.created ?? 0) * 1000 };
        },
        async setSecret(name, value, options = {}) {
            const { status, body } = await call("PUT", name, { value, contentType: options.contentType, attributes: { enabled: true } });
            if (status !== 200) {
                const error = parseError(body).error;
                throw new Error(`writing secret ${name}: HTTP ${status} ${error?.code ?? ""} ${error?.innererror?.code ?? ""}`.trim());
            }
        },
    };
}
