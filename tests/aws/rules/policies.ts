// IAM policy documents as AWS validates them (IAM JSON policy reference): identity policies
// (inline role policies), resource policies (key, bucket, topic) and role trust policies.

import { isArn } from "./checks";

export type PolicyKind = "identity" | "resource" | "trust";

/** Size quotas: IAM counts characters without whitespace; the others count the document. */
const MAX_CHARACTERS: Record<PolicyKind, number> = { identity: 10240, resource: 20480, trust: 2048 };

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const ACCOUNT = /^\d{12}$/;
const CONDITION_KEY = /^[A-Za-z0-9-]+:[A-Za-z0-9_:/.-]+$/;
const OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
];

type Json = Record<string, unknown>;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function operatorProblem(operator: string): string | undefined {
    const base = operator.replace(/^For(All|Any)Value:/, "").replace(/IfExists$/, "");
    return OPERATORS.includes(base) ? undefined : `condition operator ${JSON.stringify(operator)} is not an IAM operator`;
}

function principalProblems(principal: unknown): string[] {
    if (principal === "*") {
        return [];
    }
    if (!isObject(principal)) {
        return [`Principal ${JSON.stringify(principal)} is neither "*" nor an object`];
    }
    return Object.entries(principal).flatMap(([type, values]) =>
        list(values).flatMap((value) => {
            if (type === "AWS") {
                return value === "*" || isArn(value) || (typeof value === "string" && ACCOUNT.test(value)) ? [] : [`AWS principal ${JSON.stringify(value)} is not "*", an account or an ARN`];
            }
            if (type === "Service") {
                return typeof value === "string" && SERVICE_PRINCIPAL.test(value) ? [] : [`service principal ${JSON.stringify(value)} is not <service>.amazonaws.com`];
            }
            return ["Federated", "CanonicalUser"].includes(type) ? [] : [`principal type ${JSON.stringify(type)} is unknown`];
        }),
    );
}

function statementProblems(statement: unknown, kind: PolicyKind, sids: Set<string>): string[] {
    if (!isObject(statement)) {
        return ["a statement is not an object"];
    }
    const problems: string[] = [];
    const { Sid, Effect, Condition } = statement;
    if (Sid !== undefined) {
        if (typeof Sid !== "string" || !/^[A-Za-z0-9]+$/.test(Sid) || sids.has(Sid)) {
            problems.push(`Sid ${JSON.stringify(Sid)} is not a unique alphanumeric id`);
        }
        sids.add(String(Sid));
    }
    if (Effect !== "Allow" && Effect !== "Deny") {
        problems.push(`Effect ${JSON.stringify(Effect)} is neither Allow nor Deny`);
    }
    const actionKeys = ["Action", "NotAction"].filter((key) => key in statement);
    if (actionKeys.length !== 1) {
        problems.push("a statement needs exactly one of Action and NotAction");
    }
    for (const action of actionKeys.flatMap((key) => list(statement[key]))) {
        if (typeof action !== "string" || !ACTION.test(action)) {
            problems.push(`action ${JSON.stringify(action)} is not service:Action`);
        }
    }
    const resourceKeys = ["Resource", "NotResource"].filter((key) => key in statement);
    if (kind === "trust" ? resourceKeys.length > 0 : resourceKeys.length !== 1) {
        problems.push(kind === "trust" ? "a trust policy names no Resource" : "a statement needs exactly one of Resource and NotResource");
    }
    for (const resource of resourceKeys.flatMap((key) => list(statement[key]))) {
        if (resource !== "*" && !isArn(resource)) {
            problems.push(`resource ${JSON.stringify(resource)} is neither "*" nor an ARN`);
        }
    }
    const principalKeys = ["Principal", "NotPrincipal"].filter((key) => key in statement);
    if (kind === "identity" ? principalKeys.length > 0 : principalKeys.length !== 1) {
        problems.push(kind === "identity" ? "an identity policy names no Principal" : "a resource or trust policy statement needs a Principal");
    }
    problems.push(...principalKeys.flatMap((key) => principalProblems(statement[key])));
    if (Condition !== undefined) {
        if (!isObject(Condition)) {
            problems.push("Condition is not an object");
        } else {
            for (const [operator, entries] of Object.entries(Condition)) {
                const problem = operatorProblem(operator);
                problems.push(...(problem ? [problem] : []));
                const keys = isObject(entries) ? Object.keys(entries) : [];
                problems.push(...keys.filter((key) => !CONDITION_KEY.test(key)).map((key) => `condition key ${JSON.stringify(key)} is not service:key`));
            }
        }
    }
    return problems;
}

/** Why AWS would refuse the policy document, or nothing. */
export function policyProblems(document: unknown, kind: PolicyKind): string[] {
    if (typeof document !== "string") {
        return [`the document is ${JSON.stringify(document)}, not a JSON string`];
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(document);
    } catch {
        return ["the document is not valid JSON"];
    }
    if (!isObject(parsed)) {
        return ["the document is not a JSON object"];
    }
    const problems: string[] = [];
    if (parsed.Version !== "2012-10-17") {
        problems.push(`Version ${JSON.stringify(parsed.Version)} is not "2012-10-17"`);
    }
    if (!Array.isArray(parsed.Statement) || parsed.Statement.length === 0) {
        problems.push("Statement is not a non-empty array");
    } else {
        const sids = new Set<string>();
        problems.push(...parsed.Statement.flatMap((statement) => statementProblems(statement, kind, sids)));
    }
    const size = kind === "resource" ? document.length : document.replace(/\s/g, "").length;
    if (size > MAX_CHARACTERS[kind]) {
        problems.push(`the document has ${size} characters; AWS allows ${MAX_CHARACTERS[kind]}`);
    }
    return problems;
}
