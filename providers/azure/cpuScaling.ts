// Autoscale settings of the scale sets. Azure autoscale has no target tracking: every service
// scales on rules, out above a threshold and in below a lower one, each held for a window, one
// VM at a time with a cooldown. Web services scale on their average CPU (this file), workers on
// their queue's depth (appFleet.ts).

import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";
import * as inputs from "@pulumi/azure-native/types/input";
import { ServiceSpec } from "../../tiers/types";
import { scheduledProfiles } from "./capacity";
import { childName, childOpts, tagsFor } from "./common";
import { FleetScope } from "./loadBalancer";

/**
 * Without `services[].cpuScaling`: out above the tier's CPU target for 5 minutes, in below 30%
 * for 10 minutes, the idea-management document's API rule (its 70% is the tier's target).
 */
export const DEFAULT_CPU_RULE = { scaleOutMinutes: 5, scaleInPercent: 30, scaleInMinutes: 10 };
/** Azure Monitor evaluates autoscale windows of 5 minutes at least. */
export const MIN_WINDOW_MINUTES = 5;
/** A new VM boots, pulls its image and warms up before its CPU says anything. */
export const COOLDOWN = "PT5M";

export function minutes(value: number): string {
    return `PT${Math.max(value, MIN_WINDOW_MINUTES)}M`;
}

export type ScaleRule = inputs.monitor.ScaleRuleArgs;

/** One step of the set's capacity when a metric holds beyond its threshold for the window. */
export function scaleRule(
    trigger: { metricName: string; metricNamespace: string; metricResourceUri: pulumi.Input<string>; dimensions?: { dimensionName: string; operator: string; values: string[] }[] },
    when: { operator: "GreaterThan" | "LessThan"; threshold: number; windowMinutes: number; aggregation: "Average" | "Maximum" },
    change: number,
): ScaleRule {
    return {
        metricTrigger: {
            ...trigger,
            timeGrain: "PT1M",
            statistic: when.aggregation === "Maximum" ? "Max" : "Average",
            timeAggregation: when.aggregation,
            timeWindow: minutes(when.windowMinutes),
            operator: when.operator,
            threshold: when.threshold,
        },
        scaleAction: { direction: change > 0 ? "Increase" : "Decrease", type: "ChangeCount", value: String(Math.abs(change)), cooldown: COOLDOWN },
    };
}

/** The service's autoscale setting: its replica range and the rules that move within it. */
export function autoscaleSetting(s: FleetScope, svc: ServiceSpec, scaleSetId: pulumi.Input<string>, rules: ScaleRule[]): monitor.AutoscaleSetting {
    const { ctx, net } = s;
    return new monitor.AutoscaleSetting(
        childName(ctx, `${svc.name}-autoscale`),
        {
            autoscaleSettingName: childName(ctx, `${svc.name}-autoscale`),
            resourceGroupName: net.resourceGroup.name,
            location: s.location,
            targetResourceUri: scaleSetId,
            enabled: true,
            profiles: scheduledProfiles(
                {
                    name: "replicas",
                    capacity: { minimum: String(svc.minReplicas), maximum: String(svc.maxReplicas), default: String(svc.minReplicas) },
                    rules,
                },
                s.spec.schedule,
            ),
            tags: tagsFor(ctx),
        },
        childOpts(ctx),
    );
}

/** A web service: one VM more while average CPU stays above the threshold, one fewer while it stays below the lower one. */
export function cpuAutoscale(s: FleetScope, svc: ServiceSpec, scaleSetId: pulumi.Input<string>): monitor.AutoscaleSetting {
    const rule = svc.cpuScaling ?? { scaleOutPercent: s.spec.cpuTargetPercent, ...DEFAULT_CPU_RULE };
    const cpu = { metricName: "Percentage CPU", metricNamespace: "microsoft.compute/virtualmachinescalesets", metricResourceUri: scaleSetId };
    return autoscaleSetting(s, svc, scaleSetId, [
        scaleRule(cpu, { operator: "GreaterThan", threshold: rule.scaleOutPercent, windowMinutes: rule.scaleOutMinutes, aggregation: "Average" }, 1),
        scaleRule(cpu, { operator: "LessThan", threshold: rule.scaleInPercent, windowMinutes: rule.scaleInMinutes, aggregation: "Average" }, -1),
    ]);
}
