// Who may do what on the EKS cluster, through EKS Pod Identity: per service the rights the VM
// instance role gives the app (instanceRole.ts: its bucket, the platform's secrets and keys,
// the worker queues), and for each add-on only what it calls: External Secrets reads the
// platform's secrets by ARN, KEDA reads the queues' depth, the Load Balancer Controller binds
// pods to the target groups this program created, the Cluster Autoscaler resizes this
// cluster's node group. Pod Identity rather than IRSA: no OIDC provider, no role ARN on the
// ServiceAccount, and the trust policy names this cluster alone.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppFleetDeps } from "../adapter";
import { ServiceSpec } from "../../tiers/types";
import { ServiceIdentity } from "../kubernetes/workloads/types";
import { childName, childOpts, secretsPrefix, tagsFor } from "./common";
import { ApplicationCredentials } from "./credentials";
import { FleetScope } from "./loadBalancer";
import { AwsCacheNative, AwsDatabaseNative, AwsObjectStoreNative, AwsTelemetryNative, nativeOf } from "./native";
import { podRole } from "./cluster";
import { telemetryStatements } from "./instanceRole";

/** Namespaces and ServiceAccounts of the add-ons, as their charts name them with the values clusterFleet.ts gives. */
export const ADDON_ACCOUNTS = {
    externalSecrets: { namespace: "external-secrets", serviceAccount: "external-secrets" },
    keda: { namespace: "keda", serviceAccount: "keda-operator" },
    loadBalancerController: { namespace: "kube-system", serviceAccount: "aws-load-balancer-controller" },
    clusterAutoscaler: { namespace: "kube-system", serviceAccount: "cluster-autoscaler" },
} as const;

type Statement = Record<string, unknown>;

function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** A role, its inline policy and the association that hands it to one ServiceAccount. */
function podIdentity(
    s: FleetScope,
    cluster: { name: pulumi.Input<string>; arn: pulumi.Input<string> },
    role: string,
    account: { namespace: pulumi.Input<string>; serviceAccount: string },
    description: string,
    statements: Statement[],
): { role: aws.iam.Role; association: aws.eks.PodIdentityAssociation } {
    const { ctx } = s;
    const created = podRole(s, `${role}-role`, description, cluster.arn);
    const policy = new aws.iam.RolePolicy(childName(ctx, `${role}-access`), { name: `${role}-access`, role: created.id, policy: policyDocument(statements) }, childOpts(ctx));
    const association = new aws.eks.PodIdentityAssociation(
        childName(ctx, `${role}-identity`),
        { clusterName: cluster.name, namespace: account.namespace, serviceAccount: account.serviceAccount, roleArn: created.arn, tags: tagsFor(ctx, `${role}-identity`) },
        childOpts(ctx, { dependsOn: [policy] }),
    );
    return { role: created, association };
}

/** The ServiceAccount of a service's pods (deployWorkloads names it after the service). */
export function serviceAccountName(service: Pick<ServiceSpec, "name">): string {
    return service.name;
}

/**
 * Pod Identity needs nothing on the ServiceAccount: its webhook adds an audience-bound token
 * volume. The token is still mounted, as for IRSA: pods that opt out have been reported to get
 * no AWS credentials, and the ServiceAccount is bound to no Role, so the Kubernetes token
 * opens nothing but API discovery.
 */
export function eksServiceIdentity(): ServiceIdentity {
    return { serviceAccountAnnotations: {}, podLabels: {}, automountServiceAccountToken: true };
}

/**
 * Per service: the idea-management document's three statements (bucket objects, the
 * platform's secrets, its keys) and the worker queues, as the VM instance role has them.
 * Logs, metrics and the launch hook stay with the node: containers write to stdout.
 */
export function serviceIdentities(
    s: FleetScope,
    deps: AppFleetDeps,
    cluster: { name: pulumi.Input<string>; arn: pulumi.Input<string> },
    namespace: pulumi.Input<string>,
    queues: aws.sqs.Queue[],
): Record<string, aws.eks.PodIdentityAssociation> {
    const storage = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const statements: Statement[] = [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: pulumi.interpolate`${storage.bucket.arn}/*` },
        {
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: pulumi.interpolate`arn:aws:secretsmanager:${s.region}:${s.account}:secret:${secretsPrefix(s.ctx)}/*`,
        },
        { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [storage.key.arn, database.key.arn, cache.key.arn, s.key.arn] },
    ];
    if (queues.length > 0) {
        statements.push({
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
            Resource: queues.map((queue) => queue.arn),
        });
    }
    return Object.fromEntries(
        s.spec.services.map((service) => [
            service.name,
            podIdentity(s, cluster, `${service.name}-pod`, { namespace, serviceAccount: serviceAccountName(service) }, `${s.ctx.platform.name} ${service.name} pods`, statements).association,
        ]),
    );
}

/** Every secret the contract environment reads, by ARN: what External Secrets may read, nothing more. */
export function contractSecretArns(deps: AppFleetDeps, credentials: ApplicationCredentials): pulumi.Output<string>[] {
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    return [database.appSecret.arn, ...(database.replicasSecret ? [database.replicasSecret.arn] : []), cache.authSecret.arn, ...Object.values(credentials.applicationSecrets).map((secret) => secret.arn)];
}

/** The cluster's OpenTelemetry collector: remote write to the workspace, spans to X-Ray, nothing else. */
export function collectorIdentity(
    s: FleetScope,
    cluster: { name: pulumi.Input<string>; arn: pulumi.Input<string> },
    account: { namespace: string; serviceAccount: string },
    telemetry: AwsTelemetryNative,
): aws.eks.PodIdentityAssociation {
    return podIdentity(s, cluster, "otel-collector", account, `${s.ctx.platform.name} OpenTelemetry collector`, telemetryStatements(telemetry) as Statement[]).association;
}

export interface AddonIdentities {
    externalSecrets: aws.eks.PodIdentityAssociation;
    keda: aws.eks.PodIdentityAssociation;
    loadBalancerController: aws.eks.PodIdentityAssociation;
    clusterAutoscaler: aws.eks.PodIdentityAssociation;
}

export function addonIdentities(
    s: FleetScope,
    deps: AppFleetDeps,
    cluster: { name: pulumi.Input<string>; arn: pulumi.Input<string> },
    grants: { credentials: ApplicationCredentials; queues: aws.sqs.Queue[]; targetGroups: aws.lb.TargetGroup[]; clusterName: string; nodeGroupName: string },
): AddonIdentities {
    const { ctx, region, account } = s;
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const externalSecrets = podIdentity(s, cluster, "external-secrets", ADDON_ACCOUNTS.externalSecrets, `${ctx.platform.name} External Secrets`, [
        { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: contractSecretArns(deps, grants.credentials) },
        { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [database.key.arn, cache.key.arn, s.key.arn] },
    ]).association;

    // Without queues KEDA still runs (the chart is the same everywhere) but may read nothing.
    const kedaStatements: Statement[] =
        grants.queues.length > 0
            ? [{ Effect: "Allow", Action: ["sqs:GetQueueAttributes"], Resource: grants.queues.map((queue) => queue.arn) }]
            : [{ Effect: "Deny", Action: ["sqs:*"], Resource: "*" }];
    const keda = podIdentity(s, cluster, "keda", ADDON_ACCOUNTS.keda, `${ctx.platform.name} KEDA (queue depth)`, kedaStatements).association;

    // TargetGroupBinding only: the controller registers pod IPs in target groups this program
    // owns and never creates load balancers, so none of its Ingress/Service rights are granted.
    const describe = [
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes",
        "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeAvailabilityZones",
    ];
    const lbStatements: Statement[] = [
        // Describe calls have no resource-level permissions.
        { Effect: "Allow", Action: describe, Resource: "*" },
    ];
    if (grants.targetGroups.length > 0) {
        lbStatements.push({ Effect: "Allow", Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], Resource: grants.targetGroups.map((group) => group.arn) });
    }
    const loadBalancerController = podIdentity(s, cluster, "lb-controller", ADDON_ACCOUNTS.loadBalancerController, `${ctx.platform.name} AWS Load Balancer Controller`, lbStatements).association;

    const clusterAutoscaler = podIdentity(s, cluster, "autoscaler", ADDON_ACCOUNTS.clusterAutoscaler, `${ctx.platform.name} Cluster Autoscaler`, [
        {
            Effect: "Allow",
            Action: [
                "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
            ],
            Resource: "*",
        },
        // The node group's labels and taints, for scaling it up from zero.
        { Effect: "Allow", Action: ["eks:DescribeNodegroup"], Resource: pulumi.interpolate`arn:aws:eks:${region}:${account}:nodegroup/${grants.clusterName}/${grants.nodeGroupName}/*` },
        // Only groups EKS tagged as this cluster's: the managed node group's.
        {
            Effect: "Allow",
            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Resource: pulumi.interpolate`arn:aws:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/eks-${grants.nodeGroupName}-*`,
            Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${grants.clusterName}`]: "owned" } },
        },
    ]).association;
    return { externalSecrets, keda, loadBalancerController, clusterAutoscaler };
}
