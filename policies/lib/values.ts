// Reading resource properties the way the engine hands them over: booleans that some AWS
// inputs spell as strings ("true"), values unknown during preview (reading one throws
// UnknownValueError through the SDK's proxy), and secrets, which a recorded plan shows as
// "[secret]" and the engine unwraps to their plain value.

import { Secret, UnknownValueError } from "@pulumi/policy";

/** What `read` returns for a value the engine does not know yet (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** How an offline plan shows a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";
/** How an offline plan shows a value unknown during preview. */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

export type Props = Record<string, unknown>;

/** Runs a property access, turning "unknown during preview" into UNKNOWN instead of throwing. */
export function read<T>(get: () => T): T | Unknown {
    try {
        return get();
    } catch (err) {
        if (err instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw err;
    }
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** True for `true` and the string "true" (EC2 launch template fields are strings). */
export function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

export function isFalse(value: unknown): boolean {
    return value === false || value === "false";
}

/** Present and not empty; a value unknown during preview counts as present. */
export function isSet(value: unknown): boolean {
    if (value === undefined || value === null || value === "") {
        return false;
    }
    return !(Array.isArray(value) && value.length === 0);
}

export function asArray(value: unknown): unknown[] {
    if (value === undefined || value === null || value === UNKNOWN) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

export function asRecord(value: unknown): Props | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

/** A property by dotted path ("metadataOptions.httpTokens"); UNKNOWN when part of it is unknown. */
export function at(props: unknown, path: string): unknown {
    let current: unknown = props;
    for (const key of path.split(".")) {
        const record = asRecord(current);
        if (!record) {
            return undefined;
        }
        current = read(() => record[key]);
        if (current === UNKNOWN) {
            return UNKNOWN;
        }
    }
    return current;
}

export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) {
        return Number(value);
    }
    return undefined;
}

/** A value the program did not write in plain text: redacted, a secret, or not known yet. */
export function isProtectedSecret(value: unknown): boolean {
    return value === SECRET_PLACEHOLDER || value === UNKNOWN || value === UNKNOWN_PLACEHOLDER || value instanceof Secret;
}

/** `name` in quotes for messages. */
export function quote(value: unknown): string {
    return JSON.stringify(value);
}
