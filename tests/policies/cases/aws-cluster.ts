// The EKS cluster and its managed node group: a compliant baseline and one failing mutation per rule.

import { policy as accessEntries } from "../../../policies/rules/aws/eks/access-entries";
import { policy as controlPlaneLogging } from "../../../policies/rules/aws/eks/control-plane-logging";
import { policy as nodeGroupNoRemoteAccess } from "../../../policies/rules/aws/eks/node-group-no-remote-access";
import { policy as privateEndpoint } from "../../../policies/rules/aws/eks/private-endpoint";
import { policy as secretsEncryption } from "../../../policies/rules/aws/eks/secrets-encryption";
import { policy as supportedVersion } from "../../../policies/rules/aws/eks/supported-version";
import { TAGS } from "../fixtures/aws";
import { PolicyCase, resource, set } from "../harness";

const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

function eks() {
    return [
        resource(CLUSTER, "cluster", {
            name: "platform-prod-app-cluster",
            version: "1.33",
            roleArn: "arn:aws:iam::123456789012:role/cluster",
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, endpointPublicAccess: false },
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/cluster" } },
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            upgradePolicy: { supportType: "STANDARD" },
            tags: TAGS,
        }),
        resource(NODE_GROUP, "nodes", {
            clusterName: "platform-prod-app-cluster",
            nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
            subnetIds: ["subnet-a", "subnet-b"],
            scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 2 },
            launchTemplate: { id: "lt-1", version: "1" },
            tags: TAGS,
        }),
    ];
}

export const cases: PolicyCase[] = [
    {
        policy: privateEndpoint,
        baseline: eks,
        mutations: [
            { title: "public endpoint without ranges", apply: set("cluster", "vpcConfig.endpointPublicAccess", true), message: /answers the whole internet \(EKS defaults to 0\.0\.0\.0\/0\)/ },
            {
                title: "public endpoint open to 0.0.0.0/0",
                apply: set("cluster", "vpcConfig", { subnetIds: ["subnet-a"], endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
                message: /publicAccessCidrs contains 0\.0\.0\.0\/0/,
            },
            {
                title: "public endpoint limited to admin ranges",
                apply: set("cluster", "vpcConfig", { subnetIds: ["subnet-a"], endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
                expectNone: true,
            },
            { title: "private endpoint off", apply: set("cluster", "vpcConfig.endpointPrivateAccess", false), message: /endpointPrivateAccess is not true/ },
        ],
    },
    {
        policy: secretsEncryption,
        baseline: eks,
        mutations: [
            { title: "no encryption config", apply: set("cluster", "encryptionConfig", undefined), message: /does not cover "secrets"/ },
            { title: "no customer key", apply: set("cluster", "encryptionConfig.provider", {}), message: /provider\.keyArn is not set/ },
        ],
    },
    {
        policy: controlPlaneLogging,
        baseline: eks,
        mutations: [
            { title: "audit log off", apply: set("cluster", "enabledClusterLogTypes", ["api", "authenticator", "controllerManager", "scheduler"]), message: /lacks audit/ },
            { title: "no logs", apply: set("cluster", "enabledClusterLogTypes", undefined), message: /lacks api, audit, authenticator, controllerManager, scheduler/ },
        ],
    },
    {
        policy: nodeGroupNoRemoteAccess,
        baseline: eks,
        mutations: [{ title: "SSH key on the nodes", apply: set("nodes", "remoteAccess", { ec2SshKey: "ops" }), message: /remoteAccess is set/ }],
    },
    {
        policy: supportedVersion,
        baseline: eks,
        mutations: [
            { title: "a minor out of standard support", apply: set("cluster", "version", "1.28"), message: /version 1\.28 is not in standard support/ },
            { title: "no version pinned", apply: set("cluster", "version", undefined), message: /version is unset/ },
            { title: "extended support allowed", apply: set("cluster", "upgradePolicy", undefined), message: /supportType is unset \(EXTENDED\)/ },
        ],
    },
    {
        policy: accessEntries,
        baseline: eks,
        mutations: [{ title: "aws-auth ConfigMap", apply: set("cluster", "accessConfig.authenticationMode", "API_AND_CONFIG_MAP"), message: /authenticationMode is "API_AND_CONFIG_MAP"/ }],
    },
];
