// The pure manifest functions as the tests see them: plain values (the tests pass plain
// strings, so no Output or Promise is inside), typed as such.

import * as pulumi from "@pulumi/pulumi";
import * as deployment from "../../providers/kubernetes/workloads/deployment";
import * as ingress from "../../providers/kubernetes/workloads/ingress";
import * as namespace from "../../providers/kubernetes/workloads/namespace";
import * as network from "../../providers/kubernetes/workloads/network";

type Plainly<F> = F extends (...args: infer A) => infer R ? (...args: A) => pulumi.Unwrap<R> : never;

function plainly<F>(build: F): Plainly<F> {
    return build as unknown as Plainly<F>;
}

export const { queueScaling } = deployment;
export const { ingressHosts, serviceUrls } = ingress;
export const deploymentManifest = plainly(deployment.deploymentManifest);
export const serviceAccountManifest = plainly(deployment.serviceAccountManifest);
export const serviceManifest = plainly(deployment.serviceManifest);
export const horizontalPodAutoscalerManifest = plainly(deployment.horizontalPodAutoscalerManifest);
export const podDisruptionBudgetManifest = plainly(deployment.podDisruptionBudgetManifest);
export const scaledObjectManifest = plainly(deployment.scaledObjectManifest);
export const ingressManifest = plainly(ingress.ingressManifest);
export const localCertificateManifest = plainly(ingress.localCertificateManifest);
export const namespaceManifest = plainly(namespace.namespaceManifest);
export const resourceQuotaManifest = plainly(namespace.resourceQuotaManifest);
export const limitRangeManifest = plainly(namespace.limitRangeManifest);
export const defaultDenyManifest = plainly(namespace.defaultDenyManifest);
export const dnsEgressManifest = plainly(namespace.dnsEgressManifest);
export const ingressPolicyManifest = plainly(network.ingressPolicyManifest);
export const callsPolicyManifest = plainly(network.callsPolicyManifest);
export const egressPolicyManifest = plainly(network.egressPolicyManifest);
