// Secret handling for recorded plans: the wire format marks a secret as
// { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }.
// A plan shows such values as "[secret]" and never prints what they hold.

export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const resourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SECRET_PLACEHOLDER = "[secret]";

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces secrets with "[secret]", resource references with their URN, unknowns with "[unknown]". */
export function redact(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(redact);
    }
    if (isObject(value)) {
        const sig = value[specialSigKey];
        if (sig === secretSig) {
            return SECRET_PLACEHOLDER;
        }
        if (sig === resourceSig) {
            return value.urn;
        }
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            out[key] = redact(value[key]);
        }
        return out;
    }
    return value === unknownValue ? "[unknown]" : value;
}
