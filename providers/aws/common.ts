// Helpers every AWS adapter file shares: resource options, tags, overrides, customer-managed
// keys and generated secrets. Kept here so each component file reads as its architecture only.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { ComponentName } from "../../config/types";
import { AdapterContext } from "../adapter";
import { mergeOverrides } from "../overrides";
import { secretReplication } from "./secretReplicas";

/** Options for an ordinary child of the component. */
export function childOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, ...extra };
}

/** Options for a resource that holds data: protected from deletion in production tiers. */
export function dataOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, protect: ctx.platform.protectData, ...extra };
}

/** The platform's required tags plus a Name for the console. */
export function tagsFor(ctx: AdapterContext, role: string): Record<string, string> {
    return { ...ctx.platform.tags, Name: `${ctx.name}-${role}` };
}

/** The name a child gets: `${component}-${role}`. */
export function childName(ctx: AdapterContext, role: string): string {
    return `${ctx.name}-${role}`;
}

type Plain = Record<string, unknown>;

/** `overrides.<component>.aws` from the stack file, merged last into the primary resource's args. */
export function withOverrides<T extends object>(ctx: AdapterContext, component: ComponentName, args: T): T {
    return mergeOverrides(ctx.platform, component, "aws", args);
}

export function regionOf(ctx: AdapterContext): string {
    if (!ctx.platform.region) {
        throw new pulumi.RunError("platform:region is required for cloud aws.");
    }
    return ctx.platform.region;
}

export function accountId(ctx: AdapterContext): pulumi.Output<string> {
    return aws.getCallerIdentityOutput({}, { parent: ctx.parent }).accountId;
}

/**
 * The Auto Scaling service-linked role: it launches the instances, so it must be able to use
 * the key of their volumes or they fail to launch (Client.InvalidKMSKey.InvalidState).
 */
export function autoScalingServiceRoleArn(ctx: AdapterContext): pulumi.Output<string> {
    return pulumi.interpolate`arn:aws:iam::${accountId(ctx)}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/** Path under which the platform's secrets live, e.g. "platform-prod/db/password". */
export function secretsPrefix(ctx: AdapterContext): string {
    return ctx.platform.name;
}

export interface KeyOptions {
    description: string;
    /** Lets CloudWatch Logs encrypt this platform's log groups with the key. */
    logs?: boolean;
    /** Service principals (e.g. "cloudwatch.amazonaws.com") that may use the key. */
    servicePrincipals?: string[];
    /** IAM principal ARNs (e.g. service-linked roles) that may use the key and grant it. */
    principalArns?: pulumi.Input<string>[];
}

const USE_KEY_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/**
 * A customer-managed key with yearly rotation and a key policy that names who may use it.
 * Data keys are protected in production: losing a key loses the data it encrypts.
 */
export function createKmsKey(ctx: AdapterContext, role: string, options: KeyOptions): aws.kms.Key {
    const region = regionOf(ctx);
    const account = accountId(ctx);
    const policy = pulumi.all([account, pulumi.all(options.principalArns ?? [])]).apply(([acct, principalArns]) => {
        const statements: Plain[] = [
            {
                Sid: "AccountAdministers",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${acct}:root` },
                Action: "kms:*",
                Resource: "*",
            },
        ];
        if (options.logs) {
            statements.push({
                Sid: "CloudWatchLogsEncrypt",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: USE_KEY_ACTIONS,
                Resource: "*",
                Condition: {
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${acct}:log-group:*` },
                },
            });
        }
        if (options.servicePrincipals?.length) {
            statements.push({
                Sid: "ServicesUseKey",
                Effect: "Allow",
                Principal: { Service: options.servicePrincipals },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": acct } },
            });
        }
        if (principalArns.length) {
            // Named by condition, not as principals: a key policy naming a role that does not
            // exist yet (the Auto Scaling service-linked role of a new account) is rejected.
            const callers = { ArnEquals: { "aws:PrincipalArn": principalArns }, StringEquals: { "kms:CallerAccount": acct } };
            statements.push(
                { Sid: "PrincipalsUseKey", Effect: "Allow", Principal: { AWS: "*" }, Action: USE_KEY_ACTIONS, Resource: "*", Condition: callers },
                {
                    Sid: "PrincipalsGrantForResources",
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "kms:CreateGrant",
                    Resource: "*",
                    Condition: { ...callers, Bool: { "kms:GrantIsForAWSResource": "true" } },
                },
            );
        }
        return JSON.stringify({ Version: "2012-10-17", Statement: statements });
    });
    const key = new aws.kms.Key(
        childName(ctx, `${role}-key`),
        {
            description: options.description,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy,
            tags: tagsFor(ctx, `${role}-key`),
        },
        dataOpts(ctx),
    );
    new aws.kms.Alias(
        childName(ctx, `${role}-key-alias`),
        { name: `alias/${childName(ctx, role)}`, targetKeyId: key.keyId },
        childOpts(ctx),
    );
    return key;
}

/**
 * A Secrets Manager secret under the platform's prefix, encrypted with a component's key. With
 * `value`, the program writes its one version (plain data such as endpoints); without, the
 * value comes from elsewhere (RDS, or the credentials function, which generates and rotates it),
 * so no credential passes through the program or its state.
 *
 * Outside production a deleted secret is removed at once: a name still scheduled for deletion
 * would block `pulumi destroy` followed by `pulumi up`. Production keeps the 30-day recovery
 * window (and the secret is protected from deletion anyway).
 */
export function createSecret(
    ctx: AdapterContext,
    role: string,
    options: { path: string; description: string; kmsKeyId: pulumi.Input<string>; value?: pulumi.Input<string> },
): aws.secretsmanager.Secret {
    // With a DR region, every secret also lives there (a restore needs them all).
    const { replicas, dependsOn } = secretReplication(ctx.platform);
    const secret = new aws.secretsmanager.Secret(
        childName(ctx, role),
        {
            name: `${secretsPrefix(ctx)}/${options.path}`,
            description: options.description,
            kmsKeyId: options.kmsKeyId,
            recoveryWindowInDays: ctx.platform.protectData ? 30 : 0,
            ...(replicas ? { replicas } : {}),
            tags: tagsFor(ctx, role),
        },
        dataOpts(ctx, dependsOn ? { dependsOn } : {}),
    );
    if (options.value !== undefined) {
        new aws.secretsmanager.SecretVersion(childName(ctx, `${role}-version`), { secretId: secret.id, secretString: options.value }, childOpts(ctx));
    }
    return secret;
}

/** An encrypted log group with the tier's retention: what every component writes its logs to. */
export function createLogGroup(
    ctx: AdapterContext,
    role: string,
    options: { name: pulumi.Input<string>; retentionDays: number; key: aws.kms.Key },
): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        childName(ctx, role),
        { name: options.name, retentionInDays: options.retentionDays, kmsKeyId: options.key.arn, tags: tagsFor(ctx, role) },
        childOpts(ctx),
    );
}

/** ALB listener rule priorities run from 1 to 50,000 and must be unique on a listener. */
const MAX_RULE_PRIORITY = 50000;

/**
 * A listener rule priority per name that depends on the name alone, not on its position in the
 * stack file: reordering or inserting services then never asks ALB for a priority an existing
 * rule still holds (PriorityInUse mid-deploy). Rules match disjoint hosts or paths, so only
 * uniqueness matters; the rare hash collision moves to the next free value, in name order.
 */
export function rulePriorities(names: readonly string[]): Record<string, number> {
    const taken = new Set<number>();
    const priorities: Record<string, number> = {};
    for (const name of [...names].sort()) {
        let priority = 1 + (createHash("sha256").update(name).digest().readUInt32BE(0) % MAX_RULE_PRIORITY);
        while (taken.has(priority)) {
            priority = (priority % MAX_RULE_PRIORITY) + 1;
        }
        taken.add(priority);
        priorities[name] = priority;
    }
    return priorities;
}

/** Names AWS caps (ALB and target groups: 32): cut and suffixed with a stable hash when too long. */
export function boundedName(name: string, max: number): string {
    if (name.length <= max) {
        return name;
    }
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/**
 * A role only the given AWS service may assume. `sourceArnPattern` (a function of the account)
 * narrows it further: the confused-deputy guard for services acting on behalf of resources.
 */
export function createServiceRole(
    ctx: AdapterContext,
    role: string,
    options: { service: string; description: string; sourceAccount?: boolean; sourceArnPattern?: (account: string) => string },
): aws.iam.Role {
    const assumeRolePolicy = accountId(ctx).apply((account) => {
        const condition: Plain = {};
        if (options.sourceAccount || options.sourceArnPattern) {
            condition.StringEquals = { "aws:SourceAccount": account };
        }
        if (options.sourceArnPattern) {
            condition.ArnLike = { "aws:SourceArn": options.sourceArnPattern(account) };
        }
        const statement: Plain = { Effect: "Allow", Principal: { Service: options.service }, Action: "sts:AssumeRole" };
        return JSON.stringify({ Version: "2012-10-17", Statement: [Object.keys(condition).length ? { ...statement, Condition: condition } : statement] });
    });
    return new aws.iam.Role(
        childName(ctx, role),
        { description: options.description, assumeRolePolicy, tags: tagsFor(ctx, role) },
        childOpts(ctx),
    );
}
