import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asNumber, at, isUnknown, read } from "../../../lib/values";
import { HORIZONTAL_POD_AUTOSCALER, namespaceOf, objectName, POD_DISRUPTION_BUDGET, podLabelsOf, SCALED_OBJECT, selects, text, WORKLOAD_TYPES } from "../shared";

/** The fewest pods a workload runs: its autoscaler's minimum, else its replicas, else one. */
function minimumPods(workload: PolicyResource, resources: PolicyResource[]): number {
    const namespace = namespaceOf(workload);
    const name = objectName(workload);
    const scaler = ofType(resources, HORIZONTAL_POD_AUTOSCALER, SCALED_OBJECT).find(
        (candidate) => namespaceOf(candidate) === namespace && text(candidate.props, "spec.scaleTargetRef.name") === name,
    );
    if (scaler) {
        return asNumber(read(() => at(scaler.props, "spec.minReplicas") ?? at(scaler.props, "spec.minReplicaCount"))) ?? 1;
    }
    return asNumber(read(() => at(workload.props, "spec.replicas"))) ?? 1;
}

function isZero(value: unknown): boolean {
    return value === 0 || value === "0" || value === "0%";
}

export const policy: PlatformStackPolicy = {
    name: "kubernetes-pod-disruption-budget-allows-disruption",
    description:
        "Every PodDisruptionBudget lets at least one pod go, so nodes can be drained for upgrades while the rest keep serving (LMS requirements, Kubernetes Configuration: no Checkov or CIS check exists for disruption budgets).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [POD_DISRUPTION_BUDGET, HORIZONTAL_POD_AUTOSCALER, ...WORKLOAD_TYPES],
    requires: "`maxUnavailable` not 0 / 0%, `minAvailable` not 100% and below the fewest pods of every workload it selects",
    validateStack: (args, report) => {
        const workloads = ofType(args.resources, ...WORKLOAD_TYPES);
        for (const budget of ofType(args.resources, POD_DISRUPTION_BUDGET)) {
            const maxUnavailable = read(() => at(budget.props, "spec.maxUnavailable"));
            const minAvailable = read(() => at(budget.props, "spec.minAvailable"));
            if (isUnknown(maxUnavailable) || isUnknown(minAvailable)) {
                continue;
            }
            if (isZero(maxUnavailable)) {
                report(`PodDisruptionBudget "${budget.name}" has maxUnavailable ${String(maxUnavailable)}: no node running its pods can ever be drained.`, budget.urn);
                continue;
            }
            if (minAvailable === "100%") {
                report(`PodDisruptionBudget "${budget.name}" has minAvailable 100%: no node running its pods can ever be drained.`, budget.urn);
                continue;
            }
            const floor = asNumber(minAvailable);
            if (floor === undefined) {
                continue;
            }
            const selector = read(() => at(budget.props, "spec.selector"));
            for (const workload of workloads.filter((candidate) => namespaceOf(candidate) === namespaceOf(budget) && selects(selector, podLabelsOf(candidate)))) {
                const pods = minimumPods(workload, args.resources);
                if (floor >= pods) {
                    report(`PodDisruptionBudget "${budget.name}" keeps minAvailable ${floor} of "${workload.name}", which may run only ${pods} pod(s): draining a node would wait forever.`, budget.urn);
                }
            }
        }
    },
};
