// How each AWS resource type the program creates is billed. Sizes come from the recorded
// inputs (and, for a fleet, from its launch template); unit prices from tools/prices/aws.json;
// volumes that depend on traffic from the stated usage assumptions.

import type { RecordedResource } from "../synth";
import type { CostLine, Pricer, Pricing, PricingContext } from "./cost";
import { fixed, hourly, monthsKept, num, per, str } from "./costLines";
import { DUMP_ASSUMPTION, DUMP_HOURS_PER_MONTH, dumpStorageGb } from "./dumpSize";
import { money } from "./format";
import { AWS_TELEMETRY_FREE, AWS_TELEMETRY_RULES } from "./costAwsTelemetry";

const T = {
    group: "aws:autoscaling/group:Group",
    template: "aws:ec2/launchTemplate:LaunchTemplate",
    rds: "aws:rds/instance:Instance",
    nat: "aws:ec2/natGateway:NatGateway",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    acl: "aws:wafv2/webAcl:WebAcl",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    bucket: "aws:s3/bucket:Bucket",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
};

/** Types AWS does not bill for by themselves, and why: never a silent zero. */
export const AWS_FREE: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "VPCs are free",
    "aws:ec2/subnet:Subnet": "subnets are free",
    "aws:ec2/routeTable:RouteTable": "route tables are free",
    "aws:ec2/route:Route": "routes are free",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "route table associations are free",
    "aws:ec2/internetGateway:InternetGateway": "internet gateways are free (data transfer is priced on the load balancer)",
    "aws:ec2/securityGroup:SecurityGroup": "security groups are free",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "security groups are free",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "security group rules are free",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "security group rules are free",
    "aws:ec2/flowLog:FlowLog": "flow log delivery is billed as ingestion on its log group",
    "aws:ec2/launchTemplate:LaunchTemplate": "launch templates are free; their instances are priced on the Auto Scaling group",
    "aws:autoscaling/policy:Policy": "scaling policies are free",
    "aws:autoscaling/schedule:Schedule": "scheduled actions are free; the hours they save are in the cost levers",
    "aws:iam/role:Role": "IAM is free",
    "aws:iam/rolePolicy:RolePolicy": "IAM is free",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM is free",
    "aws:iam/instanceProfile:InstanceProfile": "IAM is free",
    "aws:kms/alias:Alias": "aliases are free; the key is priced",
    "aws:secretsmanager/secretVersion:SecretVersion": "versions are included in the secret's monthly price",
    "aws:secretsmanager/secretRotation:SecretRotation": "rotation is included in the secret's monthly price; the function it calls runs a few times a month",
    "aws:lambda/function:Function": "runs once per deploy and a few times a month for rotation: seconds of 256 MB, inside Lambda's always-free monthly allowance (1M requests, 400,000 GB-seconds)",
    "aws:lambda/invocation:Invocation": "one run of the credentials function per deploy (see the function)",
    "aws:lambda/permission:Permission": "resource policies are free",
    "aws:rds/subnetGroup:SubnetGroup": "DB subnet groups are free",
    "aws:rds/parameterGroup:ParameterGroup": "DB parameter groups are free",
    "aws:rds/proxy:Proxy": "priced on its target (RDS Proxy bills the vCPUs of the instance behind it)",
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": "target groups are free; the proxy is priced on its target",
    "aws:elasticache/subnetGroup:SubnetGroup": "cache subnet groups are free",
    "aws:opensearch/domainPolicy:DomainPolicy": "access policies are free; the domain is priced",
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "resource policies are free",
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "subscriptions are free; the stream they feed is priced per GB",
    "aws:lb/listener:Listener": "included in the load balancer's hours and LCUs",
    "aws:lb/listenerRule:ListenerRule": "included in the load balancer's LCUs (rule evaluations)",
    "aws:lb/targetGroup:TargetGroup": "included in the load balancer's hours and LCUs",
    "aws:acm/certificate:Certificate": "public and imported ACM certificates are free",
    "aws:acm/certificateValidation:CertificateValidation": "a wait for validation, not a resource AWS bills",
    "aws:route53/record:Record": "records are free; alias queries to AWS resources are free, other queries ($0.40 per million) not modelled",
    "aws:wafv2/webAclAssociation:WebAclAssociation": "associations are free; the web ACL is priced",
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": "WAF logs are billed as ingestion on their log group",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "bucket settings are free",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "bucket settings are free",
    "aws:s3/bucketVersioning:BucketVersioning": "bucket settings are free (noncurrent versions count as stored GB)",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "bucket settings are free (bucket keys keep KMS requests low)",
    "aws:s3/bucketPolicy:BucketPolicy": "bucket settings are free",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "bucket settings are free (Glacier transitions not modelled)",
    "aws:s3/bucketLogging:BucketLogging": "bucket settings are free; the logs are priced on the log bucket",
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": "replication rules are free; the transfer and Replication Time Control are priced on the replica bucket",
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": "bucket settings are free",
    "aws:sns/topic:Topic": "the first 1 M publishes and 1,000 e-mails a month are free; alarm traffic stays far below",
    "aws:sns/topicPolicy:TopicPolicy": "topic policies are free",
    "aws:sns/topicSubscription:TopicSubscription": "e-mail subscriptions are free (first 1,000 e-mails a month)",
    "aws:budgets/budget:Budget": "budgets without actions are free",
    "aws:eks/addon:Addon": "EKS add-ons are free; their pods run on the nodes (Container Insights metrics and logs are priced on the log groups and alarms)",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": "EKS Pod Identity is free",
    "aws:eks/accessEntry:AccessEntry": "access entries are free",
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": "access entries are free",
    "random:index/randomPassword:RandomPassword": "generated locally by the random provider",
    "tls:index/privateKey:PrivateKey": "generated locally by the tls provider",
    "tls:index/selfSignedCert:SelfSignedCert": "generated locally by the tls provider",
    "tls:index/certRequest:CertRequest": "generated locally by the tls provider",
    "tls:index/locallySignedCert:LocallySignedCert": "generated locally by the tls provider",
    ...AWS_TELEMETRY_FREE,
    "aws:ec2/vpnGateway:VpnGateway": "the virtual private gateway has no hourly fee; its connection is priced",
    "aws:ec2/customerGateway:CustomerGateway": "customer gateways are free; the connection is priced",
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": "static routes are included in the connection's hours",
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": "route propagation is free",
    "aws:ecs/cluster:Cluster": "ECS clusters are free; the Fargate task is priced on its task definition",
    "aws:scheduler/schedule:Schedule": "EventBridge Scheduler's first 14 M invocations a month are free; one a day",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": "bucket settings are free (locked versions count as stored GB)",
};

function autoScalingGroup(group: RecordedResource, ctx: PricingContext): Pricing {
    const template = ctx.graph.dependenciesOfType(group, T.template)[0];
    const instanceType = str(template?.inputs.instanceType);
    if (!instanceType) {
        return { unpriced: "no launch template with an instanceType among its dependencies" };
    }
    if (!ctx.prices.has(`ec2:${instanceType}`)) {
        return { unpriced: `instance type ${instanceType} is not in the price book` };
    }
    const min = num(group.inputs.minSize);
    const max = num(group.inputs.maxSize, min);
    // Priced at the minimum: what the group runs when idle; the maximum is stated alongside.
    const lines: CostLine[] = [hourly(ctx, min, instanceType, `ec2:${instanceType}`)];
    for (const mapping of (template.inputs.blockDeviceMappings as { ebs?: { volumeSize?: number; volumeType?: string } }[] | undefined) ?? []) {
        const volumeType = mapping.ebs?.volumeType ?? "gp3";
        const size = num(mapping.ebs?.volumeSize, 8);
        lines.push(per(ctx, min * size, `GB ${volumeType} (${size} GB root volume each)`, `ebs:${volumeType}`, "GB-month"));
    }
    if ((template.inputs.monitoring as { enabled?: boolean } | undefined)?.enabled) {
        // Detailed monitoring bills the 7 EC2 metrics per instance at the custom-metric rate.
        lines.push(per(ctx, min * 7, "detailed-monitoring metrics (7 per instance)", "ec2:detailed-monitoring-metric", "metric"));
    }
    const interfaces = (template.inputs.networkInterfaces as { associatePublicIpAddress?: unknown }[] | undefined) ?? [];
    if (interfaces.some((nic) => String(nic.associatePublicIpAddress) === "true")) {
        lines.push(hourly(ctx, min, "public IPv4 (one per instance)", "ipv4:hour"));
    }
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    const atMax = min > 0 ? (atMin / min) * max : 0;
    return { lines, note: `priced at minReplicas ${min}; at maxReplicas ${max}: ${money(atMax)}` };
}

/** A managed node group: its instances at minSize with the launch template's volumes; the EKS fee is on the cluster. */
function nodeGroup(group: RecordedResource, ctx: PricingContext): Pricing {
    const instanceType = str((group.inputs.instanceTypes as unknown[] | undefined)?.[0]);
    if (!ctx.prices.has(`ec2:${instanceType}`)) {
        return { unpriced: `instance type ${instanceType || "(none)"} is not in the price book` };
    }
    const scaling = (group.inputs.scalingConfig as { minSize?: number; maxSize?: number } | undefined) ?? {};
    const min = num(scaling.minSize);
    const max = num(scaling.maxSize, min);
    const template = ctx.graph.dependenciesOfType(group, T.template)[0];
    const lines: CostLine[] = [hourly(ctx, min, `${instanceType} node`, `ec2:${instanceType}`)];
    for (const mapping of (template?.inputs.blockDeviceMappings as { ebs?: { volumeSize?: number; volumeType?: string } }[] | undefined) ?? []) {
        const volumeType = mapping.ebs?.volumeType ?? "gp3";
        const size = num(mapping.ebs?.volumeSize, 20);
        lines.push(per(ctx, min * size, `GB ${volumeType} (${size} GB root volume each)`, `ebs:${volumeType}`, "GB-month"));
    }
    if ((template?.inputs.monitoring as { enabled?: boolean } | undefined)?.enabled) {
        lines.push(per(ctx, min * 7, "detailed-monitoring metrics (7 per instance)", "ec2:detailed-monitoring-metric", "metric"));
    }
    const atMin = lines.reduce((sum, line) => sum + line.monthly, 0);
    const atMax = min > 0 ? (atMin / min) * max : 0;
    return { lines, note: `priced at minSize ${min} nodes; at maxSize ${max}: ${money(atMax)}` };
}

function rdsInstance(instance: RecordedResource, ctx: PricingContext): Pricing {
    // A replica takes engine and storage from its source, which it depends on.
    const source = instance.inputs.replicateSourceDb ? ctx.graph.dependenciesOfType(instance, T.rds)[0] : undefined;
    const engine = str(instance.inputs.engine) || str(source?.inputs.engine);
    const instanceClass = str(instance.inputs.instanceClass);
    const key = `rds-${engine}:${instanceClass}`;
    if (!ctx.prices.has(key)) {
        return { unpriced: `RDS ${engine || "(engine unknown)"} ${instanceClass} is not in the price book` };
    }
    const multiAz = instance.inputs.multiAz === true;
    const copies = multiAz ? 2 : 1;
    const storageGb = num(instance.inputs.allocatedStorage, num(source?.inputs.allocatedStorage));
    const storageType = str(instance.inputs.storageType) || str(source?.inputs.storageType) || "gp2";
    if (!ctx.prices.has(`rds:${storageType}`)) {
        return { unpriced: `RDS ${storageType} storage is not in the price book` };
    }
    const lines = [hourly(ctx, copies, `${instanceClass}${multiAz ? " (Multi-AZ: primary + standby)" : ""}`, key)];
    const storage = per(ctx, storageGb * copies, `GB ${storageType}${multiAz ? ` (${storageGb} GB x 2, Multi-AZ)` : ""}`, `rds:${storageType}`, "GB-month");
    lines.push(storage);
    const role = source ? `read replica of ${source.name}; ` : "";
    return { lines, note: `${role}backups up to the allocated size and 7 days of Performance Insights are free` };
}

/** vCPUs of an RDS class from its size: large 2, xlarge 4, Nxlarge 4N (medium and smaller 2). */
export function rdsClassVcpus(instanceClass: string): number {
    const size = instanceClass.split(".").pop() ?? "";
    const multiple = /^(\d+)xlarge$/.exec(size);
    if (multiple) {
        return 4 * Number(multiple[1]);
    }
    return size === "xlarge" ? 4 : 2;
}

/** RDS Proxy: per vCPU-hour of the instance it fronts, at least 2 vCPUs. */
function proxyTarget(target: RecordedResource, ctx: PricingContext): Pricing {
    const instance = ctx.graph.dependenciesOfType(target, T.rds)[0];
    if (!instance) {
        return { unpriced: "RDS Proxy target without its instance in the plan" };
    }
    const instanceClass = str(instance.inputs.instanceClass);
    const vcpus = Math.max(2, rdsClassVcpus(instanceClass));
    return { lines: [hourly(ctx, vcpus, `vCPU of ${instanceClass} behind RDS Proxy`, "rds-proxy:vcpu-hour")], note: "RDS Proxy bills the target's vCPUs, at least 2" };
}

function replicationGroup(group: RecordedResource, ctx: PricingContext): Pricing {
    const nodeType = str(group.inputs.nodeType);
    const engine = str(group.inputs.engine) || "redis";
    const key = `elasticache-${engine}:${nodeType}`;
    if (!ctx.prices.has(key)) {
        return { unpriced: `ElastiCache ${engine} ${nodeType} is not in the price book` };
    }
    const sharded = group.inputs.clusterMode === "enabled";
    const shards = num(group.inputs.numNodeGroups, 1);
    const perShard = 1 + num(group.inputs.replicasPerNodeGroup);
    const nodes = sharded ? shards * perShard : num(group.inputs.numCacheClusters, 1);
    const shape = sharded ? `${shards} shards x ${perShard} nodes` : `primary + ${nodes - 1} replicas`;
    return { lines: [hourly(ctx, nodes, `${nodeType} node`, key)], note: `${shape}${group.inputs.multiAzEnabled ? ", Multi-AZ" : ""}` };
}

/** Data nodes and dedicated managers by the hour, each data node's gp3 volume by the GB-month. */
function openSearchDomain(domain: RecordedResource, ctx: PricingContext): Pricing {
    const cluster = (domain.inputs.clusterConfig ?? {}) as Record<string, unknown>;
    const dataType = str(cluster.instanceType);
    const masterType = str(cluster.dedicatedMasterType);
    const managers = cluster.dedicatedMasterEnabled === true ? num(cluster.dedicatedMasterCount) : 0;
    for (const type of [dataType, ...(managers ? [masterType] : [])]) {
        if (!ctx.prices.has(`opensearch:${type}`)) {
            return { unpriced: `OpenSearch ${type} is not in the price book` };
        }
    }
    const nodes = num(cluster.instanceCount, 1);
    const volumeGb = num((domain.inputs.ebsOptions as Record<string, unknown> | undefined)?.volumeSize);
    const lines = [hourly(ctx, nodes, `${dataType} data node`, `opensearch:${dataType}`)];
    if (managers) {
        lines.push(hourly(ctx, managers, `${masterType} dedicated cluster manager`, `opensearch:${masterType}`));
    }
    lines.push(per(ctx, nodes * volumeGb, `GB gp3 (${volumeGb} GB x ${nodes} data nodes)`, "opensearch:gp3", "GB-month"));
    return { lines, note: `${nodes} data node(s)${managers ? `, ${managers} dedicated managers` : ""}${cluster.zoneAwarenessEnabled ? ", zone aware" : ""}` };
}

/** Shipped logs: the same volume CloudWatch ingests, into the stream and through its VPC interfaces. */
function firehose(stream: RecordedResource, ctx: PricingContext): Pricing {
    const vpc = ((stream.inputs.opensearchConfiguration as Record<string, unknown> | undefined)?.vpcConfig ?? {}) as Record<string, unknown>;
    const zones = ((vpc.subnetIds as unknown[]) ?? []).length;
    const gb = ctx.usage.logIngestGb;
    const lines = [per(ctx, gb, "GB ingested", "firehose:ingest", "GB")];
    if (zones) {
        lines.push(hourly(ctx, zones, "VPC delivery zone", "firehose:vpc-delivery-hour"), per(ctx, gb, "GB delivered into the VPC", "firehose:vpc-delivery-gb", "GB"));
    }
    return { lines, note: `usage.logIngestGb ${gb} GB: every subscribed log group ships what it ingests` };
}

function natGateway(_nat: RecordedResource, ctx: PricingContext): Pricing {
    const share = ctx.usage.natDataGb / ctx.count(T.nat);
    return { lines: [hourly(ctx, 1, "NAT gateway", "nat:hour"), per(ctx, share, "GB processed", "nat:data", "GB")], note: `usage.natDataGb ${ctx.usage.natDataGb} GB shared by ${ctx.count(T.nat)} gateway(s)` };
}

function loadBalancer(lb: RecordedResource, ctx: PricingContext): Pricing {
    if (str(lb.inputs.loadBalancerType || "application") !== "application") {
        return { unpriced: `${str(lb.inputs.loadBalancerType)} load balancers are not in the price book` };
    }
    const count = ctx.count(T.lb);
    const lines = [hourly(ctx, 1, "ALB", "alb:hour"), hourly(ctx, ctx.usage.loadBalancerLcu / count, "LCU", "alb:lcu")];
    if (lb.inputs.internal !== true) {
        // An internet-facing ALB holds a public IPv4 address in each of its subnets.
        lines.push(hourly(ctx, ((lb.inputs.subnets as unknown[]) ?? []).length, "public IPv4", "ipv4:hour"));
        lines.push(per(ctx, ctx.usage.internetEgressGb / count, "GB to the internet", "transfer:internet-out", "GB"));
    }
    return { lines, note: `usage.loadBalancerLcu ${ctx.usage.loadBalancerLcu}, usage.internetEgressGb ${ctx.usage.internetEgressGb}` };
}

function webAcl(acl: RecordedResource, ctx: PricingContext): Pricing {
    const rules = (acl.inputs.rules as { statement?: { managedRuleGroupStatement?: unknown } }[] | undefined) ?? [];
    const managed = rules.filter((rule) => rule.statement?.managedRuleGroupStatement).length;
    const lines = [
        per(ctx, 1, "web ACL", "waf:web-acl", "month"),
        per(ctx, rules.length - managed, "rules", "waf:rule", "rule"),
        per(ctx, managed, "AWS managed rule groups", "waf:managed-rule-group", "group"),
        per(ctx, ctx.usage.wafRequestsMillions / ctx.count(T.acl), "M requests", "waf:requests", "M"),
    ];
    return { lines, note: `usage.wafRequestsMillions ${ctx.usage.wafRequestsMillions}` };
}

function logGroup(group: RecordedResource, ctx: PricingContext): Pricing {
    const share = ctx.usage.logIngestGb / ctx.count(T.logGroup);
    const retentionDays = num(group.inputs.retentionInDays);
    // Steady state: a month's ingestion kept for the retention period (never-expiring: a year).
    const retention = retentionDays > 0 ? `${retentionDays}-day retention` : "no expiry, a year counted";
    return {
        lines: [per(ctx, share, "GB ingested", "logs:ingest", "GB"), per(ctx, share * monthsKept(retentionDays), `GB kept (${retention})`, "logs:storage", "GB-month")],
        note: `usage.logIngestGb ${ctx.usage.logIngestGb} GB shared by ${ctx.count(T.logGroup)} log groups`,
    };
}

function metricAlarm(alarm: RecordedResource, ctx: PricingContext): Pricing {
    const queries = (alarm.inputs.metricQueries as { metric?: { period?: number } }[] | undefined) ?? [];
    const metrics = queries.filter((query) => query.metric);
    const periods = metrics.length ? metrics.map((query) => num(query.metric?.period, 60)) : [num(alarm.inputs.period, 60)];
    const key = Math.min(...periods) < 60 ? "cloudwatch:alarm-metric-high-resolution" : "cloudwatch:alarm-metric";
    return { lines: [per(ctx, Math.max(metrics.length, 1), "alarm metric(s)", key, "metric")] };
}

function route53HealthCheck(check: RecordedResource, ctx: PricingContext): Pricing {
    const type = str(check.inputs.type);
    // Optional features each add a fee: HTTPS, string matching, fast interval, latency.
    const features = [type.startsWith("HTTPS"), type.endsWith("STR_MATCH"), num(check.inputs.requestInterval, 30) < 30, check.inputs.measureLatency === true].filter(Boolean).length;
    return { lines: [per(ctx, 1, "health check (AWS endpoint)", "route53:health-check", "month"), per(ctx, features, "optional features", "route53:health-check-feature", "feature")] };
}

/** The backups bucket: the dumps its lifecycle keeps, sized from the primary's allocated disk. */
function backupsBucket(target: RecordedResource, ctx: PricingContext): Pricing {
    const lifecycle = ctx.graph.ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((rule) => rule.dependsOn.includes(target.urn));
    const rules = (lifecycle?.inputs.rules as { expiration?: { days?: number } }[] | undefined) ?? [];
    const retentionDays = num(rules.find((rule) => rule.expiration?.days)?.expiration?.days, 30);
    const primary = ctx.graph.ofType(T.rds).find((instance) => !instance.inputs.replicateSourceDb);
    const gb = dumpStorageGb(num(primary?.inputs.allocatedStorage), retentionDays);
    return { lines: [per(ctx, gb, "GB Standard (daily dumps)", "s3:standard", "GB-month")], note: `${DUMP_ASSUMPTION}, kept ${retentionDays} days` };
}

/** The dump task: Fargate by the second while it runs, from its task definition's size. */
function dumpTask(task: RecordedResource, ctx: PricingContext): Pricing {
    const vcpus = num(task.inputs.cpu) / 1024;
    const memoryGb = num(task.inputs.memory) / 1024;
    const extraStorageGb = Math.max(0, num((task.inputs.ephemeralStorage as { sizeInGib?: number } | undefined)?.sizeInGib, 20) - 20);
    const hours = DUMP_HOURS_PER_MONTH;
    return {
        lines: [
            per(ctx, vcpus * hours, `vCPU-hours (${vcpus} vCPU, ${hours.toFixed(1)} h a month)`, "fargate-arm:vcpu-hour", "vCPU-hour"),
            per(ctx, memoryGb * hours, `GB-hours (${memoryGb} GB)`, "fargate-arm:gb-hour", "GB-hour"),
            per(ctx, extraStorageGb * hours, `GB-hours of ephemeral storage above 20 GB`, "fargate:ephemeral-gb-hour", "GB-hour"),
        ],
        note: "half an hour a day on Graviton (ARM) Fargate",
    };
}

/** Buckets a replication rule writes to, with whether their source is the documents bucket. */
function replicaBuckets(ctx: PricingContext): Map<string, { ofDocuments: boolean }> {
    const replicas = new Map<string, { ofDocuments: boolean }>();
    for (const config of ctx.graph.ofType(T.replication)) {
        const ofDocuments = !/backups/.test(config.name);
        for (const rule of (config.inputs.rules as { destination?: { bucket?: unknown } }[] | undefined) ?? []) {
            const target = ctx.graph.ofType(T.bucket).find((b) => str(rule.destination?.bucket) === `arn:aws:s3:::${b.name}` || str(rule.destination?.bucket) === `arn:aws:s3:::${str(b.inputs.bucket)}`);
            if (target) {
                replicas.set(target.urn, { ofDocuments });
            }
        }
    }
    return replicas;
}

/**
 * A DR replica holds a full copy of its source and receives what the source writes, across
 * regions and under Replication Time Control. A month's writes are taken as a twelfth of the
 * stored GB (a year's growth); dumps as the database's allocated storage.
 */
function replicaBucket(ofDocuments: boolean, ctx: PricingContext): Pricing {
    const databaseGb = num(ctx.graph.ofType(T.rds).find((r) => !r.inputs.replicateSourceDb)?.inputs.allocatedStorage, 0);
    const storedGb = ofDocuments ? ctx.usage.objectStorageGb : databaseGb;
    const monthlyGb = storedGb / 12;
    return {
        lines: [
            per(ctx, storedGb, "GB Standard (replica)", "s3:standard", "GB-month"),
            per(ctx, monthlyGb, "GB replicated across regions", "transfer:inter-region", "GB"),
            per(ctx, monthlyGb, "GB under Replication Time Control", "s3:replication-time-control", "GB"),
        ],
        note: ofDocuments ? `usage.objectStorageGb ${ctx.usage.objectStorageGb}; a twelfth written a month` : `dumps as large as the database (${databaseGb} GB); a twelfth written a month`,
    };
}

/** The documents bucket is the one the app fleet reads and writes; DR replicas copy a source; the backups bucket keeps the dumps; the others hold access logs. */
function bucket(target: RecordedResource, ctx: PricingContext): Pricing {
    const replicas = replicaBuckets(ctx);
    const replica = replicas.get(target.urn);
    if (replica) {
        return replicaBucket(replica.ofDocuments, ctx);
    }
    if (ctx.graph.componentOf(target) === "Backups") {
        return backupsBucket(target, ctx);
    }
    const users = [...ctx.graph.ofType(T.template), ...ctx.graph.ofType(T.rolePolicy)];
    const own = ctx.graph.ofType(T.bucket).filter((b) => ctx.graph.componentOf(b) !== "Backups" && !replicas.has(b.urn));
    const appBuckets = own.filter((b) => users.some((user) => user.dependsOn.includes(b.urn)));
    const documents = appBuckets.length ? appBuckets : own;
    if (documents.includes(target)) {
        const n = documents.length;
        return {
            lines: [per(ctx, ctx.usage.objectStorageGb / n, "GB Standard", "s3:standard", "GB-month"), per(ctx, ctx.usage.objectWriteThousands / n, "k write requests", "s3:write-requests", "k")],
            note: `usage.objectStorageGb ${ctx.usage.objectStorageGb}, usage.objectWriteThousands ${ctx.usage.objectWriteThousands}`,
        };
    }
    const logs = own.length - documents.length;
    return { lines: [per(ctx, ctx.usage.accessLogStorageGb / logs, "GB Standard (access logs)", "s3:standard", "GB-month")], note: `usage.accessLogStorageGb ${ctx.usage.accessLogStorageGb}` };
}

const RULES: Record<string, Pricer> = {
    ...AWS_TELEMETRY_RULES,
    [T.group]: autoScalingGroup,
    [T.nodeGroup]: nodeGroup,
    "aws:eks/cluster:Cluster": (_cluster, ctx) => ({ lines: [hourly(ctx, 1, "EKS control plane (standard support)", "eks:cluster-hour")] }),
    [T.rds]: rdsInstance,
    "aws:rds/proxyTarget:ProxyTarget": proxyTarget,
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
    "aws:opensearch/domain:Domain": openSearchDomain,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehose,
    [T.nat]: natGateway,
    "aws:ec2/eip:Eip": (_eip, ctx) => ({ lines: [hourly(ctx, 1, "public IPv4 (Elastic IP)", "ipv4:hour")] }),
    [T.lb]: loadBalancer,
    [T.acl]: webAcl,
    [T.logGroup]: logGroup,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:cloudwatch/dashboard:Dashboard": fixed("dashboard", "cloudwatch:dashboard"),
    "aws:kms/key:Key": fixed("customer-managed key", "kms:key"),
    // A replica in another region is billed as one more secret.
    "aws:secretsmanager/secret:Secret": (secret, ctx) => {
        const replicas = Array.isArray(secret.inputs.replicas) ? secret.inputs.replicas.length : 0;
        return { lines: [per(ctx, 1 + replicas, replicas ? "secret (with its DR replica)" : "secret", "secretsmanager:secret", "month")] };
    },
    // Replicated automated backups: the snapshots and logs stored in the DR region, and their copy there.
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": (_replication, ctx) => {
        const databaseGb = num(ctx.graph.ofType(T.rds).find((r) => !r.inputs.replicateSourceDb)?.inputs.allocatedStorage, 0);
        return {
            lines: [per(ctx, databaseGb, "GB of replicated backups", "rds:backup-storage", "GB-month"), per(ctx, databaseGb, "GB copied to the DR region", "transfer:inter-region", "GB")],
            note: "a full copy the size of the allocated storage, then changes; the copy counted once a month",
        };
    },
    "aws:route53/healthCheck:HealthCheck": route53HealthCheck,
    "aws:route53/zone:Zone": fixed("hosted zone", "route53:hosted-zone"),
    "aws:sqs/queue:Queue": (_queue, ctx) => ({ lines: [per(ctx, ctx.usage.queueRequestsMillions, "M requests", "sqs:requests", "M")], note: "usage.queueRequestsMillions per queue" }),
    [T.bucket]: bucket,
    "aws:ec2/vpnConnection:VpnConnection": (_connection, ctx) => ({ lines: [hourly(ctx, 1, "Site-to-Site VPN connection (two tunnels)", "vpn:connection-hour")] }),
    "aws:ecs/taskDefinition:TaskDefinition": dumpTask,
    "aws:ec2/vpcEndpoint:VpcEndpoint": (endpoint) =>
        str(endpoint.inputs.vpcEndpointType || "Gateway") === "Gateway" ? { free: "gateway endpoints are free" } : { unpriced: "interface endpoints are not in the price book" },
};

export const awsPricer: Pricer = (resource, ctx) => {
    const rule = RULES[resource.type];
    if (rule) {
        return rule(resource, ctx);
    }
    const reason = AWS_FREE[resource.type];
    return reason ? { free: reason } : { unpriced: "no pricing rule for this resource type" };
};
