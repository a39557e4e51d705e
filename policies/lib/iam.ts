// IAM-style policy documents (IAM policies, S3 bucket policies, KMS key policies, trust
// policies): parsed from the JSON string Pulumi passes, statements normalised to lists.

import { asArray, asRecord, isUnknown, Props, read } from "./values";

export interface Statement {
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    /** "*" for an anonymous principal (`"*"` or `{ AWS: "*" }`), else ARNs and service names. */
    principals: string[];
    hasCondition: boolean;
    raw: Props;
}

function strings(value: unknown): string[] {
    return asArray(value).filter((item): item is string => typeof item === "string");
}

function principalsOf(value: unknown): string[] {
    if (value === "*") {
        return ["*"];
    }
    const record = asRecord(value);
    return record ? Object.values(record).flatMap((entry) => strings(entry)) : strings(value);
}

/**
 * The statements of a policy document given as JSON text or an object. Returns undefined
 * when the document is unknown during preview or not a policy document at all.
 */
export function statementsOf(document: unknown): Statement[] | undefined {
    if (isUnknown(document) || document === undefined || document === null) {
        return undefined;
    }
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return undefined;
        }
    }
    const record = asRecord(parsed);
    if (!record) {
        return undefined;
    }
    return asArray(read(() => record.Statement))
        .map((entry) => asRecord(entry))
        .filter((entry): entry is Props => entry !== undefined)
        .map((raw) => ({
            effect: typeof raw.Effect === "string" ? raw.Effect : "Allow",
            actions: strings(raw.Action),
            notActions: strings(raw.NotAction),
            resources: strings(raw.Resource),
            notResources: strings(raw.NotResource),
            principals: principalsOf(raw.Principal),
            hasCondition: asRecord(raw.Condition) !== undefined && Object.keys(asRecord(raw.Condition) ?? {}).length > 0,
            raw,
        }));
}

export function isAllow(statement: Statement): boolean {
    return statement.effect === "Allow";
}

/** "*", "s3:*" and the like: an action pattern that grants a whole service or everything. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/**
 * Actions AWS cannot scope to a resource, so `"Resource": "*"` is the only way to grant them
 * (IAM service authorization reference). Patterns allowed: exact names and `prefix*`.
 */
export const UNSCOPABLE_ACTIONS = [
    "cloudwatch:PutMetricData",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "cloudwatch:DescribeAlarms",
    "ec2:Describe*",
    "autoscaling:Describe*",
    "elasticloadbalancing:Describe*",
    "logs:DescribeLogGroups",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:BatchGetTraces",
    "xray:GetTraceSummaries",
    "xray:GetTraceGraph",
    "xray:GetServiceGraph",
    "xray:GetTimeSeriesServiceStatistics",
    "sts:GetCallerIdentity",
    "ecr:GetAuthorizationToken",
    "kms:ListKeys",
    "kms:ListAliases",
    "secretsmanager:ListSecrets",
    "s3:ListAllMyBuckets",
    "tag:GetResources",
    "ssm:DescribeParameters",
    "ssmmessages:*",
    "ec2messages:*",
];

export function matchesPattern(action: string, pattern: string): boolean {
    if (pattern.endsWith("*")) {
        return action.toLowerCase().startsWith(pattern.slice(0, -1).toLowerCase());
    }
    return action.toLowerCase() === pattern.toLowerCase();
}
