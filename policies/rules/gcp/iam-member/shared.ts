import { asArray, asRecord, isUnknown, Props, read } from "../../../lib/values";

export interface Grant {
    role: string;
    member: string;
}

function strings(value: unknown): string[] {
    return asArray(value).filter((item): item is string => typeof item === "string");
}

/** The (role, member) pairs an IAM resource grants: `member`, `members`, or `policyData` bindings. */
export function grantsOf(props: Props): Grant[] {
    const role = read(() => props.role);
    const grants: Grant[] = [];
    if (typeof role === "string") {
        for (const member of [...strings(read(() => props.member)), ...strings(read(() => props.members))]) {
            grants.push({ role, member });
        }
    }
    const policyData = read(() => props.policyData);
    if (typeof policyData === "string" && !isUnknown(policyData)) {
        try {
            const parsed = JSON.parse(policyData) as unknown;
            for (const binding of asArray(asRecord(parsed)?.bindings)) {
                const record = asRecord(binding) ?? {};
                if (typeof record.role === "string") {
                    for (const member of strings(record.members)) {
                        grants.push({ role: record.role, member });
                    }
                }
            }
        } catch {
            // Not JSON: nothing to read.
        }
    }
    return grants;
}

export function isPublicMember(member: string): boolean {
    return member === "allUsers" || member === "allAuthenticatedUsers";
}

/** Owner, Editor and Viewer: every permission of every service, present and future. */
export const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];
