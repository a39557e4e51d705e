import type { PolicyResource } from "@pulumi/policy";
import { ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { namespaceOf, NETWORK_POLICY, WORKLOAD_TYPES } from "../shared";

function selectsEveryPod(selector: unknown): boolean {
    const record = asRecord(selector);
    if (!record) {
        return false;
    }
    const labels = asRecord(read(() => record.matchLabels)) ?? {};
    return Object.keys(labels).length === 0 && asArray(read(() => record.matchExpressions)).length === 0;
}

/**
 * A policy selecting every pod of its namespace that admits nothing. Egress is denied too in the
 * app namespace; a data namespace whose operators call the API server and the object store may
 * keep egress open, so the rule asks for ingress.
 */
export function isDefaultDeny(policy: PolicyResource): boolean {
    const selectsAll = selectsEveryPod(read(() => at(policy.props, "spec.podSelector")));
    const types = asArray(read(() => at(policy.props, "spec.policyTypes"))).map(String);
    return selectsAll && types.includes("Ingress") && asArray(read(() => at(policy.props, "spec.ingress"))).length === 0;
}

export const policy: PlatformStackPolicy = {
    name: "kubernetes-network-policy-default-deny",
    description:
        "Every namespace that runs workloads denies all ingress by default, so its pods are reachable only along the paths its other policies open (Checkov CKV2_K8S_6, CIS Kubernetes 5.3.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [NETWORK_POLICY, ...WORKLOAD_TYPES],
    requires: "a NetworkPolicy in the workload's namespace with an empty `podSelector`, `Ingress` in `policyTypes` and no ingress rules",
    validateStack: (args, report) => {
        const denied = new Set(ofType(args.resources, NETWORK_POLICY).filter(isDefaultDeny).map(namespaceOf));
        const reported = new Set<string>();
        for (const workload of ofType(args.resources, ...WORKLOAD_TYPES)) {
            const namespace = namespaceOf(workload);
            if (namespace === undefined || denied.has(namespace) || reported.has(namespace)) {
                continue;
            }
            reported.add(namespace);
            report(`namespace "${namespace}" runs ${workload.type.split(":").pop()} "${workload.name}" but has no default-deny NetworkPolicy: any pod of the cluster may reach its pods.`, workload.urn);
        }
    },
};
