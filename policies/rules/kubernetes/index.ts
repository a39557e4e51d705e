// Kubernetes rules need no adapter: they inspect workload objects whoever creates them (the
// Kubernetes adapter, a Helm chart, or a user's own program).

import { PlatformPolicy } from "../../lib/types";
import { policy as cnpgPoolerTransactionTls } from "./cnpg-pooler/transaction-tls";
import { policy as horizontalPodAutoscalerMinReplicas } from "./horizontal-pod-autoscaler/min-replicas";
import { policy as ingressNoSnippets } from "./ingress/no-snippets";
import { policy as ingressTls } from "./ingress/tls";
import { policy as namespacePodSecurity } from "./namespace/pod-security";
import { policy as namespaceResourceQuota } from "./namespace/resource-quota";
import { policy as networkPolicyDefaultDeny } from "./network-policy/default-deny";
import { policy as podDisruptionBudgetAllowsDisruption } from "./pod-disruption-budget/allows-disruption";
import { policy as roleBindingNoClusterAdmin } from "./role-binding/no-cluster-admin";
import { policy as roleNoWildcards } from "./role/no-wildcards";
import { policy as serviceClusterIp } from "./service/cluster-ip";
import { policy as serviceNoExternalIps } from "./service/no-external-ips";
import { workloadPolicies } from "./workload";

export const kubernetesPolicies: PlatformPolicy[] = [
    ...workloadPolicies,
    serviceClusterIp,
    serviceNoExternalIps,
    ingressTls,
    ingressNoSnippets,
    networkPolicyDefaultDeny,
    podDisruptionBudgetAllowsDisruption,
    horizontalPodAutoscalerMinReplicas,
    namespacePodSecurity,
    namespaceResourceQuota,
    roleNoWildcards,
    roleBindingNoClusterAdmin,
    cnpgPoolerTransactionTls,
];
