// Step scaling of a web service's Auto Scaling group on its average CPU, for stacks that set
// `services[].cpuScaling`; the others track the tier's CPU target (appFleet.ts).

import * as aws from "@pulumi/aws";
import { ServiceSpec } from "../../tiers/types";
import { childName, childOpts, tagsFor } from "./common";
import { FleetScope } from "./loadBalancer";

/**
 * The idea-management document's API rule: one instance more while the group's average CPU
 * stays above scaleOutPercent for scaleOutMinutes, one fewer while it stays below scaleInPercent
 * for scaleInMinutes. The document names the triggers, not the step: one instance at a time,
 * with the warm-up keeping a launching instance from counting twice.
 */
/** A step policy on a service's group; the alarm that triggers it decides when. */
export function stepScalingPolicy(
    s: FleetScope,
    svc: ServiceSpec,
    group: aws.autoscaling.Group,
    role: string,
    metricAggregationType: "Average" | "Maximum",
    stepAdjustments: aws.types.input.autoscaling.PolicyStepAdjustment[],
): aws.autoscaling.Policy {
    return new aws.autoscaling.Policy(
        childName(s.ctx, `${svc.name}-${role}`),
        {
            autoscalingGroupName: group.name,
            policyType: "StepScaling",
            adjustmentType: "ChangeInCapacity",
            metricAggregationType,
            estimatedInstanceWarmup: s.spec.healthCheckGraceSeconds,
            stepAdjustments,
        },
        childOpts(s.ctx),
    );
}

export function cpuStepScaling(s: FleetScope, svc: ServiceSpec, group: aws.autoscaling.Group, rule: NonNullable<ServiceSpec["cpuScaling"]>): void {
    const { ctx } = s;
    const stepPolicy = (role: string, step: aws.types.input.autoscaling.PolicyStepAdjustment) => stepScalingPolicy(s, svc, group, role, "Average", [step]);
    const cpuAlarm = (role: string, description: string, args: Pick<aws.cloudwatch.MetricAlarmArgs, "comparisonOperator" | "threshold" | "alarmActions">, minutes: number) =>
        new aws.cloudwatch.MetricAlarm(
            childName(ctx, `${svc.name}-${role}`),
            {
                alarmDescription: description,
                namespace: "AWS/EC2",
                metricName: "CPUUtilization",
                dimensions: { AutoScalingGroupName: group.name },
                statistic: "Average",
                // One-minute datapoints, every one of the window breaching: the launch templates
                // turn on detailed monitoring, so EC2 publishes CPU every minute, not every five.
                period: 60,
                evaluationPeriods: minutes,
                datapointsToAlarm: minutes,
                // A group always has instances: no data means CloudWatch has not caught up, so keep the state.
                treatMissingData: "missing",
                ...args,
                tags: tagsFor(ctx, `${svc.name}-${role}`),
            },
            childOpts(ctx),
        );
    // Step bounds are relative to the alarm's threshold: above it for out, below it for in.
    const scaleOut = stepPolicy("scale-out", { metricIntervalLowerBound: "0", scalingAdjustment: 1 });
    const scaleIn = stepPolicy("scale-in", { metricIntervalUpperBound: "0", scalingAdjustment: -1 });
    cpuAlarm(
        "cpu-high",
        `Scale ${svc.name} out by one instance: average CPU above ${rule.scaleOutPercent}% for ${rule.scaleOutMinutes} minutes`,
        { comparisonOperator: "GreaterThanThreshold", threshold: rule.scaleOutPercent, alarmActions: [scaleOut.arn] },
        rule.scaleOutMinutes,
    );
    cpuAlarm(
        "cpu-low",
        `Scale ${svc.name} in by one instance: average CPU below ${rule.scaleInPercent}% for ${rule.scaleInMinutes} minutes`,
        { comparisonOperator: "LessThanThreshold", threshold: rule.scaleInPercent, alarmActions: [scaleIn.arn] },
        rule.scaleInMinutes,
    );
}
