// KMS, logs, alarms, SNS, SQS, IAM, Secrets Manager, tags and plain-text secrets: a compliant
// baseline and one failing mutation per rule.

import { policy as budgetLimit } from "../../../policies/rules/aws/budgets-budget/estimate-within-limit";
import { policy as logEncrypted } from "../../../policies/rules/aws/cloudwatch-log-group/encrypted";
import { policy as logRetention } from "../../../policies/rules/aws/cloudwatch-log-group/retention";
import { policy as alarmActions } from "../../../policies/rules/aws/cloudwatch-metric-alarm/actions-enabled";
import { policy as iamActions } from "../../../policies/rules/aws/iam-policy/no-wildcard-actions";
import { policy as iamResources } from "../../../policies/rules/aws/iam-policy/no-wildcard-resources";
import { policy as roleTrust } from "../../../policies/rules/aws/iam-role/trust-not-public";
import { policy as kmsPolicy } from "../../../policies/rules/aws/kms-key/policy-not-public";
import { policy as kmsRotation } from "../../../policies/rules/aws/kms-key/rotation";
import { policy as lambdaConcurrency } from "../../../policies/rules/aws/lambda-function/concurrency-limit";
import { policy as lambdaEnvironment } from "../../../policies/rules/aws/lambda-function/environment-encrypted";
import { policy as lambdaInVpc } from "../../../policies/rules/aws/lambda-function/in-vpc";
import { policy as lambdaPermission } from "../../../policies/rules/aws/lambda-permission/source-scoped";
import { policy as requiredTags } from "../../../policies/rules/aws/resource/required-tags";
import { policy as secretKms } from "../../../policies/rules/aws/secretsmanager-secret/encrypted-with-kms";
import { policy as secretRotation } from "../../../policies/rules/aws/secretsmanager-secret/rotation";
import { policy as snsEncrypted } from "../../../policies/rules/aws/sns-topic/encrypted";
import { policy as sqsEncrypted } from "../../../policies/rules/aws/sqs-queue/encrypted";
import { policy as plaintextSecrets } from "../../../policies/rules/aws/stack/no-plaintext-secrets";
import { autoscalingGroup, kmsKey, rdsPrimary, replicationGroup, role, rolePolicy, T, TAGS } from "../fixtures/aws";
import { PolicyCase, resource, set } from "../harness";

const generatedPassword = resource("random:index/randomPassword:RandomPassword", "pw", { length: 32 });
const KEY = "arn:aws:kms:us-east-1:123456789012:key/key-test";
const document = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const logGroup = () => [resource(T.logGroup, "app-logs", { name: "/platform/web/application", retentionInDays: 365, kmsKeyId: KEY, tags: TAGS })];
const secrets = () => [
    resource(T.secret, "db-password", { name: "platform/db/password", kmsKeyId: KEY, tags: TAGS }, { protect: true }),
    resource(T.secretRotation, "db-password-rotation", { secretId: "db-password-id", rotationRules: { automaticallyAfterDays: 30 } }, { dependsOn: ["urn:pulumi:test::platform::aws:secretsmanager/secret:Secret::db-password"] }),
    resource(T.secretVersion, "db-password-version", { secretId: "db-password-id", secretString: "[secret]" }),
];

// The platform's credentials function and the permission that lets Secrets Manager rotate with it.
const credentialsFunction = () => [
    resource(
        "aws:lambda/function:Function",
        "credentials-function",
        {
            name: "platform-credentials",
            runtime: "nodejs24.x",
            vpcConfig: { subnetIds: ["app-1-id", "app-2-id"], securityGroupIds: ["credentials-sg-id"] },
            kmsKeyArn: KEY,
            environment: { variables: { APP_DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:platform/db/app-AbCdEf" } },
            reservedConcurrentExecutions: 3,
            tags: TAGS,
        },
    ),
    resource("aws:lambda/permission:Permission", "credentials-rotation-permission", {
        action: "lambda:InvokeFunction",
        function: "platform-credentials",
        principal: "secretsmanager.amazonaws.com",
        sourceAccount: "123456789012",
    }),
];

// One NAT gateway (730 h x $0.045) and its share of data: about 35 USD a month.
const budgeted = () => [
    resource("pulumi:providers:aws", "aws", { region: "us-east-1" }),
    resource("aws:ec2/natGateway:NatGateway", "nat", { subnetId: "public-1-id", tags: TAGS }),
    resource("aws:budgets/budget:Budget", "budget", { budgetType: "COST", limitAmount: "5000", limitUnit: "USD", timeUnit: "MONTHLY", tags: TAGS }),
];

export const cases: PolicyCase[] = [
    {
        policy: lambdaInVpc,
        baseline: credentialsFunction,
        mutations: [{ title: "no VPC", apply: set("credentials-function", "vpcConfig", undefined), message: /would run outside the VPC/ }],
    },
    {
        policy: lambdaEnvironment,
        baseline: credentialsFunction,
        mutations: [{ title: "AWS managed key", apply: set("credentials-function", "kmsKeyArn", undefined), message: /kmsKeyArn is not/ }],
    },
    {
        policy: lambdaConcurrency,
        baseline: credentialsFunction,
        mutations: [{ title: "unreserved", apply: set("credentials-function", "reservedConcurrentExecutions", undefined), message: /reservedConcurrentExecutions is not set/ }],
    },
    {
        policy: lambdaPermission,
        baseline: credentialsFunction,
        mutations: [
            { title: "any account", apply: set("credentials-rotation-permission", "sourceAccount", undefined), message: /secretsmanager\.amazonaws\.com may invoke the function for any account/ },
            { title: "anyone", apply: set("credentials-rotation-permission", "principal", "*"), message: /anyone may invoke/ },
        ],
    },
    {
        policy: budgetLimit,
        baseline: budgeted,
        mutations: [{ title: "estimate above the limit", apply: set("budget", "limitAmount", "10"), message: /exceeds the budget of \$10\.00/ }],
    },
    {
        policy: kmsRotation,
        baseline: () => [kmsKey()],
        mutations: [{ title: "rotation off", apply: set("key", "enableKeyRotation", false), message: /enableKeyRotation is not true/ }],
    },
    {
        policy: kmsPolicy,
        baseline: () => [kmsKey()],
        mutations: [
            { title: "anyone may decrypt", apply: set("key", "policy", document({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" })), message: /statement 0 allows any principal/ },
            { title: "no policy", apply: set("key", "policy", undefined), message: /policy is not set/ },
            { title: "lockout check bypassed", apply: set("key", "bypassPolicyLockoutSafetyCheck", true), message: /bypassPolicyLockoutSafetyCheck is true/ },
        ],
    },
    {
        policy: logRetention,
        baseline: logGroup,
        mutations: [
            { title: "kept forever", apply: set("app-logs", "retentionInDays", undefined), message: /retentionInDays is not set/ },
            { title: "30 days in production", apply: set("app-logs", "retentionInDays", 30), message: /retentionInDays is 30; the production-medium tier keeps logs at least 365 days/ },
            { title: "14 days is enough in development", tier: "development", apply: set("app-logs", "retentionInDays", 14), expectNone: true },
        ],
    },
    {
        policy: logEncrypted,
        baseline: logGroup,
        mutations: [{ title: "no CMK", apply: set("app-logs", "kmsKeyId", undefined), message: /kmsKeyId is not set/ }],
    },
    {
        policy: alarmActions,
        baseline: () => [resource(T.metricAlarm, "cpu", { actionsEnabled: true, alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"], tags: TAGS })],
        mutations: [
            { title: "actions disabled", apply: set("cpu", "actionsEnabled", false), message: /actionsEnabled is false/ },
            { title: "no actions", apply: set("cpu", "alarmActions", []), message: /alarmActions is empty/ },
        ],
    },
    {
        policy: snsEncrypted,
        baseline: () => [resource(T.snsTopic, "alerts", { kmsMasterKeyId: KEY, tags: TAGS })],
        mutations: [{ title: "unencrypted topic", apply: set("alerts", "kmsMasterKeyId", undefined), message: /kmsMasterKeyId is not set/ }],
    },
    {
        policy: sqsEncrypted,
        baseline: () => [resource(T.sqsQueue, "tasks", { sqsManagedSseEnabled: true, tags: TAGS }), resource(T.sqsQueue, "tasks-kms", { kmsMasterKeyId: KEY, tags: TAGS })],
        mutations: [{ title: "unencrypted queue", apply: set("tasks", "sqsManagedSseEnabled", false), message: /neither sqsManagedSseEnabled nor kmsMasterKeyId/ }],
    },
    {
        policy: iamActions,
        baseline: () => [rolePolicy(), role()],
        mutations: [
            { title: "admin", apply: set("app-access", "policy", document({ Effect: "Allow", Action: "*", Resource: "*" })), message: /statement 0 allows \*/ },
            { title: "whole service", apply: set("app-access", "policy", document({ Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::data/*" })), message: /allows s3:\*/ },
            { title: "NotAction", apply: set("app-access", "policy", document({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), message: /allows everything except iam:\*/ },
            { title: "inline role policy", apply: set("instance-role", "inlinePolicies", [{ name: "x", policy: document({ Effect: "Allow", Action: "ec2:*", Resource: "*" }) }]), message: /inlinePolicies\[0\] statement 0 allows ec2:\*/ },
        ],
    },
    {
        policy: iamResources,
        baseline: () => [rolePolicy(), role()],
        mutations: [
            { title: "write on every bucket", apply: set("app-access", "policy", document({ Effect: "Allow", Action: ["s3:PutObject"], Resource: "*" })), message: /grants s3:PutObject on every resource/ },
            { title: "PassRole on any role", apply: set("app-access", "policy", document({ Effect: "Allow", Action: "iam:PassRole", Resource: ["*"] })), message: /grants iam:PassRole on every resource/ },
            { title: "NotResource", apply: set("app-access", "policy", document({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" })), message: /uses NotResource/ },
            {
                title: "configured extra unscopable action",
                config: { "aws-iam-policy-no-wildcard-resources": { allowedActions: ["s3:PutObject"] } },
                apply: set("app-access", "policy", document({ Effect: "Allow", Action: ["s3:PutObject"], Resource: "*" })),
                expectNone: true,
            },
        ],
    },
    {
        policy: roleTrust,
        baseline: () => [role()],
        mutations: [{ title: "anyone may assume", apply: set("instance-role", "assumeRolePolicy", document({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })), message: /lets any AWS principal assume the role/ }],
    },
    {
        policy: secretKms,
        baseline: secrets,
        mutations: [{ title: "default key", apply: set("db-password", "kmsKeyId", undefined), message: /kmsKeyId is not set/ }],
    },
    {
        policy: secretRotation,
        baseline: secrets,
        mutations: [{ title: "no rotation", apply: (resources) => resources.filter((r) => r.type !== T.secretRotation), message: /secret "db-password" never rotates/ }],
    },
    {
        policy: requiredTags,
        baseline: () => [rdsPrimary(), autoscalingGroup(), kmsKey(), resource("aws:kms/alias:Alias", "key-alias", { name: "alias/x", targetKeyId: "key-id" })],
        mutations: [
            { title: "tier tag missing", apply: set("db-primary", "tags.tier", undefined), message: /missing required tag\(s\) tier/ },
            { title: "no tags at all", apply: set("key", "tags", undefined), message: /missing required tag\(s\) project, environment, tier, managed-by/ },
            { title: "list tags without managed-by", apply: (resources) => resources.map((r) => (r.name === "web-group" ? { ...r, inputs: { ...r.inputs, tags: (r.inputs?.tags as { key: string }[]).filter((tag) => tag.key !== "managed-by") } } : r)), message: /missing required tag\(s\) managed-by/ },
            { title: "unknown tier", apply: set("db-primary", "tags.tier", "prod"), message: /tag tier is "prod", not one of/ },
        ],
    },
    {
        policy: plaintextSecrets,
        baseline: () => [rdsPrimary(), replicationGroup(), ...secrets()],
        mutations: [
            { title: "literal database password", apply: set("db-primary", "password", "hunter2hunter2"), message: /password of aws:rds\/instance:Instance "db-primary" is written in plain text/ },
            { title: "literal AUTH token", apply: set("redis", "authToken", "0123456789abcdef0123"), message: /authToken of .* "redis" is written in plain text/ },
            { title: "literal secret string", apply: set("db-password-version", "secretString", "{\"password\":\"x\"}"), message: /secretString of .* is written in plain text/ },
            {
                title: "a generated value under the engine (property dependency) is fine",
                apply: (resources) => [
                    generatedPassword,
                    ...resources.map((r) =>
                        r.name === "db-primary" ? { ...r, inputs: { ...r.inputs, password: "mock-password-Aa1" }, propertyDependencies: { password: [generatedPassword.urn as string] } } : r,
                    ),
                ],
                expectNone: true,
            },
        ],
    },
];
