// The app tier of both documents on EC2: one Auto Scaling group per service running its
// container, a public ALB with HTTPS only (TLS 1.2+), the LMS document's WAF rules, the
// idea-management document's IAM instance role, Celery-style workers scaled on SQS queue depth,
// and its Route 53 records, ACM certificate and health check.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { createHash } from "crypto";
import { AdapterContext, AppFleetDeps, AdapterResult, AppFleetOutputs, ServiceEndpoint } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { accountId, childName, childOpts, createKmsKey, regionOf, secretsPrefix, tagsFor, withOverrides } from "./common";
import { AwsAppFleetNative, AwsCacheNative, AwsDatabaseNative, AwsNetworkNative, AwsObjectStoreNative, AwsServiceFleet, nativeOf } from "./native";
import { instanceTypeFor } from "./sizes";
import { buildBootScript, encodeUserData } from "./userData";

const AL2023_AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** Queue depth above which workers grow by two at a time instead of one. */
const SURGE_QUEUE_DEPTH = 500;
const ENABLED_METRICS: aws.autoscaling.Metric[] = [
    "GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
    "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances",
];

/** Names AWS caps (ALB and target groups: 32): cut and suffixed with a stable hash when too long. */
export function boundedName(name: string, max: number): string {
    if (name.length <= max) {
        return name;
    }
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

interface Shared {
    ctx: AdapterContext;
    spec: AppFleetSpec;
    region: string;
    account: pulumi.Output<string>;
    key: aws.kms.Key;
    net: AwsNetworkNative;
}

function logGroup(s: Shared, role: string, name: string): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        childName(s.ctx, role),
        { name, retentionInDays: s.spec.logRetentionDays, kmsKeyId: s.key.arn, tags: tagsFor(s.ctx, role) },
        childOpts(s.ctx),
    );
}

/** The idea-management document's log groups: application and error for web, worker for workers. */
function serviceLogGroups(s: Shared, service: ServiceSpec): aws.cloudwatch.LogGroup[] {
    const prefix = `/${s.ctx.platform.name}/${service.name}`;
    // The container's output goes to the first group; the error group is for the app's own error sink.
    return service.kind === "web"
        ? [logGroup(s, `${service.name}-app-logs`, `${prefix}/application`), logGroup(s, `${service.name}-error-logs`, `${prefix}/error`)]
        : [logGroup(s, `${service.name}-worker-logs`, `${prefix}/worker`)];
}

function workerQueue(s: Shared, service: ServiceSpec): aws.sqs.Queue {
    const base = `${s.ctx.platform.name}-${service.name}`;
    // Longer than the source queue's 4 days: a redriven message keeps its first enqueue time.
    const deadLetters = new aws.sqs.Queue(
        childName(s.ctx, `${service.name}-dlq`),
        { name: `${base}-dlq`, sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600, tags: tagsFor(s.ctx, `${service.name}-dlq`) },
        childOpts(s.ctx),
    );
    return new aws.sqs.Queue(
        childName(s.ctx, `${service.name}-queue`),
        {
            name: base,
            sqsManagedSseEnabled: true,
            messageRetentionSeconds: 345600,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 5 }),
            tags: tagsFor(s.ctx, `${service.name}-queue`),
        },
        childOpts(s.ctx),
    );
}

interface InstanceIdentity {
    role: aws.iam.Role;
    profile: aws.iam.InstanceProfile;
    /** What instances need before they boot; groups wait for it. */
    grants: pulumi.Resource[];
}

function instanceIdentity(s: Shared, deps: AppFleetDeps, logGroups: aws.cloudwatch.LogGroup[], queues: aws.sqs.Queue[]): InstanceIdentity {
    const { ctx } = s;
    const storage = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const database = nativeOf<AwsDatabaseNative>(deps.database);
    const cache = nativeOf<AwsCacheNative>(deps.cache);
    const role = new aws.iam.Role(
        childName(ctx, "instance-role"),
        {
            description: `${ctx.platform.name} app instances`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: tagsFor(ctx, "instance-role"),
        },
        childOpts(ctx),
    );
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
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [storage.key.arn, database.key.arn, cache.key.arn] },
                ],
            }),
        },
        childOpts(ctx),
    );
    const runtimeStatements: unknown[] = [
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logGroups.map((group) => pulumi.interpolate`${group.arn}:*`) },
        // PutMetricData has no resource-level permissions: the namespace condition is the only scope.
        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "CWAgent" } } },
    ];
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

interface ServiceWiring {
    service: ServiceSpec;
    logGroup: aws.cloudwatch.LogGroup;
    queue?: aws.sqs.Queue;
    targetGroup?: aws.lb.TargetGroup;
    /** Every worker queue's URL, so producers (the API) can enqueue work. */
    queueUrls: Record<string, pulumi.Output<string>>;
}

function userDataFor(s: Shared, deps: AppFleetDeps, w: ServiceWiring, groupName: string): pulumi.Output<string> {
    const db = deps.database.outputs;
    const cache = deps.cache.outputs;
    const env: Record<string, pulumi.Input<string>> = {
        AWS_REGION: s.region,
        DATABASE_HOST: db.host,
        DATABASE_PORT: db.port.apply(String),
        DATABASE_NAME: db.database,
        DATABASE_USER: db.username,
        REDIS_HOST: cache.host,
        REDIS_PORT: cache.port.apply(String),
        REDIS_TLS: cache.tls.apply(String),
        BUCKET_NAME: deps.objectStore.outputs.bucketName,
    };
    for (const [name, url] of Object.entries(w.queueUrls)) {
        env[`QUEUE_URL_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`] = url;
    }
    if (w.queue) {
        env.QUEUE_URL = w.queue.url;
    }
    if (w.service.kind === "web" && w.service.port) {
        env.PORT = String(w.service.port);
    }
    // ARNs only: the instance reads the values from Secrets Manager at boot.
    const secrets: Record<string, pulumi.Input<string>> = {
        DATABASE_PASSWORD: nativeOf<AwsDatabaseNative>(deps.database).passwordSecret.arn,
        REDIS_AUTH_TOKEN: nativeOf<AwsCacheNative>(deps.cache).authSecret.arn,
    };
    const svc = w.service;
    return pulumi.all([pulumi.all(env), pulumi.all(secrets), w.logGroup.name]).apply(([envValues, secretArns, logGroup]) =>
        encodeUserData(
            buildBootScript({
                region: s.region,
                service: svc.name,
                kind: svc.kind,
                image: svc.image,
                command: svc.command,
                port: svc.port,
                healthPath: svc.healthPath,
                logGroup,
                autoScalingGroupName: groupName,
                env: envValues,
                secrets: secretArns,
            }),
        ),
    );
}

function serviceGroup(s: Shared, deps: AppFleetDeps, identity: InstanceIdentity, w: ServiceWiring): aws.autoscaling.Group {
    const { ctx, spec, net } = s;
    const svc = w.service;
    // A fixed name: the boot script publishes memory under it, and alarms look it up by name.
    const groupName = childName(ctx, svc.name);
    const tags = tagsFor(ctx, svc.name);
    const template = new aws.ec2.LaunchTemplate(
        childName(ctx, `${svc.name}-template`),
        {
            imageId: AL2023_AMI,
            instanceType: instanceTypeFor(svc.shape),
            iamInstanceProfile: { arn: identity.profile.arn },
            // IMDSv2 only; one hop is enough because containers share the host's network stack.
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
            monitoring: { enabled: true },
            networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [net.securityGroups.app.id], deleteOnTermination: "true" }],
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: { volumeSize: svc.rootVolumeGb, volumeType: "gp3", encrypted: "true", kmsKeyId: s.key.arn, deleteOnTermination: "true" },
                },
            ],
            tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags })),
            updateDefaultVersion: true,
            userData: userDataFor(s, deps, w, groupName),
            tags,
        },
        childOpts(ctx),
    );
    return new aws.autoscaling.Group(
        childName(ctx, `${svc.name}-group`),
        {
            name: groupName,
            vpcZoneIdentifiers: net.appSubnets.map((subnet) => subnet.id),
            minSize: svc.minReplicas,
            maxSize: svc.maxReplicas,
            desiredCapacity: svc.minReplicas,
            // The version number, not "$Latest": a new template version must change the group for
            // the instance refresh below to roll the fleet.
            launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
            healthCheckType: w.targetGroup ? "ELB" : "EC2",
            healthCheckGracePeriod: spec.healthCheckGraceSeconds,
            targetGroupArns: w.targetGroup ? [w.targetGroup.arn] : [],
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 90, instanceWarmup: String(spec.healthCheckGraceSeconds) },
            },
            enabledMetrics: ENABLED_METRICS,
            metricsGranularity: "1Minute",
            tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        },
        // Scaling owns the desired capacity after creation; a deploy must not reset it to the minimum.
        childOpts(ctx, { dependsOn: identity.grants, ignoreChanges: ["desiredCapacity"] }),
    );
}

function webScaling(s: Shared, svc: ServiceSpec, group: aws.autoscaling.Group): void {
    new aws.autoscaling.Policy(
        childName(s.ctx, `${svc.name}-cpu-target`),
        {
            autoscalingGroupName: group.name,
            policyType: "TargetTrackingScaling",
            estimatedInstanceWarmup: s.spec.healthCheckGraceSeconds,
            targetTrackingConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: s.spec.cpuTargetPercent,
            },
        },
        childOpts(s.ctx),
    );
}

/** The idea-management document's worker rule: out above 100 queued messages, in below 10. */
function workerScaling(s: Shared, svc: ServiceSpec, group: aws.autoscaling.Group, queue: aws.sqs.Queue): void {
    const { ctx, spec } = s;
    const surge = SURGE_QUEUE_DEPTH - spec.scaleOutQueueDepth;
    const stepPolicy = (role: string, steps: aws.types.input.autoscaling.PolicyStepAdjustment[]) =>
        new aws.autoscaling.Policy(
            childName(ctx, `${svc.name}-${role}`),
            {
                autoscalingGroupName: group.name,
                policyType: "StepScaling",
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Maximum",
                estimatedInstanceWarmup: spec.healthCheckGraceSeconds,
                stepAdjustments: steps,
            },
            childOpts(ctx),
        );
    const scaleOut = stepPolicy(
        "scale-out",
        surge > 0
            ? [
                  { metricIntervalLowerBound: "0", metricIntervalUpperBound: String(surge), scalingAdjustment: 1 },
                  { metricIntervalLowerBound: String(surge), scalingAdjustment: 2 },
              ]
            : [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
    );
    const scaleIn = stepPolicy("scale-in", [{ metricIntervalUpperBound: "0", scalingAdjustment: -1 }]);
    const depthAlarm = (role: string, description: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
        new aws.cloudwatch.MetricAlarm(
            childName(ctx, `${svc.name}-${role}`),
            {
                alarmDescription: description,
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: queue.name },
                statistic: "Maximum",
                period: 60,
                ...args,
                tags: tagsFor(ctx, `${svc.name}-${role}`),
            },
            childOpts(ctx),
        );
    depthAlarm("queue-high", `Add ${svc.name} workers: more than ${spec.scaleOutQueueDepth} messages queued for a minute`, {
        comparisonOperator: "GreaterThanThreshold",
        threshold: spec.scaleOutQueueDepth,
        evaluationPeriods: 1,
        treatMissingData: "notBreaching",
        alarmActions: [scaleOut.arn],
    });
    // SQS stops publishing for a queue idle for hours: no data means nothing to do, so scale in.
    depthAlarm("queue-low", `Remove a ${svc.name} worker: fewer than ${spec.scaleInQueueDepth} messages queued for 10 minutes`, {
        comparisonOperator: "LessThanThreshold",
        threshold: spec.scaleInQueueDepth,
        evaluationPeriods: 10,
        treatMissingData: "breaching",
        alarmActions: [scaleIn.arn],
    });
}

interface PublicEdge {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroups: Record<string, aws.lb.TargetGroup>;
    webAcl?: aws.wafv2.WebAcl;
    healthCheck?: aws.route53.HealthCheck;
    logGroups: aws.cloudwatch.LogGroup[];
}

function requirePort(service: ServiceSpec): number {
    if (!service.port) {
        throw new pulumi.RunError(`Service "${service.name}" is public but has no port for the load balancer.`);
    }
    return service.port;
}

function certificateArn(s: Shared, lbDnsName: pulumi.Output<string>, zone?: pulumi.Output<aws.route53.GetZoneResult>): pulumi.Output<string> {
    const { ctx } = s;
    const domain = s.spec.domain;
    if (!domain || !zone) {
        // No domain: a self-signed certificate, as the idea-management document's development
        // environment uses. Browsers warn, but the listener stays HTTPS-only with TLS 1.2+.
        const commonName = `${ctx.platform.name}.internal`;
        const key = new tls.PrivateKey(childName(ctx, "tls-key"), { algorithm: "RSA", rsaBits: 2048 }, childOpts(ctx));
        const cert = new tls.SelfSignedCert(
            childName(ctx, "tls-cert"),
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName, organization: ctx.platform.name },
                dnsNames: [commonName, lbDnsName],
                validityPeriodHours: 8760,
                earlyRenewalHours: 720,
                allowedUses: ["key_encipherment", "digital_signature", "server_auth"],
            },
            childOpts(ctx),
        );
        return new aws.acm.Certificate(
            childName(ctx, "certificate"),
            { privateKey: key.privateKeyPem, certificateBody: cert.certPem, tags: tagsFor(ctx, "certificate") },
            childOpts(ctx),
        ).arn;
    }
    const certificate = new aws.acm.Certificate(
        childName(ctx, "certificate"),
        { domainName: domain, subjectAlternativeNames: [`*.${domain}`], validationMethod: "DNS", tags: tagsFor(ctx, "certificate") },
        childOpts(ctx),
    );
    // The apex and its wildcard validate with the same CNAME, so one record serves both names.
    const option = certificate.domainValidationOptions.apply((options) => {
        const found = options.find((candidate) => candidate.domainName === domain) ?? options[0];
        if (!found) {
            throw new pulumi.RunError(`ACM returned no DNS validation record for ${domain}.`);
        }
        return found;
    });
    const record = new aws.route53.Record(
        childName(ctx, "certificate-validation-record"),
        {
            zoneId: zone.zoneId,
            name: option.resourceRecordName,
            type: option.resourceRecordType,
            records: [option.resourceRecordValue],
            ttl: 60,
            allowOverwrite: true,
        },
        childOpts(ctx),
    );
    return new aws.acm.CertificateValidation(
        childName(ctx, "certificate-validation"),
        { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
        childOpts(ctx),
    ).certificateArn;
}

function listeners(s: Shared, edge: PublicEdge, services: ServiceSpec[], certificate: pulumi.Output<string>): void {
    const { ctx, spec } = s;
    const https = new aws.lb.Listener(
        childName(ctx, "https"),
        {
            loadBalancerArn: edge.loadBalancer.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: TLS_POLICY,
            certificateArn: certificate,
            defaultActions: [{ type: "forward", targetGroupArn: edge.targetGroups[services[0].name].arn }],
            tags: tagsFor(ctx, "https"),
        },
        childOpts(ctx),
    );
    services.slice(1).forEach((service, index) => {
        new aws.lb.ListenerRule(
            childName(ctx, `${service.name}-route`),
            {
                listenerArn: https.arn,
                priority: (index + 1) * 10,
                actions: [{ type: "forward", targetGroupArn: edge.targetGroups[service.name].arn }],
                conditions: [
                    spec.domain
                        ? { hostHeader: { values: [`${service.name}.${spec.domain}`] } }
                        : { pathPattern: { values: [`/${service.name}`, `/${service.name}/*`] } },
                ],
                tags: tagsFor(ctx, `${service.name}-route`),
            },
            childOpts(ctx),
        );
    });
    // Port 80 only ever answers with a permanent redirect to HTTPS.
    new aws.lb.Listener(
        childName(ctx, "http"),
        {
            loadBalancerArn: edge.loadBalancer.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
            tags: tagsFor(ctx, "http"),
        },
        childOpts(ctx),
    );
}

function visibility(metricName: string) {
    return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** The LMS document's WAF (rate limit, SQL injection) plus AWS's baseline managed rule groups. */
function webAcl(s: Shared, loadBalancer: aws.lb.LoadBalancer): { acl: aws.wafv2.WebAcl; logGroup: aws.cloudwatch.LogGroup } {
    const { ctx, spec } = s;
    const managed = (name: string, priority: number, ruleActionOverrides?: aws.types.input.wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverride[]) => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name, ruleActionOverrides } },
        visibilityConfig: visibility(name),
    });
    const acl = new aws.wafv2.WebAcl(
        childName(ctx, "waf"),
        {
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                {
                    name: "RateLimitRule",
                    priority: 1,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: spec.waf.rateLimitPerIp, aggregateKeyType: "IP" } },
                    visibilityConfig: visibility("RateLimitRule"),
                },
                {
                    name: "SQLiRule",
                    priority: 2,
                    action: { block: {} },
                    statement: { sqliMatchStatement: { fieldToMatch: { body: {} }, textTransformations: [{ priority: 0, type: "URL_DECODE" }] } },
                    visibilityConfig: visibility("SQLiRule"),
                },
                // Counted, not blocked: the common rule set caps bodies at 8 KB and documents are uploaded.
                managed("AWSManagedRulesCommonRuleSet", 3, [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]),
                managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
            ],
            visibilityConfig: visibility(`${ctx.platform.name}-waf`),
            tags: tagsFor(ctx, "waf"),
        },
        childOpts(ctx),
    );
    new aws.wafv2.WebAclAssociation(childName(ctx, "waf-association"), { resourceArn: loadBalancer.arn, webAclArn: acl.arn }, childOpts(ctx));
    // WAF only delivers to log groups whose name starts with "aws-waf-logs-".
    const logGroupForWaf = logGroup(s, "waf-logs", `aws-waf-logs-${ctx.platform.name}`);
    new aws.wafv2.WebAclLoggingConfiguration(
        childName(ctx, "waf-logging"),
        { resourceArn: acl.arn, logDestinationConfigs: [logGroupForWaf.arn] },
        childOpts(ctx),
    );
    return { acl, logGroup: logGroupForWaf };
}

/** The idea-management document's records: the site, api., db. and cache., and an HTTPS health check. */
function dns(s: Shared, deps: AppFleetDeps, zone: pulumi.Output<aws.route53.GetZoneResult>, domain: string, edge: PublicEdge, services: ServiceSpec[]): aws.route53.HealthCheck {
    const { ctx } = s;
    const lb = edge.loadBalancer;
    const aliases = new Set([domain, `api.${domain}`, ...services.slice(1).map((service) => `${service.name}.${domain}`)]);
    const cnames: [string, pulumi.Output<string>][] = [
        ["db", nativeOf<AwsDatabaseNative>(deps.database).instance.address],
        ["cache", deps.cache.outputs.host],
    ];
    for (const [label] of cnames) {
        if (aliases.has(`${label}.${domain}`)) {
            throw new pulumi.RunError(`Service name "${label}" clashes with the ${label}.${domain} record; rename the service.`);
        }
    }
    for (const name of aliases) {
        const role = name === domain ? "apex-record" : `${name.slice(0, -domain.length - 1)}-record`;
        new aws.route53.Record(
            childName(ctx, role),
            { zoneId: zone.zoneId, name, type: "A", aliases: [{ name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true }] },
            childOpts(ctx),
        );
    }
    for (const [label, target] of cnames) {
        new aws.route53.Record(
            childName(ctx, `${label}-record`),
            { zoneId: zone.zoneId, name: `${label}.${domain}`, type: "CNAME", ttl: 300, records: [target] },
            childOpts(ctx),
        );
    }
    return new aws.route53.HealthCheck(
        childName(ctx, "health-check"),
        {
            type: "HTTPS",
            fqdn: domain,
            port: 443,
            resourcePath: services[0].healthPath,
            enableSni: true,
            requestInterval: 30,
            failureThreshold: 3,
            tags: tagsFor(ctx, "health-check"),
        },
        childOpts(ctx),
    );
}

function publicEdge(s: Shared, deps: AppFleetDeps, services: ServiceSpec[]): PublicEdge {
    const { ctx, spec, net } = s;
    const storage = nativeOf<AwsObjectStoreNative>(deps.objectStore);
    const loadBalancer = new aws.lb.LoadBalancer(
        childName(ctx, "lb"),
        withOverrides<aws.lb.LoadBalancerArgs>(ctx, "appFleet", {
            name: boundedName(childName(ctx, "lb"), 32),
            loadBalancerType: "application",
            internal: false,
            subnets: net.publicSubnets.map((subnet) => subnet.id),
            securityGroups: [net.securityGroups.loadBalancer.id],
            enableDeletionProtection: spec.deletionProtection,
            enableHttp2: spec.http2,
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "defensive",
            idleTimeout: 60,
            accessLogs: { bucket: storage.logsBucket.bucket, prefix: "alb", enabled: true },
            tags: tagsFor(ctx, "lb"),
        }),
        // ELB checks at creation that it may write to the bucket.
        childOpts(ctx, { dependsOn: [storage.logsBucketPolicy] }),
    );
    const targetGroups: Record<string, aws.lb.TargetGroup> = {};
    for (const service of services) {
        const port = requirePort(service);
        targetGroups[service.name] = new aws.lb.TargetGroup(
            childName(ctx, `${service.name}-tg`),
            {
                // The port is in the name: changing it replaces the group, and the new one must not collide.
                name: boundedName(`${ctx.name}-${service.name}-${port}`, 32),
                port,
                protocol: "HTTP",
                vpcId: net.vpc.id,
                targetType: "instance",
                deregistrationDelay: 30,
                healthCheck: { path: service.readyPath, matcher: "200", interval: 10, healthyThreshold: 2, unhealthyThreshold: 3, timeout: 5 },
                tags: tagsFor(ctx, `${service.name}-tg`),
            },
            childOpts(ctx),
        );
    }
    const edge: PublicEdge = { loadBalancer, targetGroups, logGroups: [] };
    const zone = spec.domain ? aws.route53.getZoneOutput({ name: spec.domain, privateZone: false }, { parent: ctx.parent }) : undefined;
    listeners(s, edge, services, certificateArn(s, loadBalancer.dnsName, zone));
    if (spec.waf.enabled) {
        const waf = webAcl(s, loadBalancer);
        edge.webAcl = waf.acl;
        edge.logGroups.push(waf.logGroup);
    }
    if (spec.domain && zone) {
        edge.healthCheck = dns(s, deps, zone, spec.domain, edge, services);
    }
    return edge;
}

function endpoints(spec: AppFleetSpec, publicWeb: ServiceSpec[], lbHost: pulumi.Output<string>): pulumi.Output<ServiceEndpoint[]> {
    return lbHost.apply((host) =>
        spec.services.map((service) => {
            const endpoint: ServiceEndpoint = { name: service.name, kind: service.kind, minReplicas: service.minReplicas, maxReplicas: service.maxReplicas };
            const index = publicWeb.indexOf(service);
            if (index >= 0) {
                const base = spec.domain ? `https://${spec.domain}` : `https://${host}`;
                endpoint.url = index === 0 ? base : spec.domain ? `https://${service.name}.${spec.domain}` : `${base}/${service.name}/`;
            }
            return endpoint;
        }),
    );
}

export function createAppFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    const account = accountId(ctx);
    // The Auto Scaling service-linked role launches the instances: without use of the key, instances
    // whose volumes use it fail to launch (Client.InvalidKMSKey.InvalidState).
    const key = createKmsKey(ctx, "app", {
        description: `${ctx.platform.name} app volumes and log groups`,
        logs: true,
        principalArns: [pulumi.interpolate`arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`],
    });
    const s: Shared = { ctx, spec, region: regionOf(ctx), account, key, net: nativeOf<AwsNetworkNative>(deps.network) };

    const logGroups = Object.fromEntries(spec.services.map((service) => [service.name, serviceLogGroups(s, service)]));
    const queues = Object.fromEntries(spec.services.filter((service) => service.kind === "worker").map((service) => [service.name, workerQueue(s, service)]));
    const identity = instanceIdentity(s, deps, Object.values(logGroups).flat(), Object.values(queues));

    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const edge = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb) : undefined;
    const queueUrls = Object.fromEntries(Object.entries(queues).map(([name, queue]) => [name, queue.url]));

    const fleets: Record<string, AwsServiceFleet> = {};
    for (const service of spec.services) {
        const wiring: ServiceWiring = {
            service,
            logGroup: logGroups[service.name][0],
            queue: queues[service.name],
            targetGroup: edge?.targetGroups[service.name],
            queueUrls,
        };
        const group = serviceGroup(s, deps, identity, wiring);
        if (wiring.queue) {
            workerScaling(s, service, group, wiring.queue);
        } else {
            webScaling(s, service, group);
        }
        fleets[service.name] = { group, targetGroup: wiring.targetGroup, queue: wiring.queue };
    }

    const lbHost = edge ? edge.loadBalancer.dnsName : pulumi.output("");
    const url = !edge ? pulumi.output("") : spec.domain ? pulumi.output(`https://${spec.domain}`) : pulumi.interpolate`https://${lbHost}`;
    const native: AwsAppFleetNative = {
        loadBalancer: edge?.loadBalancer,
        fleets,
        key,
        role: identity.role,
        webAcl: edge?.webAcl,
        healthCheck: edge?.healthCheck,
    };
    return {
        outputs: { url, loadBalancerHost: lbHost, services: endpoints(spec, publicWeb, lbHost) },
        native,
        logGroups: [...Object.values(logGroups).flat(), ...(edge?.logGroups ?? [])].map((group) => group.name),
    };
}
