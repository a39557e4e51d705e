// The shipped program against its own pack: every tier on every implemented cloud, built
// offline with the mock engine, has zero mandatory violations with that tier's config; the
// shipped stack files too. Then the other direction: an insecure variant of each resource type
// the program creates is caught.

import { expect } from "chai";
import { PlannedResource, Violation } from "../../policies/lib/evaluate";
import { TIER_NAMES, TierName } from "../../policies/lib/tiers";
import { policies } from "../../policies/rules";
import { evaluatePolicies } from "../../tools/policy";
import { buildPlan, planJson } from "../../tools/plan";
import { buildClusterTier, buildTier } from "../helpers/stacks";

/** Clouds whose services run on instance groups (runtime vm). */
const CLOUDS = ["aws", "gcp", "azure"];
/** Clouds whose services run on a cluster: EKS, GKE and AKS (runtime kubernetes), and an existing cluster. */
const CLUSTER_CLOUDS = ["aws", "gcp", "azure", "kubernetes"];
const SHIPPED_STACKS = ["dev", "prod", "ideation", "gcp-prod", "azure-prod", "local"];
function describeViolations(violations: Violation[]): string {
    return violations.map((v) => `${v.policy} on ${v.type} "${v.name}": ${v.message}`).join("\n");
}

/** Mandatory violations as one readable line each. */
function mandatoryOf(violations: Violation[]): string[] {
    return violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} on ${v.type} "${v.name}": ${v.message}`);
}

/** The tier stacks the other tests build too (tests/helpers/stacks.ts): one synthesis each per run. */
const plans = new Map<string, PlannedResource[]>();


async function planFor(cloud: string, tier: TierName, onCluster = false): Promise<PlannedResource[]> {
    const key = `${cloud}/${tier}/${onCluster}`;
    if (!plans.has(key)) {
        const result = await (onCluster ? buildClusterTier(cloud, tier) : buildTier(cloud, tier));
        plans.set(key, planJson(result).resources as PlannedResource[]);
    }
    return plans.get(key)!;
}

describe("policy matrix: every tier on every cloud passes its own pack", function () {
    this.timeout(300000);

    for (const cloud of CLOUDS) {
        for (const tier of TIER_NAMES) {
            it(`${cloud} ${tier}: no mandatory violation`, async () => {
                const resources = await planFor(cloud, tier);
                expect(resources.length).to.be.greaterThan(50);
                const violations = await evaluatePolicies(resources, { tier });
                expect(mandatoryOf(violations), "mandatory violations").to.deep.equal([]);
            });
        }
    }

    for (const cloud of CLUSTER_CLOUDS) {
        for (const tier of TIER_NAMES) {
            it(`${cloud} ${tier} on Kubernetes: no mandatory violation`, async () => {
                const resources = await planFor(cloud, tier, true);
                expect(resources.filter((r) => r.type.startsWith("kubernetes:")).length).to.be.greaterThan(20);
                const violations = await evaluatePolicies(resources, { tier });
                expect(mandatoryOf(violations), "mandatory violations").to.deep.equal([]);
            });
        }
    }

    for (const stack of SHIPPED_STACKS) {
        it(`shipped stack ${stack}: no mandatory violation with its tier's config`, async () => {
            const result = await buildPlan({ stack, overrides: [], json: true, compare: [] });
            const violations = await evaluatePolicies(planJson(result).resources as PlannedResource[], { tier: result.tier as TierName });
            expect(mandatoryOf(violations), "mandatory violations").to.deep.equal([]);
        });
    }
});

type Resources = PlannedResource[];
type Inputs = Record<string, unknown>;

const first = (resources: Resources, type: string, name?: RegExp): PlannedResource => {
    const found = resources.find((r) => r.type === type && (!name || name.test(r.name)));
    if (!found) {
        throw new Error(`the plan has no ${type}${name ? ` matching ${name}` : ""}`);
    }
    return found;
};
const edit = (type: string, change: (inputs: Inputs) => void, name?: RegExp) => (resources: Resources): Resources => {
    change(first(resources, type, name).inputs as Inputs);
    return resources;
};
const drop = (type: string) => (resources: Resources): Resources => resources.filter((r) => r.type !== type);

/** An insecure variant per resource type: [type, expected policy, mutation]. */
const VARIANTS: [string, string, (resources: Resources) => Resources][] = [
    ["aws:rds/instance:Instance", "aws-rds-instance-not-publicly-accessible", edit("aws:rds/instance:Instance", (i) => (i.publiclyAccessible = true))],
    ["aws:rds/parameterGroup:ParameterGroup", "aws-rds-instance-tls-enforced", edit("aws:rds/parameterGroup:ParameterGroup", (i) => (i.parameters = []))],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "aws-elasticache-replication-group-encrypted-in-transit", edit("aws:elasticache/replicationGroup:ReplicationGroup", (i) => (i.transitEncryptionEnabled = false))],
    ["aws:s3/bucket:Bucket", "aws-s3-bucket-no-public-acl", edit("aws:s3/bucket:Bucket", (i) => (i.acl = "public-read"))],
    ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws-s3-bucket-public-access-block-all-enabled", edit("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (i) => (i.blockPublicPolicy = false))],
    [
        "aws:s3/bucketPolicy:BucketPolicy",
        "aws-s3-bucket-policy-no-public-principal",
        edit("aws:s3/bucketPolicy:BucketPolicy", (i) => (i.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }))),
    ],
    ["aws:s3/bucketVersioning:BucketVersioning", "aws-s3-bucket-versioning-enabled", edit("aws:s3/bucketVersioning:BucketVersioning", (i) => (i.versioningConfiguration = { status: "Suspended" }))],
    ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws-s3-bucket-encrypted", drop("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")],
    ["aws:s3/bucketLogging:BucketLogging", "aws-s3-bucket-access-logging", drop("aws:s3/bucketLogging:BucketLogging")],
    ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws-s3-bucket-lifecycle", drop("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")],
    ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws-s3-bucket-acls-disabled", edit("aws:s3/bucketOwnershipControls:BucketOwnershipControls", (i) => (i.rule = { objectOwnership: "ObjectWriter" }))],
    [
        "aws:ec2/securityGroup:SecurityGroup",
        "aws-ec2-security-group-admin-ports-restricted",
        edit("aws:ec2/securityGroup:SecurityGroup", (i) => (i.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }])),
    ],
    [
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws-ec2-security-group-no-world-ingress-except-web",
        edit("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", (i) => {
            delete i.referencedSecurityGroupId;
            i.cidrIpv4 = "0.0.0.0/0";
        }, /db-in-app/),
    ],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws-ec2-security-group-descriptions", edit("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", (i) => delete i.description)],
    ["aws:ec2/vpc:Vpc", "aws-ec2-vpc-flow-logs", drop("aws:ec2/flowLog:FlowLog")],
    ["aws:ec2/flowLog:FlowLog", "aws-ec2-vpc-flow-logs", edit("aws:ec2/flowLog:FlowLog", (i) => (i.trafficType = "ACCEPT"))],
    ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws-ec2-vpc-default-security-group-closed", edit("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", (i) => (i.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]))],
    ["aws:ec2/subnet:Subnet", "aws-ec2-subnet-no-public-ip-on-launch", edit("aws:ec2/subnet:Subnet", (i) => (i.mapPublicIpOnLaunch = true))],
    ["aws:ec2/launchTemplate:LaunchTemplate", "aws-ec2-launch-template-imdsv2", edit("aws:ec2/launchTemplate:LaunchTemplate", (i) => (i.metadataOptions = { httpTokens: "optional" }))],
    ["aws:autoscaling/group:Group", "aws-autoscaling-group-elb-health-check", edit("aws:autoscaling/group:Group", (i) => (i.healthCheckType = "EC2"), /-web-group$/)],
    ["aws:lb/loadBalancer:LoadBalancer", "aws-lb-load-balancer-drop-invalid-headers", edit("aws:lb/loadBalancer:LoadBalancer", (i) => (i.dropInvalidHeaderFields = false))],
    ["aws:lb/listener:Listener", "aws-lb-listener-tls-policy", edit("aws:lb/listener:Listener", (i) => (i.sslPolicy = "ELBSecurityPolicy-2016-08"), /-https$/)],
    ["aws:budgets/budget:Budget", "aws-budgets-budget-estimate-within-limit", edit("aws:budgets/budget:Budget", (i) => (i.limitAmount = "100"))],
    ["aws:wafv2/webAcl:WebAcl", "aws-wafv2-web-acl-has-rules", edit("aws:wafv2/webAcl:WebAcl", (i) => (i.rules = []))],
    ["aws:wafv2/webAclAssociation:WebAclAssociation", "aws-lb-load-balancer-waf-attached", drop("aws:wafv2/webAclAssociation:WebAclAssociation")],
    ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "aws-wafv2-web-acl-logging", drop("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")],
    ["aws:kms/key:Key", "aws-kms-key-rotation", edit("aws:kms/key:Key", (i) => (i.enableKeyRotation = false))],
    ["aws:cloudwatch/logGroup:LogGroup", "aws-cloudwatch-log-group-encrypted", edit("aws:cloudwatch/logGroup:LogGroup", (i) => delete i.kmsKeyId)],
    ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws-cloudwatch-metric-alarm-actions-enabled", edit("aws:cloudwatch/metricAlarm:MetricAlarm", (i) => (i.actionsEnabled = false))],
    ["aws:sns/topic:Topic", "aws-sns-topic-encrypted", edit("aws:sns/topic:Topic", (i) => delete i.kmsMasterKeyId)],
    ["aws:sqs/queue:Queue", "aws-sqs-queue-encrypted", edit("aws:sqs/queue:Queue", (i) => (i.sqsManagedSseEnabled = false))],
    ["aws:iam/rolePolicy:RolePolicy", "aws-iam-policy-no-wildcard-actions", edit("aws:iam/rolePolicy:RolePolicy", (i) => (i.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })))],
    ["aws:iam/role:Role", "aws-iam-role-trust-not-public", edit("aws:iam/role:Role", (i) => (i.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] })))],
    ["aws:secretsmanager/secret:Secret", "aws-secretsmanager-secret-encrypted-with-kms", edit("aws:secretsmanager/secret:Secret", (i) => delete i.kmsKeyId)],
    ["aws:secretsmanager/secretRotation:SecretRotation", "aws-secretsmanager-secret-rotation", drop("aws:secretsmanager/secretRotation:SecretRotation")],
    ["aws:lambda/function:Function", "aws-lambda-function-in-vpc", edit("aws:lambda/function:Function", (i) => delete i.vpcConfig)],
    ["aws:lambda/permission:Permission", "aws-lambda-permission-source-scoped", edit("aws:lambda/permission:Permission", (i) => delete i.sourceAccount)],
    // The master password is RDS-managed; writing one in the program instead is caught.
    ["aws:rds/instance:Instance", "aws-stack-no-plaintext-secrets", edit("aws:rds/instance:Instance", (i) => (i.password = "hunter2hunter2"))],
    ["aws:rds/proxy:Proxy", "aws-rds-proxy-require-tls", edit("aws:rds/proxy:Proxy", (i) => (i.requireTls = false))],
    // The logical dump's task: a container that may rewrite its own root filesystem is caught.
    [
        "aws:ecs/taskDefinition:TaskDefinition",
        "aws-ecs-task-definition-read-only-root",
        edit("aws:ecs/taskDefinition:TaskDefinition", (i) => {
            const containers = JSON.parse(i.containerDefinitions as string) as Inputs[];
            containers[0].readonlyRootFilesystem = false;
            i.containerDefinitions = JSON.stringify(containers);
        }),
    ],
    ["aws:amp/workspace:Workspace", "aws-amp-workspace-encrypted", edit("aws:amp/workspace:Workspace", (i) => delete i.kmsKeyArn)],
    ["aws:amp/workspace:Workspace", "aws-amp-workspace-logging", edit("aws:amp/workspace:Workspace", (i) => delete i.loggingConfiguration)],
    ["aws:grafana/workspace:Workspace", "aws-grafana-workspace-own-role", edit("aws:grafana/workspace:Workspace", (i) => (i.permissionType = "SERVICE_MANAGED"))],
];

describe("policy matrix: insecure variants of a production plan are caught", function () {
    this.timeout(300000);
    const tier: TierName = "production-medium";

    it("has a variant for every resource type of the plan that a rule inspects", async () => {
        const inspected = new Set(policies.flatMap((policy) => policy.resourceTypes));
        const planned = new Set((await planFor("aws", tier)).map((r) => r.type).filter((type) => inspected.has(type)));
        const covered = new Set(VARIANTS.map(([type]) => type));
        expect([...planned].filter((type) => !covered.has(type)), "types without an insecure variant").to.deep.equal([]);
    });

    for (const [type, policy, apply] of VARIANTS) {
        it(`${type}: ${policy}`, async () => {
            const resources = apply(JSON.parse(JSON.stringify(await planFor("aws", tier))) as Resources);
            const violations = await evaluatePolicies(resources, { tier });
            const caught = violations.filter((v) => v.policy === policy);
            expect(caught.length, `expected ${policy}; got:\n${describeViolations(violations)}`).to.be.greaterThan(0);
            const expected = policies.find((candidate) => candidate.name === policy)!.category === "hygiene" ? "advisory" : "mandatory";
            expect(caught[0].level).to.equal(expected);
        });
    }
});

const gcpFirewall = (name: RegExp) => (change: (inputs: Inputs) => void) => edit("gcp:compute/firewall:Firewall", change, name);

/** An insecure variant per GCP resource type a rule inspects: [type, expected policy, mutation]. */
const GCP_VARIANTS: [string, string, (resources: Resources) => Resources][] = [
    ["gcp:compute/firewall:Firewall", "gcp-compute-firewall-no-world-ingress", gcpFirewall(/-fw-lb$/)((i) => (i.sourceRanges = ["0.0.0.0/0"]))],
    ["gcp:compute/firewall:Firewall", "gcp-compute-firewall-admin-ports-restricted", gcpFirewall(/-fw-lb$/)((i) => (i.allows = [{ protocol: "tcp", ports: ["22"] }], i.sourceRanges = ["0.0.0.0/0"]))],
    ["gcp:compute/subnetwork:Subnetwork", "gcp-compute-subnetwork-flow-logs", edit("gcp:compute/subnetwork:Subnetwork", (i) => delete i.logConfig)],
    ["gcp:sql/databaseInstance:DatabaseInstance", "gcp-sql-database-instance-no-public-ip", edit("gcp:sql/databaseInstance:DatabaseInstance", (i) => ((i.settings as Inputs).ipConfiguration = { ipv4Enabled: true }))],
    ["gcp:sql/databaseInstance:DatabaseInstance", "gcp-sql-database-instance-encrypted-with-cmek", edit("gcp:sql/databaseInstance:DatabaseInstance", (i) => delete i.encryptionKeyName)],
    ["gcp:redis/instance:Instance", "gcp-redis-encrypted-in-transit", edit("gcp:redis/instance:Instance", (i) => (i.transitEncryptionMode = "DISABLED"))],
    ["gcp:redis/instance:Instance", "gcp-redis-auth", edit("gcp:redis/instance:Instance", (i) => (i.authEnabled = false))],
    ["gcp:storage/bucket:Bucket", "gcp-storage-bucket-public-access-prevention", edit("gcp:storage/bucket:Bucket", (i) => (i.publicAccessPrevention = "inherited"))],
    ["gcp:storage/bucket:Bucket", "gcp-storage-bucket-protected", edit("gcp:storage/bucket:Bucket", (i) => (i.forceDestroy = true), /-storage-bucket$/)],
    ["gcp:storage/bucketObject:BucketObject", "gcp-storage-bucket-protected", edit("gcp:storage/bucketIAMMember:BucketIAMMember", (i) => (i.role = "roles/storage.objectAdmin"), /-credentials-code-read$/)],
    ["gcp:compute/instanceTemplate:InstanceTemplate", "gcp-compute-instance-no-public-ip", edit("gcp:compute/instanceTemplate:InstanceTemplate", (i) => ((i.networkInterfaces as Inputs[])[0].accessConfigs = [{}]))],
    ["gcp:compute/instanceTemplate:InstanceTemplate", "gcp-compute-instance-shielded-vm", edit("gcp:compute/instanceTemplate:InstanceTemplate", (i) => delete i.shieldedInstanceConfig)],
    ["gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "gcp-compute-instance-group-auto-healing", edit("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", (i) => delete i.autoHealingPolicies, /-web-group$/)],
    ["gcp:compute/backendService:BackendService", "gcp-compute-backend-service-waf-attached", edit("gcp:compute/backendService:BackendService", (i) => delete i.securityPolicy)],
    ["gcp:compute/securityPolicy:SecurityPolicy", "gcp-compute-security-policy-owasp-rules", edit("gcp:compute/securityPolicy:SecurityPolicy", (i) => (i.rules = []))],
    ["gcp:compute/sSLPolicy:SSLPolicy", "gcp-compute-ssl-policy-tls-1-2", edit("gcp:compute/sSLPolicy:SSLPolicy", (i) => (i.minTlsVersion = "TLS_1_0"))],
    ["gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp-compute-target-https-proxy-ssl-policy", edit("gcp:compute/targetHttpsProxy:TargetHttpsProxy", (i) => delete i.sslPolicy)],
    ["gcp:compute/targetHttpProxy:TargetHttpProxy", "gcp-compute-target-http-proxy-redirects-to-https", edit("gcp:compute/uRLMap:URLMap", (i) => delete i.defaultUrlRedirect, /-http-redirect$/)],
    ["gcp:compute/uRLMap:URLMap", "gcp-compute-target-http-proxy-redirects-to-https", edit("gcp:compute/uRLMap:URLMap", (i) => (i.defaultService = "platform-backend-id"), /-http-redirect$/)],
    ["gcp:kms/cryptoKey:CryptoKey", "gcp-kms-crypto-key-rotation", edit("gcp:kms/cryptoKey:CryptoKey", (i) => delete i.rotationPeriod)],
    ["gcp:secretmanager/secret:Secret", "gcp-secret-manager-secret-encrypted-with-cmek", edit("gcp:secretmanager/secret:Secret", (i) => (i.replication = { auto: {} }))],
    ["gcp:pubsub/topic:Topic", "gcp-pubsub-topic-encrypted-with-cmek", edit("gcp:pubsub/topic:Topic", (i) => delete i.kmsKeyName)],
    ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "gcp-logging-bucket-retention", edit("gcp:logging/projectBucketConfig:ProjectBucketConfig", (i) => (i.retentionDays = 30))],
    ["gcp:monitoring/alertPolicy:AlertPolicy", "gcp-monitoring-alert-policy-notifies", edit("gcp:monitoring/alertPolicy:AlertPolicy", (i) => (i.notificationChannels = []))],
    ["gcp:projects/iAMMember:IAMMember", "gcp-iam-member-no-basic-roles", edit("gcp:projects/iAMMember:IAMMember", (i) => (i.role = "roles/editor"))],
    ["gcp:projects/iAMMember:IAMMember", "gcp-iam-member-project-least-privilege", edit("gcp:projects/iAMMember:IAMMember", (i) => (i.role = "roles/secretmanager.secretAccessor"))],
    ["gcp:cloudrunv2/job:Job", "gcp-cloud-run-job-in-vpc", edit("gcp:cloudrunv2/job:Job", (i) => delete ((i.template as Inputs).template as Inputs).vpcAccess)],
    ["gcp:cloudscheduler/job:Job", "gcp-cloud-scheduler-job-authenticated", edit("gcp:cloudscheduler/job:Job", (i) => delete (i.httpTarget as Inputs).oauthToken)],
    ["gcp:billing/budget:Budget", "gcp-billing-budget-notifies", edit("gcp:billing/budget:Budget", (i) => (i.thresholdRules = []))],
    // The master password is generated; writing one in the program instead is caught.
    ["gcp:sql/user:User", "gcp-stack-no-plaintext-secrets", edit("gcp:sql/user:User", (i) => (i.password = "hunter2hunter2"))],
];

describe("policy matrix: insecure variants of a GCP production plan are caught", function () {
    this.timeout(300000);
    const tier: TierName = "production-medium";

    it("has a variant for every GCP resource type of the plan that a rule inspects", async () => {
        const inspected = new Set(policies.flatMap((policy) => policy.resourceTypes));
        const planned = new Set((await planFor("gcp", tier)).map((r) => r.type).filter((type) => inspected.has(type)));
        const covered = new Set(GCP_VARIANTS.map(([type]) => type));
        expect([...planned].filter((type) => !covered.has(type)), "types without an insecure variant").to.deep.equal([]);
    });

    for (const [type, policy, apply] of GCP_VARIANTS) {
        it(`${type}: ${policy}`, async () => {
            const resources = apply(JSON.parse(JSON.stringify(await planFor("gcp", tier))) as Resources);
            const violations = await evaluatePolicies(resources, { tier });
            const caught = violations.filter((v) => v.policy === policy);
            expect(caught.length, `expected ${policy}; got:\n${describeViolations(violations)}`).to.be.greaterThan(0);
            const expected = policies.find((candidate) => candidate.name === policy)!.category === "hygiene" ? "advisory" : "mandatory";
            expect(caught[0].level).to.equal(expected);
        });
    }
});

const AZ = {
    bastion: "azure-native:network:BastionHost",
    blobContainer: "azure-native:storage:BlobContainer",
    blobService: "azure-native:storage:BlobServiceProperties",
    bus: "azure-native:servicebus:Namespace",
    configuration: "azure-native:dbforpostgresql:Configuration",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    flowLog: "azure-native:network:FlowLog",
    gateway: "azure-native:network:ApplicationGateway",
    key: "azure-native:keyvault:Key",
    lock: "azure-native:authorization:ManagementLockByScope",
    lockAtResource: "azure-native:authorization:ManagementLockAtResourceLevel",
    managementPolicy: "azure-native:storage:ManagementPolicy",
    metricAlert: "azure-native:monitor:MetricAlert",
    nat: "azure-native:network:NatGateway",
    nsg: "azure-native:network:NetworkSecurityGroup",
    publicIp: "azure-native:network:PublicIPAddress",
    queryRule: "azure-native:monitor:ScheduledQueryRule",
    redis: "azure-native:redis:Redis",
    role: "azure-native:authorization:RoleAssignment",
    secret: "azure-native:keyvault:Secret",
    securityRule: "azure-native:network:SecurityRule",
    server: "azure-native:dbforpostgresql:Server",
    storage: "azure-native:storage:StorageAccount",
    subnet: "azure-native:network:Subnet",
    vault: "azure-native:keyvault:Vault",
    vmss: "azure-native:compute:VirtualMachineScaleSet",
    vnet: "azure-native:network:VirtualNetwork",
    waf: "azure-native:network:WebApplicationFirewallPolicy",
    workspace: "azure-native:operationalinsights:Workspace",
    containerGroup: "azure-native:containerinstance:ContainerGroup",
    grafana: "azure-native:dashboard:Grafana",
    insights: "azure-native:applicationinsights:Component",
};
const OWNER_ROLE = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const internetSsh = { name: "ssh-internet", priority: 200, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22" };

/** An insecure variant per Azure resource type: [type, expected policy, mutation]. */
const AZURE_VARIANTS: [string, string, (resources: Resources) => Resources][] = [
    [AZ.server, "azure-postgresql-server-private", edit(AZ.server, (i) => ((i.network as Inputs).publicNetworkAccess = "Enabled"))],
    [AZ.configuration, "azure-postgresql-configuration-tls", edit(AZ.configuration, (i) => (i.value = "off"), /require-secure-transport$/)],
    [AZ.redis, "azure-redis-cache-tls-only", edit(AZ.redis, (i) => (i.enableNonSslPort = true))],
    [AZ.storage, "azure-storage-account-no-public-access", edit(AZ.storage, (i) => (i.allowBlobPublicAccess = true))],
    [AZ.blobContainer, "azure-blob-container-private", edit(AZ.blobContainer, (i) => (i.publicAccess = "Blob"))],
    [AZ.blobService, "azure-storage-account-blob-data-protection", edit(AZ.blobService, (i) => (i.isVersioningEnabled = false), /-storage-blob-service$/)],
    [AZ.managementPolicy, "azure-storage-account-lifecycle", drop(AZ.managementPolicy)],
    [AZ.vault, "azure-key-vault-recoverable", edit(AZ.vault, (i) => ((i.properties as Inputs).enablePurgeProtection = false))],
    [AZ.key, "azure-key-vault-key-rotation", edit(AZ.key, (i) => delete (i.properties as Inputs).rotationPolicy)],
    [AZ.secret, "azure-stack-no-plaintext-secrets", edit(AZ.secret, (i) => (i.properties = { ...(i.properties as Inputs), value: "hunter2hunter2" }), /-db-admin-secret$/)],
    [AZ.nsg, "azure-network-security-group-admin-ports-restricted", edit(AZ.nsg, (i) => (i.securityRules = [internetSsh]))],
    [AZ.securityRule, "azure-network-security-group-no-world-ingress-except-web", edit(AZ.securityRule, (i) => (i.sourceAddressPrefix = "Internet"), /db-app-postgres$/)],
    [AZ.subnet, "azure-subnet-has-network-security-group", edit(AZ.subnet, (i) => delete i.networkSecurityGroup, /app-subnet$/)],
    [AZ.vnet, "azure-virtual-network-flow-logs", drop(AZ.flowLog)],
    [AZ.flowLog, "azure-flow-log-retention", edit(AZ.flowLog, (i) => (i.retentionPolicy = { enabled: true, days: 7 }))],
    [AZ.publicIp, "azure-public-ip-address-edge-only", edit(AZ.nat, (i) => (i.publicIpAddresses = []))],
    [AZ.nat, "azure-public-ip-address-edge-only", drop(AZ.nat)],
    [AZ.bastion, "azure-public-ip-address-edge-only", drop(AZ.bastion)],
    [
        AZ.vmss,
        "azure-virtual-machine-scale-set-no-public-ip",
        edit(AZ.vmss, (i) => {
            const profile = i.virtualMachineProfile as { networkProfile: { networkInterfaceConfigurations: { ipConfigurations: Inputs[] }[] } };
            profile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration = { name: "public" };
        }),
    ],
    [AZ.gateway, "azure-application-gateway-waf-enabled", edit(AZ.gateway, (i) => delete i.firewallPolicy)],
    [AZ.waf, "azure-web-application-firewall-policy-prevention-mode", edit(AZ.waf, (i) => (i.policySettings = { ...(i.policySettings as Inputs), mode: "Detection" }))],
    [AZ.role, "azure-role-assignment-least-privilege", edit(AZ.role, (i) => (i.roleDefinitionId = OWNER_ROLE))],
    [AZ.lock, "azure-postgresql-server-delete-lock", (resources) => resources.filter((r) => r.type !== AZ.lock && r.type !== AZ.lockAtResource)],
    [AZ.lockAtResource, "azure-postgresql-server-delete-lock", (resources) => resources.filter((r) => r.type !== AZ.lock && r.type !== AZ.lockAtResource)],
    [AZ.workspace, "azure-log-analytics-workspace-retention", edit(AZ.workspace, (i) => (i.retentionInDays = 30))],
    [AZ.diagnostics, "azure-diagnostic-setting-coverage", drop(AZ.diagnostics)],
    [AZ.metricAlert, "azure-metric-alert-actions-enabled", edit(AZ.metricAlert, (i) => (i.enabled = false))],
    [AZ.queryRule, "azure-metric-alert-actions-enabled", edit(AZ.queryRule, (i) => (i.enabled = false))],
    [AZ.bus, "azure-service-bus-namespace-secure-access", edit(AZ.bus, (i) => (i.disableLocalAuth = false))],
    [AZ.containerGroup, "azure-container-group-private", edit(AZ.containerGroup, (i) => (i.ipAddress = { type: "Public", ports: [{ port: 443 }] }))],
    [AZ.grafana, "azure-grafana-private", edit(AZ.grafana, (i) => ((i.properties as Inputs).publicNetworkAccess = "Enabled"))],
    [AZ.insights, "azure-application-insights-workspace-based", edit(AZ.insights, (i) => delete i.workspaceResourceId)],
];

describe("policy matrix: insecure variants of an Azure production plan are caught", function () {
    this.timeout(300000);
    const tier: TierName = "production-medium";

    it("has a variant for every resource type of the plan that a rule inspects", async () => {
        const inspected = new Set(policies.flatMap((policy) => policy.resourceTypes));
        const planned = new Set((await planFor("azure", tier)).map((r) => r.type).filter((type) => inspected.has(type)));
        const covered = new Set(AZURE_VARIANTS.map(([type]) => type));
        expect([...planned].filter((type) => !covered.has(type)), "types without an insecure variant").to.deep.equal([]);
    });

    for (const [type, policy, apply] of AZURE_VARIANTS) {
        it(`${type}: ${policy}`, async function () {
            const plan = await planFor("azure", tier);
            if (!plan.some((r) => r.type === type)) {
                // A type some configurations create (e.g. the resource-level lock); nothing to mutate here.
                this.skip();
            }
            const resources = apply(JSON.parse(JSON.stringify(plan)) as Resources);
            const violations = await evaluatePolicies(resources, { tier });
            const caught = violations.filter((v) => v.policy === policy);
            expect(caught.length, `expected ${policy}; got:\n${describeViolations(violations)}`).to.be.greaterThan(0);
            const expected = policies.find((candidate) => candidate.name === policy)!.category === "hygiene" ? "advisory" : "mandatory";
            expect(caught[0].level).to.equal(expected);
        });
    }
});
