import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at } from "../../../lib/values";
import { labelsOf, SERVICE, text } from "../shared";

/** The annotations that keep a cloud load balancer (and its node ports) on the private network. */
export const INTERNAL_ANNOTATIONS: Record<string, string[]> = {
    "service.beta.kubernetes.io/aws-load-balancer-scheme": ["internal"],
    "service.beta.kubernetes.io/aws-load-balancer-internal": ["true", "0.0.0.0/0"],
    "networking.gke.io/load-balancer-type": ["Internal"],
    "cloud.google.com/load-balancer-type": ["Internal"],
    "service.beta.kubernetes.io/azure-load-balancer-internal": ["true"],
};

export const policy: PlatformResourcePolicy = {
    name: "kubernetes-service-cluster-ip",
    description:
        "Services stay inside the cluster (ClusterIP behind the Ingress): a NodePort or public LoadBalancer opens a port on every node that no NetworkPolicy of the namespace guards (CIS Kubernetes 5.3.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SERVICE],
    requires: "`spec.type` ClusterIP (or unset, or ExternalName); NodePort or LoadBalancer only with the cloud's internal load balancer annotation",
    validateResource: validateTypes([SERVICE], (props, _args, report) => {
        const type = text(props, "spec.type") ?? "ClusterIP";
        if (type !== "NodePort" && type !== "LoadBalancer") {
            return;
        }
        const annotations = labelsOf(at(props, "metadata.annotations"));
        const internal = Object.entries(INTERNAL_ANNOTATIONS).some(([key, values]) => values.includes(annotations[key] ?? ""));
        if (!internal) {
            report(`spec.type is ${type} without an internal load balancer annotation: the service is reachable from outside the cluster, around the Ingress and its WAF.`);
        }
    }),
};
