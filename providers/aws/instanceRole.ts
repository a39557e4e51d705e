// The app instances' identity: one role for every service's instances with the
// idea-management document's three statements scoped to this platform, a runtime policy for
// logs, metrics, queues and the launch hook, Session Manager instead of SSH, and the right to
// leave and rejoin their own target groups around a restart.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppFleetDeps } from "../adapter";
import { childName, childOpts, createServiceRole, secretsPrefix, tagsFor } from "./common";
import { FleetScope } from "./loadBalancer";
import { telemetryParameterName } from "./collector";
import { AwsCacheNative, AwsDatabaseNative, AwsObjectStoreNative, AwsTelemetryNative, nativeOf } from "./native";

/** The collector's X-Ray calls: none of them has resource-level permissions, so they take "*". */
export const XRAY_WRITE_ACTIONS = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"];

/** What a collector (on an instance or in the cluster) needs to write metrics and traces. */
export function telemetryStatements(telemetry: AwsTelemetryNative): unknown[] {
    const statements: unknown[] = [];
    if (telemetry.workspace) {
        statements.push({ Effect: "Allow", Action: ["aps:RemoteWrite"], Resource: telemetry.workspace.arn });
    }
    if (telemetry.xray) {
        statements.push({ Effect: "Allow", Action: XRAY_WRITE_ACTIONS, Resource: "*" });
    }
    return statements;
}

export interface InstanceIdentity {
    role: aws.iam.Role;
    profile: aws.iam.InstanceProfile;
    /** What instances need before they boot; groups wait for it. */
    grants: pulumi.Resource[];
}

export function instanceIdentity(s: FleetScope, deps: AppFleetDeps, logGroups: aws.cloudwatch.LogGroup[], queues: aws.sqs.Queue[], groupNames: string[]): InstanceIdentity {
    const { ctx } = s;
    const storage = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const role = createServiceRole(ctx, "instance-role", { service: "ec2.amazonaws.com", description: `${ctx.platform.name} app instances` });
    const profile = new aws.iam.InstanceProfile(childName(ctx, "instance-profile"), { role: role.name, tags: tagsFor(ctx, "instance-profile") }, childOpts(ctx));
    // The idea-management document's three statements, scoped to this platform's bucket, secrets and keys.
    const access = new aws.iam.RolePolicy(
        childName(ctx, "app-access"),
        {
            name: "app-access",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: pulumi.interpolate`${storage.bucket.arn}/*` },
                    {
                        Effect: "Allow",
                        Action: ["secretsmanager:GetSecretValue"],
                        Resource: pulumi.interpolate`arn:aws:secretsmanager:${s.region}:${s.account}:secret:${secretsPrefix(ctx)}/*`,
                    },
                    // GenerateDataKey on top of the document's Decrypt: our bucket is SSE-KMS (the document's
                    // was AES-256), and writing an object there needs a data key from the storage key.
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [storage.key.arn, database.key.arn, cache.key.arn, s.key.arn] },
                ],
            }),
        },
        childOpts(ctx),
    );
    const runtimeStatements: unknown[] = [
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logGroups.map((group) => pulumi.interpolate`${group.arn}:*`) },
        // PutMetricData has no resource-level permissions: the namespace condition is the only scope.
        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "CWAgent" } } },
        // An instance holds its launch hook open while it waits for the platform, then releases it.
        {
            Effect: "Allow",
            Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"],
            Resource: groupNames.map((name) => pulumi.interpolate`arn:aws:autoscaling:${s.region}:${s.account}:autoScalingGroup:*:autoScalingGroupName/${name}`),
        },
    ];
    if (deps.telemetry) {
        runtimeStatements.push(
            ...telemetryStatements(nativeOf<AwsTelemetryNative>(deps.telemetry)),
            // The agents' install script of each service (collector.ts), read once at boot.
            { Effect: "Allow", Action: ["ssm:GetParameter"], Resource: pulumi.interpolate`arn:aws:ssm:${s.region}:${s.account}:parameter${telemetryParameterName(ctx.platform.name, "*")}` },
        );
    }
    if (queues.length > 0) {
        runtimeStatements.push({
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
            Resource: queues.map((queue) => queue.arn),
        });
    }
    const runtime = new aws.iam.RolePolicy(
        childName(ctx, "app-runtime"),
        { name: "app-runtime", role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: runtimeStatements }) },
        childOpts(ctx),
    );
    // Session Manager instead of SSH: no key pairs, no open port 22 on the app tier.
    const ssm = new aws.iam.RolePolicyAttachment(
        childName(ctx, "ssm-core"),
        { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
        childOpts(ctx),
    );
    return { role, profile, grants: [access, runtime, ssm] };
}

/** An instance leaves and rejoins its own target groups around a restart (userData.ts refresh). */
export function drainPermission(s: FleetScope, identity: InstanceIdentity, targetGroups: aws.lb.TargetGroup[]): void {
    if (targetGroups.length === 0) {
        return;
    }
    new aws.iam.RolePolicy(
        childName(s.ctx, "app-drain"),
        {
            name: "app-drain",
            role: identity.role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"], Resource: targetGroups.map((group) => group.arn) }],
            }),
        },
        childOpts(s.ctx),
    );
}
