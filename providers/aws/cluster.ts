// The EKS cluster of `runtime: kubernetes`: a control plane reached on its private endpoint
// (or on a public one limited to the admin ranges), secrets envelope-encrypted with a customer
// key, every control-plane log in an encrypted group with the tier's retention, access entries
// instead of the aws-auth ConfigMap, and one managed node group in the app subnets of the
// tier's zones whose launch template keeps pods away from the node's credentials.

import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSpec } from "../../tiers/types";
import { autoScalingServiceRoleArn, childName, childOpts, createKmsKey, createLogGroup, createServiceRole, tagsFor, withOverrides } from "./common";
import { FleetScope } from "./loadBalancer";
import { instanceTypeFor } from "./sizes";

/** Every control-plane log EKS can ship (CKV_AWS_37). */
export const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * Managed add-on versions per Kubernetes minor. Pinned so a deploy never upgrades them behind
 * the operator's back; `aws eks describe-addon-versions --kubernetes-version <minor>` lists
 * the newer ones. A minor without a row is refused by validateCluster.
 */
export const ADDON_VERSIONS: Record<string, Record<EksAddon, string>> = {
    "1.33": {
        "vpc-cni": "v1.19.5-eksbuild.1",
        "kube-proxy": "v1.33.0-eksbuild.2",
        coredns: "v1.12.1-eksbuild.2",
        "eks-pod-identity-agent": "v1.3.7-eksbuild.2",
        "amazon-cloudwatch-observability": "v4.1.0-eksbuild.1",
    },
};

export type EksAddon = "vpc-cni" | "kube-proxy" | "coredns" | "eks-pod-identity-agent" | "amazon-cloudwatch-observability";

/** Minors in EKS standard support ($0.10 per cluster-hour; extended support costs $0.60). */
export const STANDARD_SUPPORT_VERSIONS = Object.keys(ADDON_VERSIONS);

/** The node image family: Amazon Linux 2023, whose nodeadm reads the cluster from the API, not from user data. */
const AMI_TYPE = "AL2023_x86_64_STANDARD";

/** EKS cluster names: 1-100 characters, letters, digits, "-" and "_", starting with a letter or digit. */
export const CLUSTER_NAME_MAX = 100;
/** Managed node group names: 1-63 characters. */
export const NODE_GROUP_NAME_MAX = 63;

export function clusterNameFor(component: string): string {
    return `${component}-cluster`;
}

export function nodeGroupNameFor(component: string): string {
    return `${component}-nodes`;
}

/** Where EKS writes the control-plane logs; it creates the group itself (unencrypted, kept forever) unless it exists. */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/** Problems with the cluster a stack asks for, each naming the key and what is allowed. */
export function validateCluster(cluster: ClusterSpec): string[] {
    const problems: string[] = [];
    if (!ADDON_VERSIONS[cluster.kubernetesVersion]) {
        problems.push(
            `platform:runtime: Kubernetes ${JSON.stringify(cluster.kubernetesVersion)} has no pinned EKS add-on versions; allowed on EKS: ${STANDARD_SUPPORT_VERSIONS.join(", ")} (in standard support)`,
        );
    }
    if (cluster.zones < 2) {
        problems.push(`platform:network.zones: ${cluster.zones} zone; EKS needs the cluster's subnets in at least 2 zones; allowed: 2 or more with runtime kubernetes`);
    }
    return problems;
}

/** The public endpoint only when admin ranges are given, and then only for them (IPv4: what EKS accepts). */
export function endpointAccess(adminCidrs: readonly string[]): { endpointPrivateAccess: boolean; endpointPublicAccess: boolean; publicAccessCidrs?: string[] } {
    const ranges = adminCidrs.filter((cidr) => !cidr.includes(":"));
    return ranges.length > 0
        ? { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ranges }
        : { endpointPrivateAccess: true, endpointPublicAccess: false };
}

/** A kubeconfig that asks the AWS CLI for a token, so no credential is written into it. */
export function kubeconfigFor(clusterName: string, endpoint: string, caData: string, region: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": caData } }],
        contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
        "current-context": clusterName,
        users: [
            {
                name: clusterName,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"],
                    },
                },
            },
        ],
    });
}

export interface EksCluster {
    cluster: aws.eks.Cluster;
    clusterName: string;
    nodeGroup: aws.eks.NodeGroup;
    nodeGroupName: string;
    nodeRole: aws.iam.Role;
    /** Envelope encryption of the cluster's Secrets. */
    secretsKey: aws.kms.Key;
    logGroup: aws.cloudwatch.LogGroup;
    provider: k8s.Provider;
    /** Add-ons installed before the nodes (networking, pod identity) and after them. */
    addons: Record<EksAddon, aws.eks.Addon>;
}

function addon(s: FleetScope, cluster: aws.eks.Cluster, name: EksAddon, extra: Partial<aws.eks.AddonArgs> = {}, dependsOn: pulumi.Resource[] = []): aws.eks.Addon {
    const version = ADDON_VERSIONS[s.spec.kubernetes.cluster.kubernetesVersion][name];
    return new aws.eks.Addon(
        childName(s.ctx, `addon-${name}`),
        {
            clusterName: cluster.name,
            addonName: name,
            addonVersion: version,
            // The add-on owns its objects: a manual edit is put back on the next update.
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            ...extra,
            tags: tagsFor(s.ctx, `addon-${name}`),
        },
        childOpts(s.ctx, { dependsOn }),
    );
}

/** A role that EKS Pod Identity hands to one ServiceAccount of this cluster only. */
export function podRole(s: FleetScope, role: string, description: string, clusterArn: pulumi.Input<string>): aws.iam.Role {
    const assumeRolePolicy = pulumi.all([s.account, clusterArn]).apply(([account, arn]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": arn } },
                },
            ],
        }),
    );
    return new aws.iam.Role(childName(s.ctx, role), { description, assumeRolePolicy, tags: tagsFor(s.ctx, role) }, childOpts(s.ctx));
}

function attach(s: FleetScope, role: aws.iam.Role, name: string, policyArn: string): aws.iam.RolePolicyAttachment {
    return new aws.iam.RolePolicyAttachment(childName(s.ctx, name), { role: role.name, policyArn }, childOpts(s.ctx));
}

function clusterRole(s: FleetScope, secretsKey: aws.kms.Key): { role: aws.iam.Role; grants: pulumi.Resource[] } {
    const role = createServiceRole(s.ctx, "cluster-role", { service: "eks.amazonaws.com", description: `${s.ctx.platform.name} EKS control plane` });
    const managed = attach(s, role, "cluster-policy", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
    // Envelope encryption: the control plane wraps each Secret's data key with the customer key.
    const encrypt = new aws.iam.RolePolicy(
        childName(s.ctx, "cluster-secrets-encryption"),
        {
            name: "secrets-encryption",
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: secretsKey.arn }],
            }),
        },
        childOpts(s.ctx),
    );
    return { role, grants: [managed, encrypt] };
}

function nodeRole(s: FleetScope): { role: aws.iam.Role; grants: pulumi.Resource[] } {
    const role = createServiceRole(s.ctx, "node-role", { service: "ec2.amazonaws.com", description: `${s.ctx.platform.name} EKS nodes` });
    // The CNI's rights go to its own ServiceAccount (Pod Identity), not to every pod's node.
    const grants = [
        attach(s, role, "node-worker-policy", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"),
        attach(s, role, "node-registry-pull", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"),
        // Session Manager instead of SSH, as on the VM fleet.
        attach(s, role, "node-ssm-core", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
    ];
    return { role, grants };
}

function nodeTemplate(s: FleetScope, cluster: aws.eks.Cluster): aws.ec2.LaunchTemplate {
    const { ctx, net } = s;
    const tags = { ...tagsFor(ctx, "node"), "platform-role": "eks-node" };
    return new aws.ec2.LaunchTemplate(
        childName(ctx, "node-template"),
        {
            // IMDSv2 only and one hop: the node reads its metadata, a pod (one hop further) cannot
            // reach it and so never borrows the node role; pods get their own roles from Pod Identity.
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
            monitoring: { enabled: true },
            // The cluster group lets the control plane and the nodes talk; the app group carries
            // the VM app tier's paths (from the load balancer, to PostgreSQL and Redis). Pods share
            // the node's interfaces, so they get exactly those paths.
            vpcSecurityGroupIds: [cluster.vpcConfig.clusterSecurityGroupId, net.securityGroups.app.id],
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: { volumeSize: ctx.platform.appFleet.services[0]?.rootVolumeGb ?? 30, volumeType: "gp3", encrypted: "true", kmsKeyId: s.key.arn, deleteOnTermination: "true" },
                },
            ],
            tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags })),
            updateDefaultVersion: true,
            tags,
        },
        childOpts(ctx),
    );
}

export function createEksCluster(s: FleetScope): EksCluster {
    const { ctx, spec, net } = s;
    const clusterSpec = spec.kubernetes.cluster;
    const clusterName = clusterNameFor(ctx.name);
    const nodeGroupName = nodeGroupNameFor(ctx.name);
    const zones = net.appSubnets.slice(0, clusterSpec.zones);

    const secretsKey = createKmsKey(ctx, "cluster", { description: `${ctx.platform.name} EKS secrets envelope encryption` });
    const logGroup = createLogGroup(ctx, "cluster-logs", { name: controlPlaneLogGroupName(clusterName), retentionDays: spec.logRetentionDays, key: s.key });
    const control = clusterRole(s, secretsKey);
    const args: aws.eks.ClusterArgs = {
        name: clusterName,
        version: clusterSpec.kubernetesVersion,
        roleArn: control.role.arn,
        vpcConfig: { subnetIds: zones.map((subnet) => subnet.id), ...endpointAccess(ctx.platform.network.adminCidrs) },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKey.arn } },
        enabledClusterLogTypes: CONTROL_PLANE_LOGS,
        // Access entries only: the aws-auth ConfigMap is neither read nor needed. The identity
        // running `pulumi up` administers the cluster so the program can create its objects.
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        // Stay in standard support: at its end EKS upgrades the minor instead of billing extended support.
        upgradePolicy: { supportType: "STANDARD" },
        // The network and DNS add-ons are managed below, pinned, instead of the unmanaged defaults.
        bootstrapSelfManagedAddons: false,
        deletionProtection: spec.deletionProtection,
        tags: tagsFor(ctx, "cluster"),
    };
    const cluster = new aws.eks.Cluster(childName(ctx, "cluster"), withOverrides(ctx, "appFleet", args), childOpts(ctx, { dependsOn: [...control.grants, logGroup] }));

    const nodes = nodeRole(s);
    const cniRole = podRole(s, "vpc-cni-role", `${ctx.platform.name} VPC CNI (aws-node)`, cluster.arn);
    attach(s, cniRole, "vpc-cni-policy", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
    const podIdentityAgent = addon(s, cluster, "eks-pod-identity-agent");
    const vpcCni = addon(
        s,
        cluster,
        "vpc-cni",
        {
            // The CNI enforces NetworkPolicies (the workloads' default deny) with its eBPF agent.
            configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
            podIdentityAssociations: [{ roleArn: cniRole.arn, serviceAccount: "aws-node" }],
        },
        [podIdentityAgent],
    );
    const kubeProxy = addon(s, cluster, "kube-proxy");
    const template = nodeTemplate(s, cluster);
    const nodeGroup = new aws.eks.NodeGroup(
        childName(ctx, "nodes"),
        {
            clusterName: cluster.name,
            nodeGroupName,
            nodeRoleArn: nodes.role.arn,
            subnetIds: zones.map((subnet) => subnet.id),
            version: cluster.version,
            amiType: AMI_TYPE,
            capacityType: "ON_DEMAND",
            instanceTypes: [instanceTypeFor(clusterSpec.nodeShape)],
            scalingConfig: { minSize: clusterSpec.minNodes, maxSize: clusterSpec.maxNodes, desiredSize: clusterSpec.minNodes },
            launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
            updateConfig: { maxUnavailable: 1 },
            nodeRepairConfig: { enabled: true },
            labels: { "platform/pool": "app" },
            tags: tagsFor(ctx, "nodes"),
        },
        // The Cluster Autoscaler owns the desired size after creation.
        childOpts(ctx, { dependsOn: [...nodes.grants, vpcCni, kubeProxy, podIdentityAgent, ...net.appEgress], ignoreChanges: ["scalingConfig.desiredSize"] }),
    );
    const coredns = addon(s, cluster, "coredns", {}, [nodeGroup]);

    const agentRole = podRole(s, "cloudwatch-agent-role", `${ctx.platform.name} Container Insights agent`, cluster.arn);
    attach(s, agentRole, "cloudwatch-agent-policy", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
    const containerLogGroups = ["application", "dataplane", "host", "performance"].map((kind) =>
        createLogGroup(ctx, `insights-${kind}-logs`, { name: `/aws/containerinsights/${clusterName}/${kind}`, retentionDays: spec.logRetentionDays, key: s.key }),
    );
    const observability = addon(
        s,
        cluster,
        "amazon-cloudwatch-observability",
        { podIdentityAssociations: [{ roleArn: agentRole.arn, serviceAccount: "cloudwatch-agent" }] },
        [nodeGroup, ...containerLogGroups],
    );

    const kubeconfig = pulumi
        .all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data])
        .apply(([name, endpoint, caData]) => kubeconfigFor(name, endpoint, caData, s.region));
    const provider = new k8s.Provider(
        childName(ctx, "k8s"),
        { kubeconfig: pulumi.secret(kubeconfig), enableServerSideApply: true },
        { parent: ctx.parent, dependsOn: [nodeGroup, coredns] },
    );
    return {
        cluster,
        clusterName,
        nodeGroup,
        nodeGroupName,
        nodeRole: nodes.role,
        secretsKey,
        logGroup,
        provider,
        addons: { "vpc-cni": vpcCni, "kube-proxy": kubeProxy, coredns, "eks-pod-identity-agent": podIdentityAgent, "amazon-cloudwatch-observability": observability },
    };
}

/** The key for node volumes and log groups: the Auto Scaling role launches the nodes and must use it. */
export function clusterFleetKey(s: Pick<FleetScope, "ctx">): aws.kms.Key {
    return createKmsKey(s.ctx, "app", {
        description: `${s.ctx.platform.name} node volumes and log groups`,
        logs: true,
        principalArns: [autoScalingServiceRoleArn(s.ctx)],
    });
}
