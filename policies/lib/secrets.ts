// Secrets that must never be written in plain text: the input names that hold credentials,
// and patterns that give away a credential inside a boot script.

/** Input names that carry credentials, on any provider. */
export const SECRET_FIELDS = [
    "password",
    "masterPassword",
    "masterUserPassword",
    "adminPassword",
    "administratorLoginPassword",
    "authToken",
    "secretString",
    "secretBinary",
    "privateKey",
    "privateKeyPem",
    "clientSecret",
    "sharedKey",
    "presharedKey",
    "tunnel1PresharedKey",
    "tunnel2PresharedKey",
    "apiKey",
];

const PATTERNS: { name: string; pattern: RegExp }[] = [
    { name: "an AWS access key id", pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
    { name: "an AWS secret access key", pattern: /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}/i },
    { name: "a private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
    // NAME=value or NAME: value where NAME ends like a credential and the value is a literal,
    // not "$VAR", "$(cmd)" or an ARN (a secret's ARN is exactly what user data should carry).
    {
        name: "a password or token assignment",
        pattern: /(?:^|[\s"'{,;(])(?:export\s+)?[A-Za-z0-9_]*(?:password|passwd|secret|token|api_?key)\s*(?:=|:\s)\s*(["']?)(?![$"'\s]|arn:)[^\s"']{4,}\1/im,
    },
];

/** The kind of credential a text gives away, or undefined. */
export function findCredential(text: string): string | undefined {
    return PATTERNS.find(({ pattern }) => pattern.test(text))?.name;
}

/** User data is base64 in launch templates and often in instances; fall back to the raw text. */
export function decodeUserData(value: string): string {
    const compact = value.replace(/\s+/g, "");
    if (compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        const decoded = Buffer.from(compact, "base64").toString("utf8");
        // Mostly printable: it really was base64 text.
        const printable = [...decoded].filter((char) => char === "\t" || char === "\n" || char === "\r" || (char >= " " && char <= "~")).length;
        if (decoded.length > 0 && printable / decoded.length > 0.95) {
            return decoded;
        }
    }
    return value;
}
