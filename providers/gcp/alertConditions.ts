// Cloud Monitoring alert conditions as the platform writes them: Monitoring filters from named
// terms, and thresholds that must hold for whole minutes, as the seeds' "sustained for N minutes".

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export const ALIGNMENT = "60s";

export type Condition = gcp.types.input.monitoring.AlertPolicyCondition;

interface ThresholdOptions {
    filter: pulumi.Input<string>;
    threshold: number;
    minutes: number;
    aligner: string;
    reducer?: string;
    groupBy?: string[];
    comparison?: "COMPARISON_GT" | "COMPARISON_LT";
}

/** `minutes` of one-minute points all breaching: "sustained for N minutes". No data keeps the state it had. */
export function thresholdCondition(displayName: string, options: ThresholdOptions): Condition {
    return {
        displayName,
        conditionThreshold: {
            filter: options.filter,
            comparison: options.comparison ?? "COMPARISON_GT",
            thresholdValue: options.threshold,
            duration: `${options.minutes * 60}s`,
            aggregations: [
                {
                    alignmentPeriod: ALIGNMENT,
                    perSeriesAligner: options.aligner,
                    ...(options.reducer ? { crossSeriesReducer: options.reducer, groupByFields: options.groupBy ?? [] } : {}),
                },
            ],
            trigger: { count: 1 },
            evaluationMissingData: "EVALUATION_MISSING_DATA_NO_OP",
        },
    };
}

/** A Monitoring filter: `key="value"` terms joined with AND. */
export function filterOf(terms: Record<string, pulumi.Input<string>>): pulumi.Output<string> {
    return pulumi
        .all(Object.entries(terms).map(([key, value]) => pulumi.output(value).apply((resolved) => `${key}="${resolved}"`)))
        .apply((parts) => parts.join(" AND "));
}
