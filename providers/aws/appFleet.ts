// The app tier of both documents on EC2: one Auto Scaling group per service running its
// container, a public ALB with HTTPS only (TLS 1.2+), the LMS document's WAF rules, the
// idea-management document's IAM instance role, Celery-style workers scaled on SQS queue depth,
// and its Route 53 records, ACM certificate and health check (the public edge: loadBalancer.ts),
// and the service-to-service paths a stack declares (internalLoadBalancer.ts).

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AppFleetDeps, AdapterResult, AppFleetOutputs, ServiceEndpoint } from "../adapter";
import { AppFleetSpec, ServiceSpec } from "../../tiers/types";
import { accountId, autoScalingServiceRoleArn, childName, childOpts, createKmsKey, regionOf, tagsFor } from "./common";
import { AwsAppFleetNative, AwsNetworkNative, AwsServiceFleet, AwsTelemetryNative, nativeOf } from "./native";
import { collectorParams, TelemetryBoot, telemetryBoot, telemetryParameterName, telemetryScript } from "./collector";
import { drainPermission, InstanceIdentity, instanceIdentity } from "./instanceRole";
import { amazonLinuxImage, instanceTypeFor } from "./sizes";
import { scheduleActions, spotPlacement } from "./capacity";
import { cpuStepScaling, stepScalingPolicy } from "./cpuScaling";
import { FleetScope, fleetLogGroup, publicEdge, publicHealthCheck } from "./loadBalancer";
import { servicePaths } from "./internalLoadBalancer";
import { buildBootScript, CREDENTIALS_WAIT_SECONDS, encodeUserData, LIFECYCLE_HEARTBEAT_SECONDS } from "./userData";
import { createApplicationCredentials } from "./credentials";
import { ServiceEnvironmentConfig } from "../vm/serviceEnvironment";
import { environmentFor } from "./environment";
import { createClusterFleet } from "./clusterFleet";

/** Instances hold here until they serve (userData.ts), so the load balancer never sees them early. */
const LAUNCH_HOOK = "wait-until-serving";
/** Queue depth above which workers grow by two at a time instead of one. */
const SURGE_QUEUE_DEPTH = 500;
const ENABLED_METRICS: aws.autoscaling.Metric[] = [
    "GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
    "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances",
];


/** The idea-management document's log groups: application and error for web, worker for workers. */
function serviceLogGroups(s: FleetScope, service: ServiceSpec): aws.cloudwatch.LogGroup[] {
    const prefix = `/${s.ctx.platform.name}/${service.name}`;
    // The container's output goes to the first group; the error group is for the app's own error sink.
    return service.kind === "web"
        ? [fleetLogGroup(s, `${service.name}-app-logs`, `${prefix}/application`), fleetLogGroup(s, `${service.name}-error-logs`, `${prefix}/error`)]
        : [fleetLogGroup(s, `${service.name}-worker-logs`, `${prefix}/worker`)];
}

export function queueNameFor(s: FleetScope, service: ServiceSpec): string {
    return `${s.ctx.platform.name}-${service.name}`;
}

export function workerQueue(s: FleetScope, service: ServiceSpec): aws.sqs.Queue {
    const base = queueNameFor(s, service);
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

interface ServiceWiring {
    service: ServiceSpec;
    logGroup: aws.cloudwatch.LogGroup;
    queue?: aws.sqs.Queue;
    targetGroup?: aws.lb.TargetGroup;
    /** Behind the internal load balancer, when another service calls this one. */
    internalTargetGroup?: aws.lb.TargetGroup;
    /** The service's own group, next to the shared app group. */
    securityGroup: aws.ec2.SecurityGroup;
}

function targetGroupsOf(w: ServiceWiring): aws.lb.TargetGroup[] {
    return [w.targetGroup, w.internalTargetGroup].filter((group): group is aws.lb.TargetGroup => group !== undefined);
}

/** The service's telemetry script, kept in SSM for its instances to read at boot. */
function collectorFor(s: FleetScope, deps: AppFleetDeps, service: ServiceSpec): pulumi.Output<TelemetryBoot | undefined> {
    if (!deps.telemetry) {
        return pulumi.output(undefined);
    }
    const placement = (url: string) => ({ region: s.region, platform: s.ctx.platform.name, group: groupNameFor(s.ctx, service), remoteWriteUrl: url });
    const script = nativeOf<AwsTelemetryNative>(deps.telemetry).remoteWriteUrl.apply((url) => {
        const params = collectorParams(s.ctx.platform.telemetry, service, placement(url));
        return params ? telemetryScript(params) : "";
    });
    const parameter = new aws.ssm.Parameter(
        childName(s.ctx, `${service.name}-telemetry`),
        {
            name: telemetryParameterName(s.ctx.platform.name, service.name),
            type: "String",
            tier: "Standard",
            // Plain text on purpose: no secret in it, and the plan shows what the instances run.
            insecureValue: script,
            description: `Installs the collector and node_exporter on ${service.name}'s instances`,
            tags: tagsFor(s.ctx, `${service.name}-telemetry`),
        },
        childOpts(s.ctx),
    );
    return pulumi.all([script, parameter.name]).apply(([text]) => telemetryBoot(s.ctx.platform.name, service.name, text));
}

function userDataFor(s: FleetScope, environment: pulumi.Output<ServiceEnvironmentConfig>, w: ServiceWiring, groupName: string, collector: pulumi.Output<TelemetryBoot | undefined>, servicesCaPem?: pulumi.Output<string>): pulumi.Output<string> {
    const svc = w.service;
    const targetGroupArns = pulumi.all(targetGroupsOf(w).map((group) => group.arn));
    return pulumi.all([environment, w.logGroup.name, servicesCaPem, targetGroupArns, collector]).apply(([env, logGroup, caPem, arns, telemetry]) =>
        encodeUserData(
            buildBootScript({
                region: s.region,
                service: svc.name,
                kind: svc.kind,
                image: svc.image,
                command: svc.command,
                port: svc.port,
                healthPath: svc.healthPath,
                readyPath: svc.readyPath,
                logGroup,
                autoScalingGroupName: groupName,
                lifecycleHookName: LAUNCH_HOOK,
                environment: env,
                servicesCaPem: caPem,
                targetGroupArns: arns,
                telemetry,
            }),
        ),
    );
}

/** A fixed name: the boot script publishes memory under it, and alarms look it up by name. */
function groupNameFor(ctx: AdapterContext, service: ServiceSpec): string {
    return childName(ctx, service.name);
}

function serviceGroup(
    s: FleetScope,
    environment: pulumi.Output<ServiceEnvironmentConfig>,
    identity: InstanceIdentity,
    w: ServiceWiring,
    collector: pulumi.Output<TelemetryBoot | undefined>,
    servicesCaPem?: pulumi.Output<string>,
): aws.autoscaling.Group {
    const { ctx, spec, net } = s;
    const svc = w.service;
    const groupName = groupNameFor(ctx, svc);
    const tags = tagsFor(ctx, svc.name);
    const template = new aws.ec2.LaunchTemplate(
        childName(ctx, `${svc.name}-template`),
        {
            imageId: amazonLinuxImage(svc.capacity.architecture),
            instanceType: instanceTypeFor(svc.shape, svc.capacity.architecture),
            iamInstanceProfile: { arn: identity.profile.arn },
            // IMDSv2 only; one hop is enough because containers share the host's network stack.
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
            monitoring: { enabled: true },
            networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [net.securityGroups.app.id, w.securityGroup.id], deleteOnTermination: "true" }],
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: { volumeSize: svc.rootVolumeGb, volumeType: "gp3", encrypted: "true", kmsKeyId: s.key.arn, deleteOnTermination: "true" },
                },
            ],
            tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags })),
            updateDefaultVersion: true,
            userData: userDataFor(s, environment, w, groupName, collector, servicesCaPem),
            tags,
        },
        childOpts(ctx),
    );
    const targetGroups = targetGroupsOf(w);
    return new aws.autoscaling.Group(
        childName(ctx, `${svc.name}-group`),
        {
            name: groupName,
            vpcZoneIdentifiers: net.appSubnets.map((subnet) => subnet.id),
            minSize: svc.minReplicas,
            maxSize: svc.maxReplicas,
            desiredCapacity: svc.minReplicas,
            // The version number, not "$Latest": a new template version must change the group for
            // the instance refresh below to roll the fleet. Spot workers take it through their
            // mixed instances policy.
            ...spotPlacement(svc, template),
            healthCheckType: targetGroups.length > 0 ? "ELB" : "EC2",
            healthCheckGracePeriod: spec.healthCheckGraceSeconds,
            // Instances wait in this hook for the platform's credentials (the database being
            // created) and for their container to be ready: out of the load balancer, spared by
            // health checks. It exists before the first instance launches.
            initialLifecycleHooks: [
                {
                    name: LAUNCH_HOOK,
                    lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
                    heartbeatTimeout: LIFECYCLE_HEARTBEAT_SECONDS,
                    defaultResult: "ABANDON",
                },
            ],
            // `pulumi up` returns when minSize instances serve: the wait above plus boot.
            waitForCapacityTimeout: `${Math.ceil(CREDENTIALS_WAIT_SECONDS / 60) + 15}m`,
            targetGroupArns: targetGroups.map((group) => group.arn),
            // On creation, wait until the load balancer sees an instance serve: the health check is built after this.
            minElbCapacity: targetGroups.length > 0 ? 1 : undefined,
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 90, instanceWarmup: String(spec.healthCheckGraceSeconds) },
            },
            enabledMetrics: ENABLED_METRICS,
            metricsGranularity: "1Minute",
            tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        },
        // Scaling owns the desired capacity after creation; a deploy must not reset it to the minimum.
        // Instances install packages and read secrets at boot: the NAT routes must be there first.
        childOpts(ctx, { dependsOn: [...identity.grants, ...net.appEgress], ignoreChanges: ["desiredCapacity"] }),
    );
}

function webScaling(s: FleetScope, svc: ServiceSpec, group: aws.autoscaling.Group): void {
    if (svc.cpuScaling) {
        cpuStepScaling(s, svc, group, svc.cpuScaling);
        return;
    }
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
function workerScaling(s: FleetScope, svc: ServiceSpec, group: aws.autoscaling.Group, queue: aws.sqs.Queue): void {
    const { ctx, spec } = s;
    const surge = SURGE_QUEUE_DEPTH - spec.scaleOutQueueDepth;
    const stepPolicy = (role: string, steps: aws.types.input.autoscaling.PolicyStepAdjustment[]) => stepScalingPolicy(s, svc, group, role, "Maximum", steps);
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

export function endpoints(spec: AppFleetSpec, publicWeb: ServiceSpec[], lbHost: pulumi.Output<string>): pulumi.Output<ServiceEndpoint[]> {
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
    if (ctx.platform.runtime === "kubernetes") {
        return createClusterFleet(ctx, spec, deps);
    }
    const account = accountId(ctx);
    const key = createKmsKey(ctx, "app", {
        description: `${ctx.platform.name} app volumes and log groups`,
        logs: true,
        principalArns: [autoScalingServiceRoleArn(ctx)],
    });
    const s: FleetScope = { ctx, spec, region: regionOf(ctx), account, key, net: nativeOf<AwsNetworkNative>(deps.network) };

    const logGroups = Object.fromEntries(spec.services.map((service) => [service.name, serviceLogGroups(s, service)]));
    const queues = Object.fromEntries(spec.services.filter((service) => service.kind === "worker").map((service) => [service.name, workerQueue(s, service)]));
    const identity = instanceIdentity(s, deps, Object.values(logGroups).flat(), Object.values(queues), spec.services.map((service) => groupNameFor(ctx, service)));
    const credentials = createApplicationCredentials(s, deps);

    const publicWeb = spec.services.filter((service) => service.kind === "web" && service.public);
    const edge = publicWeb.length > 0 ? publicEdge(s, deps, publicWeb) : undefined;
    const paths = servicePaths(s, deps, spec.services);

    const fleets: Record<string, AwsServiceFleet> = {};
    for (const service of spec.services) {
        const wiring: ServiceWiring = {
            service,
            logGroup: logGroups[service.name][0],
            queue: queues[service.name],
            targetGroup: edge?.targetGroups[service.name],
            internalTargetGroup: paths.targetGroups[service.name],
            securityGroup: paths.securityGroups[service.name],
        };
        const environment = environmentFor(s, deps, { credentials, queues, serviceUrls: paths.urls }, service);
        const group = serviceGroup(s, environment, identity, wiring, collectorFor(s, deps, service), service.calls.length > 0 ? paths.caPem : undefined);
        if (wiring.queue) {
            workerScaling(s, service, group, wiring.queue);
        } else {
            webScaling(s, service, group);
        }
        if (spec.schedule) {
            scheduleActions(s, service, group, spec.schedule);
        }
        fleets[service.name] = {
            group,
            groupName: groupNameFor(ctx, service),
            targetGroup: wiring.targetGroup,
            queue: wiring.queue,
            queueName: wiring.queue ? queueNameFor(s, service) : undefined,
        };
    }

    drainPermission(s, identity, [...Object.values(edge?.targetGroups ?? {}), ...Object.values(paths.targetGroups)]);
    const webGroups = spec.services.filter((service) => service.kind === "web").map((service) => fleets[service.name].group);
    const healthCheck = edge ? publicHealthCheck(s, edge, webGroups) : undefined;
    const lbHost = edge ? edge.loadBalancer.dnsName : pulumi.output("");
    const url = !edge ? pulumi.output("") : spec.domain ? pulumi.output(`https://${spec.domain}`) : pulumi.interpolate`https://${lbHost}`;
    const native: AwsAppFleetNative = {
        loadBalancer: edge?.loadBalancer,
        fleets,
        key,
        role: identity.role,
        webAcl: edge?.webAcl,
        healthCheck,
        internalLoadBalancer: paths.loadBalancer,
        serviceUrls: paths.urls,
        internalCaPem: paths.caPem,
    };
    return {
        outputs: { url, loadBalancerHost: lbHost, services: endpoints(spec, publicWeb, lbHost) },
        native,
        logGroups: [...Object.values(logGroups).flat(), ...(edge?.logGroups ?? [])].map((group) => group.name),
    };
}
