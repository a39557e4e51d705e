// One row per AWS resource type the program creates (or is about to): where AWS's name for the
// resource comes from and the rules it obeys, which inputs hold policy documents, and the enums,
// ranges and formats AWS checks. Values are from the AWS API references and the @pulumi/aws
// .d.ts docs; a type missing here fails the provider rules test.

import * as aws from "@pulumi/aws";
import { arn, at, between, Check, Inputs, isArn, keyArn, matches, named, NameRule, oneOf, required, rule, when, windows } from "./checks";
import { NAME } from "./names";
import { PolicyKind } from "./policies";
import { ALB_SSL_POLICIES, EC2_DESCRIPTION, has, LOG_RETENTION_DAYS, metricAlarmChecks, num, RDS_PASSWORD_REFUSED, securityGroupRuleChecks, userData } from "./shared";

export interface NameSource {
    /** The input holding the name; when absent and `autoName` is set, Pulumi names the resource. */
    input?: string;
    /** How the provider derives the name from the logical name: as is, or lowercased (buckets). */
    autoName?: "as-is" | "lowercase";
    /** The provider's own cap on auto-names, when lower than AWS's (SNS topics: 80). */
    autoNameMax?: number;
    rule: NameRule;
}

export interface Row {
    /** Where AWS's name for the resource comes from; null when it has none of its own. */
    name: NameSource | null;
    /** Inputs holding a policy document, with the kind of document. */
    policies?: Record<string, PolicyKind>;
    /** Other inputs that must be JSON (any input named *Policy must be, on every type). */
    json?: string[];
    checks?: Check[];
}

const auto = (rule: NameRule, input = "name"): NameSource => ({ input, autoName: "as-is", rule });
const explicit = (rule: NameRule, input = "name"): NameSource => ({ input, rule });

const tlsListener = when((i) => i.protocol === "HTTPS", oneOf("sslPolicy", ALB_SSL_POLICIES), required("certificateArn", "sslPolicy"));

/** Fargate's task sizes: each CPU value with its memory range and step, in MiB. */
const FARGATE_SIZES: Record<number, [number, number, number]> = {
    256: [512, 2048, 512],
    512: [1024, 4096, 1024],
    1024: [2048, 8192, 1024],
    2048: [4096, 16384, 1024],
    4096: [8192, 30720, 1024],
    8192: [16384, 61440, 4096],
    16384: [32768, 122880, 8192],
};
function fargateSize(cpu: number, memory: number): boolean {
    const size = FARGATE_SIZES[cpu];
    // 256 CPU units also take 512 MiB steps from 512 (512, 1024, 2048); every other CPU value steps evenly.
    return size !== undefined && memory >= size[0] && memory <= size[1] && (cpu === 256 ? [512, 1024, 2048].includes(memory) : (memory - size[0]) % size[2] === 0);
}

export const RULES: Record<string, Row> = {
    "aws:acm/certificate:Certificate": { name: null, checks: [oneOf("validationMethod", ["DNS", "EMAIL"])] },
    "aws:acm/certificateValidation:CertificateValidation": { name: null, checks: [required("certificateArn")] },
    "aws:autoscaling/group:Group": {
        name: auto(NAME.autoScaling),
        checks: [
            oneOf("enabledMetrics[]", Object.values(aws.types.enums.autoscaling.Metric)),
            oneOf("metricsGranularity", ["1Minute"]),
            oneOf("healthCheckType", ["EC2", "ELB", "VPC_LATTICE", "EBS"]),
            oneOf("instanceRefresh.strategy", ["Rolling"]),
            between("instanceRefresh.preferences.minHealthyPercentage", 0, 100),
            matches("launchTemplate.version", /^(\d+|\$Latest|\$Default)$/, "a version number, $Latest or $Default"),
            rule((i) => !(num(i, "minSize") <= num(i, "desiredCapacity") && num(i, "desiredCapacity") <= num(i, "maxSize")) && "needs minSize <= desiredCapacity <= maxSize"),
            oneOf("mixedInstancesPolicy.instancesDistribution.onDemandAllocationStrategy", ["prioritized", "lowest-price"]),
            oneOf("mixedInstancesPolicy.instancesDistribution.spotAllocationStrategy", ["lowest-price", "capacity-optimized", "capacity-optimized-prioritized", "price-capacity-optimized"]),
            between("mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity", 0, 100000),
            between("mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity", 0, 100),
            matches("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.version", /^(\d+|\$Latest|\$Default)$/, "a version number, $Latest or $Default"),
            matches("mixedInstancesPolicy.launchTemplate.overrides[].instanceType", /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type"),
            rule((i) => at(i, "mixedInstancesPolicy.launchTemplate.overrides[]").length > 40 && "mixedInstancesPolicy allows at most 40 overrides"),
            rule((i) => i.mixedInstancesPolicy !== undefined && i.launchTemplate !== undefined && "launchTemplate and mixedInstancesPolicy exclude each other"),
        ],
    },
    "aws:autoscaling/schedule:Schedule": {
        name: explicit(NAME.autoScaling, "scheduledActionName"),
        checks: [
            required("autoscalingGroupName"),
            // Auto Scaling recurrence is a five-field Unix cron (minute hour day month weekday).
            matches("recurrence", /^\S+( \S+){4}$/, "a five-field cron expression"),
            matches("timeZone", /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, "an IANA time zone"),
            between("minSize", -1, 100000),
            between("maxSize", -1, 100000),
            between("desiredCapacity", -1, 100000),
            rule((i) => i.minSize !== undefined && i.maxSize !== undefined && num(i, "minSize") > num(i, "maxSize") && "minSize is above maxSize"),
        ],
    },
    "aws:autoscaling/policy:Policy": {
        name: auto(NAME.autoScaling),
        checks: [
            oneOf("policyType", ["SimpleScaling", "StepScaling", "TargetTrackingScaling", "PredictiveScaling"]),
            oneOf("adjustmentType", ["ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity"]),
            oneOf("metricAggregationType", ["Minimum", "Maximum", "Average"]),
            oneOf("targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType", ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"]),
            matches("stepAdjustments[].metricIntervalLowerBound", /^-?\d+(\.\d+)?$/, "a number"),
            matches("stepAdjustments[].metricIntervalUpperBound", /^-?\d+(\.\d+)?$/, "a number"),
        ],
    },
    "aws:autoscaling/lifecycleHook:LifecycleHook": {
        name: explicit(NAME.lifecycleHook),
        checks: [
            oneOf("lifecycleTransition", ["autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"]),
            oneOf("defaultResult", ["CONTINUE", "ABANDON"]),
            between("heartbeatTimeout", 30, 7200),
            rule((i) => String(i.notificationMetadata ?? "").length > 1023 && "notificationMetadata is longer than 1023 characters"),
        ],
    },
    "aws:budgets/budget:Budget": {
        name: auto(NAME.budget),
        checks: [
            oneOf("budgetType", ["COST", "USAGE", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"]),
            oneOf("timeUnit", ["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM"]),
            matches("limitAmount", /^\d+(\.\d+)?$/, "a decimal amount"),
            oneOf("notifications[].comparisonOperator", ["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]),
            oneOf("notifications[].notificationType", ["ACTUAL", "FORECASTED"]),
            oneOf("notifications[].thresholdType", ["PERCENTAGE", "ABSOLUTE_VALUE"]),
            arn("notifications[].subscriberSnsTopicArns[]"),
            (i) =>
                at(i, "notifications[]").flatMap((n) => {
                    const emails = at(n, "subscriberEmailAddresses[]").length;
                    const topics = at(n, "subscriberSnsTopicArns[]").length;
                    return emails > 10 || topics > 1 || emails + topics === 0 ? ["a notification needs 1 to 10 e-mail subscribers and at most one topic"] : [];
                }),
        ],
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        name: explicit(NAME.dashboard, "dashboardName"),
        json: ["dashboardBody"],
        checks: [rule((i) => !Array.isArray((JSON.parse(String(i.dashboardBody)) as Inputs).widgets) && "dashboardBody has no widgets array")],
    },
    "aws:cloudwatch/logGroup:LogGroup": { name: auto(NAME.logGroup), checks: [oneOf("retentionInDays", LOG_RETENTION_DAYS), keyArn("kmsKeyId")] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { name: auto(NAME.alarm), checks: [...metricAlarmChecks, arn("alarmActions[]"), arn("okActions[]")] },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { name: null },
    "aws:ec2/customerGateway:CustomerGateway": {
        name: null,
        checks: [oneOf("type", ["ipsec.1"]), between("bgpAsn", 1, 4294967294), matches("ipAddress", /^(\d{1,3}\.){3}\d{1,3}$/, "an IPv4 address")],
    },
    "aws:ec2/vpnGateway:VpnGateway": {
        name: null,
        checks: [
            required("vpcId"),
            // A private ASN: 64512-65534 or 4200000000-4294967294.
            rule((i) => i.amazonSideAsn !== undefined && !((num(i, "amazonSideAsn") >= 64512 && num(i, "amazonSideAsn") <= 65534) || (num(i, "amazonSideAsn") >= 4200000000 && num(i, "amazonSideAsn") <= 4294967294)) && `amazonSideAsn ${i.amazonSideAsn} is not a private ASN`),
        ],
    },
    "aws:ec2/vpnConnection:VpnConnection": {
        name: null,
        checks: [
            required("customerGatewayId", "type"),
            oneOf("type", ["ipsec.1"]),
            ...["tunnel1", "tunnel2"].flatMap((t) => [
                oneOf(`${t}IkeVersions[]`, ["ikev1", "ikev2"]),
                oneOf(`${t}Phase1DhGroupNumbers[]`, [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]),
                oneOf(`${t}Phase2DhGroupNumbers[]`, [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]),
                oneOf(`${t}Phase1EncryptionAlgorithms[]`, ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"]),
                oneOf(`${t}Phase2EncryptionAlgorithms[]`, ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"]),
                oneOf(`${t}Phase1IntegrityAlgorithms[]`, ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"]),
                oneOf(`${t}Phase2IntegrityAlgorithms[]`, ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"]),
                oneOf(`${t}LogOptions.cloudwatchLogOptions.logOutputFormat`, ["json", "text"]),
                matches(`${t}InsideCidr`, /^169\.254\.\d{1,3}\.\d{1,3}\/30$/, "a /30 in 169.254.0.0/16"),
            ]),
        ],
    },
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": { name: null, checks: [required("vpnConnectionId"), matches("destinationCidrBlock", /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "an IPv4 CIDR")] },
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": { name: null, checks: [required("routeTableId", "vpnGatewayId")] },
    "aws:ecs/cluster:Cluster": {
        name: auto(NAME.ecsCluster),
        checks: [oneOf("settings[].name", ["containerInsights"]), oneOf("settings[].value", ["enabled", "disabled", "enhanced"])],
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        name: explicit(NAME.ecsFamily, "family"),
        json: ["containerDefinitions"],
        checks: [
            oneOf("networkMode", ["awsvpc", "bridge", "host", "none"]),
            oneOf("requiresCompatibilities[]", ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]),
            oneOf("runtimePlatform.cpuArchitecture", ["X86_64", "ARM64"]),
            oneOf("runtimePlatform.operatingSystemFamily", ["LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2025_CORE"]),
            between("ephemeralStorage.sizeInGib", 21, 200),
            when((i) => at(i, "requiresCompatibilities[]").includes("FARGATE"), required("cpu", "memory"), oneOf("networkMode", ["awsvpc"]), rule((i) => !fargateSize(num(i, "cpu"), num(i, "memory")) && `cpu ${i.cpu} with memory ${i.memory} is not a Fargate task size`)),
            rule((i) => JSON.parse(String(i.containerDefinitions)).length === 0 && "containerDefinitions is empty"),
        ],
    },
    "aws:ec2/eip:Eip": { name: null, checks: [oneOf("domain", ["vpc", "standard"])] },
    "aws:ec2/flowLog:FlowLog": {
        name: null,
        checks: [
            oneOf("trafficType", ["ACCEPT", "REJECT", "ALL"]),
            oneOf("logDestinationType", ["cloud-watch-logs", "s3", "kinesis-data-firehose"]),
            oneOf("maxAggregationInterval", [60, 600]),
            arn("logDestination"),
        ],
    },
    "aws:ec2/internetGateway:InternetGateway": { name: null },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        name: auto(NAME.launchTemplate),
        checks: [
            matches("imageId", /^(ami-[0-9a-f]+|resolve:ssm:\S+)$/, "an AMI id or resolve:ssm: parameter"),
            matches("instanceType", /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type like t3.medium"),
            oneOf("metadataOptions.httpTokens", ["required", "optional"]),
            oneOf("metadataOptions.httpEndpoint", ["enabled", "disabled"]),
            between("metadataOptions.httpPutResponseHopLimit", 1, 64),
            oneOf("blockDeviceMappings[].ebs.volumeType", ["gp2", "gp3", "io1", "io2", "sc1", "st1", "standard"]),
            between("blockDeviceMappings[].ebs.volumeSize", 1, 16384),
            oneOf("tagSpecifications[].resourceType", ["instance", "volume", "network-interface", "spot-instances-request"]),
            arn("iamInstanceProfile.arn"),
            keyArn("blockDeviceMappings[].ebs.kmsKeyId"),
            userData,
        ],
    },
    "aws:ec2/natGateway:NatGateway": { name: null, checks: [required("subnetId")] },
    "aws:ec2/route:Route": { name: null, checks: [matches("destinationCidrBlock", /^\d+\.\d+\.\d+\.\d+\/\d+$/, "an IPv4 CIDR")] },
    "aws:ec2/routeTable:RouteTable": { name: null },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { name: null },
    "aws:ec2/securityGroup:SecurityGroup": { name: auto(NAME.securityGroup), checks: [matches("description", EC2_DESCRIPTION, "a security group description (255 of a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*)")] },
    "aws:ec2/subnet:Subnet": { name: null, checks: [matches("cidrBlock", /^\d+\.\d+\.\d+\.\d+\/(1[6-9]|2[0-8])$/, "an IPv4 CIDR from /16 to /28")] },
    "aws:ec2/vpc:Vpc": { name: null, checks: [matches("cidrBlock", /^\d+\.\d+\.\d+\.\d+\/(1[6-9]|2[0-8])$/, "an IPv4 CIDR from /16 to /28")] },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        name: null,
        checks: [
            oneOf("vpcEndpointType", ["Gateway", "Interface", "GatewayLoadBalancer"]),
            matches("serviceName", /^com\.amazonaws\.[a-z]{2}(-[a-z]+)+-\d\.[a-z0-9.-]+$/, "com.amazonaws.<region>.<service>"),
            when((i) => i.vpcEndpointType === "Gateway", matches("serviceName", /\.(s3|dynamodb)$/, "a gateway endpoint service (S3 or DynamoDB)")),
        ],
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        name: { input: "replicationGroupId", autoName: "lowercase", rule: NAME.cacheReplicationGroup },
        checks: [
            oneOf("engine", ["redis", "valkey"]),
            matches("engineVersion", /^\d+(\.\d+)?$/, "a major or major.minor version"),
            matches("nodeType", /^cache\.[a-z0-9]+\.[a-z0-9]+$/, "a node type like cache.r7g.large"),
            rule((i) => {
                const clusterMode = i.clusterMode === "enabled";
                const group = String(i.parameterGroupName ?? "");
                const family = `default.${i.engine}${String(i.engineVersion).split(".")[0]}`;
                return (!group.startsWith(family) || group.endsWith(".cluster.on") !== clusterMode) && `parameterGroupName ${group} does not fit ${family} with cluster mode ${clusterMode ? "on" : "off"}`;
            }),
            oneOf("clusterMode", ["enabled", "disabled", "compatible"]),
            between("numCacheClusters", 1, 6),
            between("numNodeGroups", 1, 500),
            between("replicasPerNodeGroup", 0, 5),
            between("snapshotRetentionLimit", 0, 35),
            rule((i) => i.multiAzEnabled === true && i.automaticFailoverEnabled !== true && "multiAzEnabled needs automaticFailoverEnabled"),
            rule((i) => i.automaticFailoverEnabled === true && i.clusterMode !== "enabled" && num(i, "numCacheClusters") < 2 && "automatic failover needs at least 2 nodes"),
            rule((i) => i.authToken !== undefined && i.transitEncryptionEnabled !== true && "authToken needs transitEncryptionEnabled"),
            windows("snapshotWindow", "maintenanceWindow", 60),
            oneOf("logDeliveryConfigurations[].destinationType", ["cloudwatch-logs", "kinesis-firehose"]),
            oneOf("logDeliveryConfigurations[].logFormat", ["text", "json"]),
            oneOf("logDeliveryConfigurations[].logType", ["slow-log", "engine-log"]),
            named("logDeliveryConfigurations[].destination", NAME.logGroup),
            named("finalSnapshotIdentifier", NAME.rdsSnapshot),
            keyArn("kmsKeyId"),
        ],
    },
    "aws:elasticache/subnetGroup:SubnetGroup": { name: auto(NAME.cacheSubnetGroup) },
    "aws:opensearch/domain:Domain": {
        name: explicit(NAME.openSearchDomain, "domainName"),
        checks: [
            matches("engineVersion", /^OpenSearch_\d+\.\d+$/, "OpenSearch_<major>.<minor>"),
            matches("clusterConfig.instanceType", /^[a-z0-9]+\.[a-z0-9]+\.search$/, "an instance type ending in .search"),
            matches("clusterConfig.dedicatedMasterType", /^[a-z0-9]+\.[a-z0-9]+\.search$/, "an instance type ending in .search"),
            oneOf("clusterConfig.dedicatedMasterCount", [3, 5]),
            oneOf("clusterConfig.zoneAwarenessConfig.availabilityZoneCount", [2, 3]),
            oneOf("ebsOptions.volumeType", ["gp2", "gp3", "io1", "standard"]),
            between("ebsOptions.volumeSize", 10, 24576),
            oneOf("domainEndpointOptions.tlsSecurityPolicy", ["Policy-Min-TLS-1-0-2019-07", "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"]),
            oneOf("logPublishingOptions[].logType", ["INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS"]),
            oneOf("autoTuneOptions.desiredState", ["ENABLED", "DISABLED"]),
            oneOf("autoTuneOptions.rollbackOnDisable", ["DEFAULT_ROLLBACK", "NO_ROLLBACK"]),
            keyArn("encryptAtRest.kmsKeyId"),
            arn("advancedSecurityOptions.masterUserOptions.masterUserArn"),
            rule((i) => at(i, "clusterConfig.zoneAwarenessEnabled")[0] === true && at(i, "vpcOptions.subnetIds[]").length !== num(i, "clusterConfig.zoneAwarenessConfig.availabilityZoneCount") && "one subnet per zone of zone awareness"),
        ],
    },
    "aws:opensearch/domainPolicy:DomainPolicy": { name: null, policies: { accessPolicies: "resource" }, checks: [named("domainName", NAME.openSearchDomain)] },
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": { name: explicit(NAME.logResourcePolicy, "policyName"), policies: { policyDocument: "resource" } },
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": { name: explicit(NAME.subscriptionFilter), checks: [arn("destinationArn"), arn("roleArn"), oneOf("distribution", ["Random", "ByLogStream"])] },
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
        name: explicit(NAME.firehoseStream),
        checks: [
            oneOf("destination", ["extended_s3", "redshift", "elasticsearch", "opensearch", "opensearchserverless", "splunk", "http_endpoint", "snowflake", "iceberg"]),
            oneOf("serverSideEncryption.keyType", ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"]),
            oneOf("opensearchConfiguration.indexRotationPeriod", ["NoRotation", "OneHour", "OneDay", "OneWeek", "OneMonth"]),
            oneOf("opensearchConfiguration.s3BackupMode", ["FailedDocumentsOnly", "AllDocuments"]),
            oneOf("opensearchConfiguration.processingConfiguration.processors[].type", ["RecordDeAggregation", "Lambda", "MetadataExtraction", "AppendDelimiterToRecord", "Decompression", "CloudWatchLogProcessing"]),
            keyArn("serverSideEncryption.keyArn"),
        ],
    },
    "aws:iam/instanceProfile:InstanceProfile": { name: auto(NAME.iamInstanceProfile) },
    "aws:eks/cluster:Cluster": {
        name: explicit(NAME.eksCluster),
        checks: [
            matches("version", /^1\.\d+$/, "a Kubernetes minor like 1.33"),
            arn("roleArn"),
            keyArn("encryptionConfig.provider.keyArn"),
            oneOf("encryptionConfig.resources[]", ["secrets"]),
            oneOf("enabledClusterLogTypes[]", ["api", "audit", "authenticator", "controllerManager", "scheduler"]),
            oneOf("accessConfig.authenticationMode", ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"]),
            oneOf("upgradePolicy.supportType", ["STANDARD", "EXTENDED"]),
            rule((i) => at(i, "vpcConfig.subnetIds[]").length < 2 && "EKS needs subnets in at least two Availability Zones"),
            rule((i) => at(i, "vpcConfig.endpointPrivateAccess")[0] !== true && at(i, "vpcConfig.endpointPublicAccess")[0] === false && "needs the private or the public endpoint"),
        ],
    },
    "aws:eks/nodeGroup:NodeGroup": {
        name: explicit(NAME.eksNodeGroup, "nodeGroupName"),
        checks: [
            arn("nodeRoleArn"),
            oneOf("amiType", ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"]),
            oneOf("capacityType", ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"]),
            matches("instanceTypes[]", /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an instance type like t3.medium"),
            matches("launchTemplate.version", /^(\d+|\$Latest|\$Default)$/, "a version number, $Latest or $Default"),
            between("scalingConfig.maxSize", 1, 1000),
            between("updateConfig.maxUnavailable", 1, 100),
            rule((i) => !(num(i, "scalingConfig.minSize") <= num(i, "scalingConfig.desiredSize") && num(i, "scalingConfig.desiredSize") <= num(i, "scalingConfig.maxSize")) && "needs minSize <= desiredSize <= maxSize"),
            // A launch template owns these: EKS refuses the node group's own copies next to one.
            rule((i) => i.launchTemplate !== undefined && (i.diskSize !== undefined || i.remoteAccess !== undefined) && "diskSize and remoteAccess cannot be set with a launch template"),
        ],
    },
    "aws:eks/addon:Addon": {
        name: null,
        json: ["configurationValues"],
        checks: [
            oneOf("addonName", ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "amazon-cloudwatch-observability", "aws-ebs-csi-driver"]),
            matches("addonVersion", /^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "a version like v1.19.5-eksbuild.1"),
            oneOf("resolveConflictsOnCreate", ["NONE", "OVERWRITE"]),
            oneOf("resolveConflictsOnUpdate", ["NONE", "OVERWRITE", "PRESERVE"]),
            arn("podIdentityAssociations[].roleArn"),
        ],
    },
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
        name: null,
        checks: [arn("roleArn"), required("clusterName", "namespace", "serviceAccount"), matches("namespace", /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a Kubernetes namespace")],
    },
    "aws:iam/role:Role": {
        name: auto(NAME.iamRole),
        policies: { assumeRolePolicy: "trust" },
        checks: [matches("description", /^[\t\n\r\x20-\x7E\xA1-\xFF]{0,1000}$/, "an IAM description (1000 printable characters)")],
    },
    "aws:iam/rolePolicy:RolePolicy": { name: auto(NAME.iamRolePolicy), policies: { policy: "identity" } },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { name: null, checks: [required("policyArn", "role")] },
    "aws:kms/alias:Alias": { name: explicit(NAME.kmsAlias) },
    "aws:kms/key:Key": { name: null, policies: { policy: "resource" }, checks: [between("deletionWindowInDays", 7, 30), between("rotationPeriodInDays", 90, 2560)] },
    "aws:lambda/function:Function": {
        name: auto(NAME.lambdaFunction),
        checks: [
            oneOf("runtime", ["nodejs20.x", "nodejs22.x", "nodejs24.x", "python3.11", "python3.12", "python3.13", "python3.14", "provided.al2023"]),
            between("timeout", 1, 900),
            between("memorySize", 128, 10240),
            oneOf("architectures[]", ["x86_64", "arm64"]),
            arn("role"),
            (i) => Object.keys((at(i, "environment.variables")[0] as object) ?? {}).filter((key) => !/^[A-Za-z][A-Za-z0-9_]+$/.test(key)).map((key) => `environment variable ${key} is not a valid name`),
        ],
    },
    "aws:lambda/invocation:Invocation": { name: null, json: ["input"], checks: [required("functionName", "input")] },
    "aws:lambda/permission:Permission": {
        name: auto(NAME.lambdaStatement, "statementId"),
        checks: [matches("action", /^lambda:[A-Za-z*]+$/, "a lambda: action"), matches("principal", /^(\d{12}|[a-z0-9.-]+\.amazonaws\.com|\*|arn:.+)$/, "a service, account or ARN"), arn("sourceArn")],
    },
    "aws:lb/listener:Listener": {
        name: null,
        checks: [
            oneOf("protocol", ["HTTP", "HTTPS"]),
            between("port", 1, 65535),
            tlsListener,
            when((i) => i.protocol === "HTTP", rule((i) => i.sslPolicy !== undefined && "an HTTP listener takes no sslPolicy")),
            oneOf("defaultActions[].type", ["forward", "redirect", "fixed-response", "authenticate-cognito", "authenticate-oidc"]),
            oneOf("defaultActions[].redirect.protocol", ["HTTP", "HTTPS", "#{protocol}"]),
            oneOf("defaultActions[].redirect.statusCode", ["HTTP_301", "HTTP_302"]),
            arn("defaultActions[].targetGroupArn"),
        ],
    },
    "aws:lb/listenerRule:ListenerRule": {
        name: null,
        checks: [between("priority", 1, 50000), oneOf("actions[].type", ["forward", "redirect", "fixed-response"]), arn("actions[].targetGroupArn")],
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        name: auto(NAME.loadBalancer),
        checks: [
            oneOf("loadBalancerType", ["application", "network", "gateway"]),
            between("idleTimeout", 1, 4000),
            oneOf("desyncMitigationMode", ["monitor", "defensive", "strictest"]),
            rule((i) => at(i, "subnets[]").length < 2 && "an application load balancer needs subnets in at least 2 zones"),
            named("accessLogs.bucket", NAME.s3Bucket),
        ],
    },
    "aws:lb/targetGroup:TargetGroup": {
        name: auto(NAME.loadBalancer),
        checks: [
            oneOf("protocol", ["HTTP", "HTTPS"]),
            oneOf("targetType", ["instance", "ip", "lambda", "alb"]),
            between("port", 1, 65535),
            between("deregistrationDelay", 0, 3600),
            between("healthCheck.interval", 5, 300),
            between("healthCheck.timeout", 2, 120),
            between("healthCheck.healthyThreshold", 2, 10),
            between("healthCheck.unhealthyThreshold", 2, 10),
            rule((i) => num(i, "healthCheck.timeout") >= num(i, "healthCheck.interval") && "healthCheck.timeout must be shorter than the interval"),
            matches("healthCheck.matcher", /^[2-4]\d\d([,-][2-4]\d\d)*$/, "HTTP codes from 200 to 499"),
            matches("healthCheck.path", /^\/\S{0,1023}$/, "a path starting with /"),
        ],
    },
    "aws:rds/instance:Instance": {
        name: auto(NAME.rdsInstance, "identifier"),
        checks: [
            oneOf("engine", ["postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql"]),
            matches("engineVersion", /^\d+(\.\d+)?$/, "a major or major.minor version"),
            matches("instanceClass", /^db\.[a-z0-9-]+\.[a-z0-9]+$/, "an instance class like db.m6g.large"),
            oneOf("storageType", ["standard", "gp2", "gp3", "io1", "io2"]),
            when((i) => i.storageType === "gp3", between("allocatedStorage", 20, 65536)),
            rule((i) => i.maxAllocatedStorage !== undefined && i.allocatedStorage !== undefined && num(i, "maxAllocatedStorage") <= num(i, "allocatedStorage") && "maxAllocatedStorage must exceed allocatedStorage"),
            between("backupRetentionPeriod", 0, 35),
            oneOf("monitoringInterval", [0, 1, 5, 10, 15, 30, 60]),
            when((i) => num(i, "monitoringInterval") > 0, required("monitoringRoleArn")),
            rule((i) => {
                const days = i.performanceInsightsRetentionPeriod;
                return days !== undefined && !(days === 7 || days === 731 || (Number(days) % 31 === 0 && Number(days) <= 713)) && `performanceInsightsRetentionPeriod ${days} is not 7, 731 or a multiple of 31`;
            }),
            oneOf("caCertIdentifier", ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"]),
            oneOf("enabledCloudwatchLogsExports[]", ["postgresql", "upgrade", "iam-db-auth-error"]),
            windows("backupWindow", "maintenanceWindow", 30),
            matches("dbName", /^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a database name (letters, digits, _; starting with a letter)"),
            matches("username", /^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a user name (letters, digits, _; starting with a letter)"),
            between("port", 1150, 65535),
            named("finalSnapshotIdentifier", NAME.rdsSnapshot),
            rule((i) => i.skipFinalSnapshot === false && i.finalSnapshotIdentifier === undefined && "a final snapshot needs finalSnapshotIdentifier"),
            when(has("replicateSourceDb"), rule((i) => ["dbName", "username", "password", "finalSnapshotIdentifier"].some((key) => i[key] !== undefined) && "a read replica takes its database, credentials and snapshots from the source")),
            keyArn("kmsKeyId"),
            keyArn("performanceInsightsKmsKeyId"),
        ],
    },
    "aws:rds/parameterGroup:ParameterGroup": {
        name: auto(NAME.rdsParameterGroup),
        checks: [matches("family", /^postgres\d+$/, "a postgres family like postgres15"), oneOf("parameters[].applyMethod", ["immediate", "pending-reboot"])],
    },
    "aws:rds/proxy:Proxy": {
        name: explicit(NAME.rdsProxy),
        checks: [
            oneOf("engineFamily", ["POSTGRESQL", "MYSQL", "SQLSERVER"]),
            oneOf("auths[].authScheme", ["SECRETS"]),
            oneOf("auths[].iamAuth", ["DISABLED", "REQUIRED", "ENABLED"]),
            oneOf("auths[].clientPasswordAuthType", ["POSTGRES_SCRAM_SHA_256", "POSTGRES_MD5", "MYSQL_NATIVE_PASSWORD", "MYSQL_CACHING_SHA2_PASSWORD", "SQL_SERVER_AUTHENTICATION"]),
            between("idleClientTimeout", 1, 28800),
            required("roleArn"),
            rule((i) => at(i, "vpcSubnetIds[]").length < 2 && "RDS Proxy needs subnets in at least 2 zones"),
        ],
    },
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": {
        name: null,
        checks: [
            between("connectionPoolConfig.maxConnectionsPercent", 1, 100),
            between("connectionPoolConfig.maxIdleConnectionsPercent", 0, 100),
            between("connectionPoolConfig.connectionBorrowTimeout", 0, 3600),
            rule((i) => num(i, "connectionPoolConfig.maxIdleConnectionsPercent") > num(i, "connectionPoolConfig.maxConnectionsPercent") && "maxIdleConnectionsPercent may not exceed maxConnectionsPercent"),
        ],
    },
    "aws:rds/proxyTarget:ProxyTarget": { name: null, checks: [required("dbProxyName", "targetGroupName")] },
    "aws:rds/subnetGroup:SubnetGroup": { name: auto(NAME.rdsSubnetGroup), checks: [rule((i) => at(i, "subnetIds[]").length < 2 && "an RDS subnet group needs subnets in at least 2 zones")] },
    "aws:route53/healthCheck:HealthCheck": {
        name: null,
        checks: [oneOf("type", ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED", "CLOUDWATCH_METRIC"]), oneOf("requestInterval", [10, 30]), between("failureThreshold", 1, 10), matches("resourcePath", /^\/\S{0,254}$/, "a path starting with /")],
    },
    "aws:route53/record:Record": {
        name: null,
        checks: [oneOf("type", ["A", "AAAA", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "TXT"]), rule((i) => i.aliases === undefined && i.ttl === undefined && "a record without alias needs a ttl")],
    },
    "aws:s3/bucket:Bucket": { name: { input: "bucket", autoName: "lowercase", rule: NAME.s3Bucket } },
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": { name: null, checks: [oneOf("corsRules[].allowedMethods[]", ["GET", "PUT", "POST", "DELETE", "HEAD"])] },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        name: null,
        checks: [
            oneOf("rules[].status", ["Enabled", "Disabled"]),
            rule((i) => at(i, "rules[].id").some((id) => String(id).length > 255) && "a rule id is longer than 255 characters"),
            oneOf("rules[].transitions[].storageClass", ["GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"]),
            between("rules[].abortIncompleteMultipartUpload.daysAfterInitiation", 1, 2147483647),
            between("rules[].noncurrentVersionExpiration.noncurrentDays", 1, 2147483647),
        ],
    },
    "aws:s3/bucketLogging:BucketLogging": { name: null, checks: [required("targetBucket")] },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { name: null, checks: [oneOf("rule.objectOwnership", ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"])] },
    "aws:s3/bucketPolicy:BucketPolicy": { name: null, policies: { policy: "resource" } },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { name: null },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        name: null,
        checks: [oneOf("rules[].applyServerSideEncryptionByDefault.sseAlgorithm", ["AES256", "aws:kms", "aws:kms:dsse"]), keyArn("rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId")],
    },
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": {
        name: null,
        checks: [
            required("bucket"),
            oneOf("objectLockEnabled", ["Enabled"]),
            oneOf("rule.defaultRetention.mode", ["GOVERNANCE", "COMPLIANCE"]),
            between("rule.defaultRetention.days", 1, 36500),
            between("rule.defaultRetention.years", 1, 100),
            (i) => at(i, "rule.defaultRetention").flatMap((r) => ((r as Inputs).days === undefined) === ((r as Inputs).years === undefined) ? ["rule.defaultRetention needs exactly one of days and years"] : []),
        ],
    },
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
        name: null,
        checks: [
            required("bucket", "role", "rules"),
            arn("role"),
            rule((i) => at(i, "rules[]").length > 1000 && "at most 1000 replication rules"),
            oneOf("rules[].status", ["Enabled", "Disabled"]),
            oneOf("rules[].deleteMarkerReplication.status", ["Enabled", "Disabled"]),
            arn("rules[].destination.bucket"),
            keyArn("rules[].destination.encryptionConfiguration.replicaKmsKeyId"),
            oneOf("rules[].destination.storageClass", ["STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR"]),
            // Replication Time Control offers one threshold: 15 minutes.
            oneOf("rules[].destination.replicationTime.time.minutes", [15]),
            oneOf("rules[].destination.metrics.eventThreshold.minutes", [15]),
            matches("rules[].id", /^.{1,255}$/, "a rule id of at most 255 characters"),
            oneOf("rules[].sourceSelectionCriteria.sseKmsEncryptedObjects.status", ["Enabled", "Disabled"]),
            oneOf("rules[].sourceSelectionCriteria.replicaModifications.status", ["Enabled", "Disabled"]),
            // A KMS-encrypted source is replicated only with a replica key named for the destination.
            (i) => at(i, "rules[]").flatMap((r) => (at(r, "sourceSelectionCriteria.sseKmsEncryptedObjects.status")[0] === "Enabled" && at(r, "destination.encryptionConfiguration.replicaKmsKeyId").length === 0 ? ["a rule replicating SSE-KMS objects needs destination.encryptionConfiguration.replicaKmsKeyId"] : [])),
        ],
    },
    "aws:scheduler/schedule:Schedule": {
        name: auto(NAME.schedulerSchedule),
        checks: [
            required("flexibleTimeWindow.mode", "scheduleExpression", "target.arn", "target.roleArn"),
            oneOf("flexibleTimeWindow.mode", ["OFF", "FLEXIBLE"]),
            between("flexibleTimeWindow.maximumWindowInMinutes", 1, 1440),
            // EventBridge Scheduler's cron has six fields (minutes hours day-of-month month day-of-week year).
            matches("scheduleExpression", /^(at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)|rate\(\d+ (minutes?|hours?|days?)\)|cron\(\S+( \S+){5}\))$/, "at(...), rate(...) or a six-field cron(...)"),
            matches("scheduleExpressionTimezone", /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, "an IANA time zone"),
            rule((i) => String(i.description ?? "").length > 512 && "description is longer than 512 characters"),
            oneOf("state", ["ENABLED", "DISABLED"]),
            between("target.retryPolicy.maximumEventAgeInSeconds", 60, 86400),
            between("target.retryPolicy.maximumRetryAttempts", 0, 185),
            oneOf("target.ecsParameters.launchType", ["EC2", "FARGATE", "EXTERNAL"]),
            rule((i) => at(i, "target.ecsParameters.networkConfiguration.subnets[]").length > 16 && "at most 16 subnets"),
            rule((i) => at(i, "target.ecsParameters.networkConfiguration.securityGroups[]").length > 5 && "at most 5 security groups"),
            between("target.ecsParameters.taskCount", 1, 10),
        ],
    },
    "aws:s3/bucketVersioning:BucketVersioning": { name: null, checks: [oneOf("versioningConfiguration.status", ["Enabled", "Suspended", "Disabled"])] },
    "aws:secretsmanager/secret:Secret": {
        name: auto(NAME.secret),
        checks: [rule((i) => i.recoveryWindowInDays !== undefined && !(i.recoveryWindowInDays === 0 || (num(i, "recoveryWindowInDays") >= 7 && num(i, "recoveryWindowInDays") <= 30)) && `recoveryWindowInDays ${i.recoveryWindowInDays} is neither 0 nor 7..30`), keyArn("kmsKeyId")],
    },
    "aws:secretsmanager/secretRotation:SecretRotation": {
        name: null,
        checks: [required("secretId"), between("rotationRules.automaticallyAfterDays", 1, 1000), matches("rotationRules.scheduleExpression", /^(rate\(\d+ (hours?|days?)\)|cron\(.+\))$/, "rate(...) or cron(...)")],
    },
    "aws:secretsmanager/secretVersion:SecretVersion": { name: null, checks: [required("secretId")] },
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": {
        name: null,
        checks: [required("sourceDbInstanceArn"), arn("sourceDbInstanceArn"), keyArn("kmsKeyId"), between("retentionPeriod", 1, 35)],
    },
    "aws:amp/workspace:Workspace": {
        name: null,
        checks: [keyArn("kmsKeyArn"), matches("alias", /^.{1,100}$/, "a workspace alias (1-100 characters)"), matches("loggingConfiguration.logGroupArn", /^arn:aws[a-z-]*:logs:.+:\*$/, "a log group ARN ending in :*")],
    },
    "aws:amp/workspaceConfiguration:WorkspaceConfiguration": { name: null, checks: [required("workspaceId"), between("retentionPeriodInDays", 1, 1095)] },
    "aws:amp/ruleGroupNamespace:RuleGroupNamespace": { name: null, checks: [required("workspaceId", "data"), matches("name", /^[0-9A-Za-z][-.0-9A-Z_a-z]{0,63}$/, "a rule group namespace name")] },
    "aws:grafana/workspace:Workspace": {
        name: null,
        checks: [
            oneOf("accountAccessType", ["CURRENT_ACCOUNT", "ORGANIZATION"]),
            oneOf("permissionType", ["CUSTOMER_MANAGED", "SERVICE_MANAGED"]),
            oneOf("authenticationProviders[]", ["AWS_SSO", "SAML"]),
            oneOf("dataSources[]", ["AMAZON_OPENSEARCH_SERVICE", "ATHENA", "CLOUDWATCH", "PROMETHEUS", "REDSHIFT", "SITEWISE", "TIMESTREAM", "TWINMAKER", "XRAY"]),
            oneOf("grafanaVersion", ["9.4", "10.4", "12.4"]),
            matches("name", /^[a-zA-Z0-9-._~]{1,255}$/, "a Grafana workspace name"),
            arn("roleArn"),
            keyArn("kmsKeyId"),
        ],
    },
    "aws:xray/group:Group": { name: null, checks: [matches("groupName", /^[A-Za-z0-9_-]{1,32}$/, "an X-Ray group name (1-32 letters, digits, - and _)"), required("filterExpression")] },
    "aws:ssm/parameter:Parameter": {
        name: null,
        checks: [oneOf("type", ["String", "StringList", "SecureString"]), oneOf("tier", ["Standard", "Advanced", "Intelligent-Tiering"]), matches("name", /^\/[a-zA-Z0-9_.\-/]{1,1010}$/, "an SSM parameter path"), rule((i) => i.tier === "Standard" && String(i.insecureValue ?? "").length > 4096 && "a Standard parameter holds at most 4 KB")],
    },
    "aws:sns/topic:Topic": { name: { ...auto(NAME.snsTopic), autoNameMax: 80 }, checks: [keyArn("kmsMasterKeyId"), rule((i) => String(i.displayName ?? "").length > 100 && "displayName is longer than 100 characters")] },
    "aws:sns/topicPolicy:TopicPolicy": { name: null, policies: { policy: "resource" }, checks: [arn("arn")] },
    "aws:sns/topicSubscription:TopicSubscription": {
        name: null,
        checks: [oneOf("protocol", ["email", "email-json", "http", "https", "sqs", "sms", "lambda", "firehose", "application"]), arn("topic"), when((i) => i.protocol === "email", matches("endpoint", /^[^@\s]+@[^@\s]+$/, "an e-mail address"))],
    },
    "aws:sqs/queue:Queue": {
        name: auto(NAME.sqsQueue),
        checks: [
            between("messageRetentionSeconds", 60, 1209600),
            between("visibilityTimeoutSeconds", 0, 43200),
            between("delaySeconds", 0, 900),
            rule((i) => i.sqsManagedSseEnabled === true && i.kmsMasterKeyId !== undefined && "sqsManagedSseEnabled and kmsMasterKeyId exclude each other"),
            (i) =>
                at(i, "redrivePolicy").flatMap((text) => {
                    const policy = JSON.parse(String(text)) as Inputs;
                    const count = Number(policy.maxReceiveCount);
                    return [...(isArn(policy.deadLetterTargetArn) ? [] : ["redrivePolicy.deadLetterTargetArn is not an ARN"]), ...(count >= 1 && count <= 1000 ? [] : ["redrivePolicy.maxReceiveCount is outside 1..1000"])];
                }),
        ],
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { name: null, checks: securityGroupRuleChecks() },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { name: null, checks: securityGroupRuleChecks() },
    "aws:wafv2/webAcl:WebAcl": {
        name: auto(NAME.wafName),
        checks: [
            oneOf("scope", ["REGIONAL", "CLOUDFRONT"]),
            named("rules[].name", NAME.wafName),
            named("rules[].visibilityConfig.metricName", NAME.wafMetric),
            named("visibilityConfig.metricName", NAME.wafMetric),
            between("rules[].statement.rateBasedStatement.limit", 10, 2000000000),
            oneOf("rules[].statement.rateBasedStatement.aggregateKeyType", ["IP", "FORWARDED_IP", "CUSTOM_KEYS", "CONSTANT"]),
            rule((i) => new Set(at(i, "rules[].priority")).size !== at(i, "rules[]").length && "rule priorities are not unique"),
            (i) => at(i, "rules[]").flatMap((r) => (Boolean((r as Inputs).action) === Boolean((r as Inputs).overrideAction) ? [`rule ${(r as Inputs).name} needs exactly one of action and overrideAction`] : [])),
        ],
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": { name: null, checks: [required("resourceArn", "webAclArn")] },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
        name: null,
        checks: [matches("logDestinationConfigs[]", /^arn:aws:logs:[a-z0-9-]+:\d{12}:log-group:aws-waf-logs-/, 'a log group whose name starts with "aws-waf-logs-"')],
    },
};

/** Types of the plan that are not AWS resources: the program's components, providers and generators. */
export const NOT_AWS: Record<string, Check[]> = {
    "pulumi:pulumi:Stack": [],
    "pulumi:providers:aws": [],
    "platform:index:Platform": [],
    "platform:index:Network": [],
    "platform:index:ObjectStore": [],
    "platform:index:Database": [],
    "platform:index:Cache": [],
    "platform:index:AppFleet": [],
    "platform:index:Observability": [],
    "platform:index:Search": [],
    "platform:index:Telemetry": [],
    "platform:index:Backups": [],
    "platform:index:Vpn": [],
    "platform:index:DisasterRecovery": [],
    "platform:index:RecoveryRegion": [],
    // Generated RDS passwords and ElastiCache tokens: 16 to 128 characters, none RDS refuses.
    "random:index/randomPassword:RandomPassword": [
        between("length", 16, 128),
        rule((i) => RDS_PASSWORD_REFUSED.some((c) => String(i.overrideSpecial ?? "").includes(c)) && `overrideSpecial has characters RDS refuses (${RDS_PASSWORD_REFUSED.join(" ")})`),
        rule((i) => i.special === true && i.overrideSpecial === undefined && "special characters without overrideSpecial include ones RDS refuses"),
    ],
    "tls:index/privateKey:PrivateKey": [oneOf("algorithm", ["RSA", "ECDSA"]), oneOf("rsaBits", [2048, 3072, 4096])],
    "tls:index/selfSignedCert:SelfSignedCert": [],
    // runtime kubernetes: the cluster's provider and the objects it creates are not AWS's.
    "pulumi:providers:kubernetes": [],
};

/** Kubernetes objects (runtime kubernetes) are checked against their schemas, not AWS's rules. */
export function isKubernetesObject(type: string): boolean {
    return type.startsWith("kubernetes:");
}
