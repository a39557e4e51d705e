import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { CONTAINER_GROUP } from "../types";

/** Variable (or JSON key) names that carry a credential, and suffixes that only name or locate one. */
const CREDENTIAL = /(password|passwd|secret|token|api_?key|private_?key|connection_?string)/i;
const REFERENCE = /_(NAME|ID|URI|URL|FILE|PATH)$/i;
/** A Key Vault secret name such as "platform-prod-db-admin": lower-case words joined by hyphens. */
const SECRET_NAME = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * Whether a plain value gives a credential away. A reference does not: a URL, a Key Vault secret
 * name, or a JSON document with no credential-named string in it (e.g. which secrets to generate).
 */
function isCredentialValue(value: string): boolean {
    if (/^https:\/\//.test(value) || SECRET_NAME.test(value)) {
        return false;
    }
    if (/^[[{]/.test(value.trim())) {
        try {
            return containsCredential(JSON.parse(value) as unknown);
        } catch {
            return true;
        }
    }
    return true;
}

function containsCredential(document: unknown): boolean {
    if (Array.isArray(document)) {
        return document.some(containsCredential);
    }
    const record = asRecord(document);
    if (!record) {
        return false;
    }
    return Object.entries(record).some(([key, item]) => (CREDENTIAL.test(key) && typeof item === "string" && item !== "") || containsCredential(item));
}

export const policy: PlatformResourcePolicy = {
    name: "azure-container-group-secure-environment",
    description: "Container group environment variables that carry credentials use secureValue, which the API never returns; plain values only name or locate secrets (Checkov CKV_AZURE_235).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [CONTAINER_GROUP],
    requires: "a variable whose name looks like a credential sets `secureValue`, or a plain `value` that is only a Key Vault secret name, a URL or a JSON document without credentials",
    validateResource: validateTypes([CONTAINER_GROUP], (props, _args, report) => {
        for (const [index, container] of asArray(read(() => props.containers)).entries()) {
            for (const variable of asArray(at(container, "environmentVariables")).map((entry) => asRecord(entry) ?? {})) {
                const name = String(read(() => variable.name) ?? "");
                const value = read(() => variable.value);
                if (CREDENTIAL.test(name) && !REFERENCE.test(name) && typeof value === "string" && value !== "" && isCredentialValue(value)) {
                    report(`containers[${index}] sets ${name} as a plain value: anyone who can read the container group reads it; use secureValue.`);
                }
            }
        }
    }),
};
