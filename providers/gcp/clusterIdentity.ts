// Who the cluster's pods are to Google Cloud, through Workload Identity: each service's
// Kubernetes ServiceAccount acts as the Google service account its VMs would run as (the same
// grants, built by instanceRole.ts: its bucket's objects, the secrets it reads, its queues, logs
// and metrics), and each add-on as an account of its own holding one thing: External Secrets
// reads exactly the platform's secrets, KEDA reads the queues' metrics. The GKE ingress
// controller is Google's and needs no account here.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../tiers/types";
import { ServiceIdentity } from "../kubernetes/workloads/types";
import { childName, childOpts } from "./common";
import { InstanceIdentity } from "./instanceRole";
import { FleetScope } from "./loadBalancer";
import { serviceAccountIdFor } from "./names";

/** The ServiceAccount annotation that names the Google service account a pod acts as. */
export const GSA_ANNOTATION = "iam.gke.io/gcp-service-account";

/** The IAM member of a Kubernetes ServiceAccount in the cluster's Workload Identity pool. */
export function workloadIdentityMember(workloadPool: string, namespace: string, serviceAccount: string): string {
    return `serviceAccount:${workloadPool}[${namespace}/${serviceAccount}]`;
}

/** What a ServiceAccount carries to act as `email`; the GKE metadata server needs no mounted token. */
export function gkeServiceIdentity(email: pulumi.Input<string>): ServiceIdentity {
    return { serviceAccountAnnotations: { [GSA_ANNOTATION]: email }, podLabels: {}, automountServiceAccountToken: false };
}

export interface KubernetesServiceAccountRef {
    namespace: string;
    name: string;
}

/** Lets one Kubernetes ServiceAccount act as the Google service account; the pool exists once the cluster does. */
function bindWorkloadIdentity(s: FleetScope, role: string, account: gcp.serviceaccount.Account, workloadPool: string, ksa: KubernetesServiceAccountRef, cluster: pulumi.Resource): gcp.serviceaccount.IAMMember {
    return new gcp.serviceaccount.IAMMember(
        childName(s.ctx, `${role}-workload-identity`),
        { serviceAccountId: account.name, role: "roles/iam.workloadIdentityUser", member: workloadIdentityMember(workloadPool, ksa.namespace, ksa.name) },
        childOpts(s.ctx, { dependsOn: [cluster] }),
    );
}

export interface ClusterServiceIdentities {
    identity(service: ServiceSpec): ServiceIdentity;
    /** Per service, what its pods need before they start: the VM grants and the Workload Identity binding. */
    grants: Record<string, pulumi.Resource[]>;
}

/** Binds each service's VM identity (instanceRole.ts) to its Kubernetes ServiceAccount. */
export function serviceIdentities(
    s: FleetScope,
    vm: InstanceIdentity,
    services: ServiceSpec[],
    cluster: { workloadPool: string; resource: pulumi.Resource },
    serviceAccountOf: (service: ServiceSpec) => KubernetesServiceAccountRef,
): ClusterServiceIdentities {
    const grants: Record<string, pulumi.Resource[]> = {};
    for (const service of services) {
        const binding = bindWorkloadIdentity(s, service.name, vm.accounts[service.name], cluster.workloadPool, serviceAccountOf(service), cluster.resource);
        grants[service.name] = [...vm.grants[service.name], binding];
    }
    return { identity: (service) => gkeServiceIdentity(vm.accounts[service.name].email), grants };
}

export interface AddOnIdentity {
    account: gcp.serviceaccount.Account;
    /** The Helm values that annotate the add-on's ServiceAccount. */
    email: pulumi.Output<string>;
    grants: pulumi.Resource[];
}

function addOnAccount(s: FleetScope, role: string, description: string): gcp.serviceaccount.Account {
    return new gcp.serviceaccount.Account(
        childName(s.ctx, `${role}-account`),
        { accountId: serviceAccountIdFor(s.ctx.platform.name, role), displayName: `${s.ctx.platform.name} ${role}`, description },
        childOpts(s.ctx),
    );
}

/** External Secrets: accessor on the platform's secrets, one by one; nothing project-wide. */
export function externalSecretsIdentity(
    s: FleetScope,
    secrets: gcp.secretmanager.Secret[],
    cluster: { workloadPool: string; resource: pulumi.Resource },
    ksa: KubernetesServiceAccountRef,
): AddOnIdentity {
    const account = addOnAccount(s, "secrets-sync", `External Secrets of ${s.ctx.platform.name}: reads the platform's secrets into the cluster`);
    const grants: pulumi.Resource[] = secrets.map(
        (secret, index) =>
            new gcp.secretmanager.SecretIamMember(childName(s.ctx, `secrets-sync-secret-${index}`), { secretId: secret.id, role: "roles/secretmanager.secretAccessor", member: account.member }, childOpts(s.ctx)),
    );
    grants.push(bindWorkloadIdentity(s, "secrets-sync", account, cluster.workloadPool, ksa, cluster.resource));
    return { account, email: account.email, grants };
}

/**
 * KEDA's gcp-pubsub scaler reads the subscriptions' backlog from Cloud Monitoring. Monitoring
 * grants are per project only, and the viewer role reads metrics and nothing else.
 */
export function kedaIdentity(s: FleetScope, cluster: { workloadPool: string; resource: pulumi.Resource }, ksa: KubernetesServiceAccountRef): AddOnIdentity {
    const account = addOnAccount(s, "autoscaler", `KEDA of ${s.ctx.platform.name}: reads the worker queues' metrics`);
    const grants: pulumi.Resource[] = [
        new gcp.projects.IAMMember(childName(s.ctx, "autoscaler-monitoring-viewer"), { project: s.project, role: "roles/monitoring.viewer", member: account.member }, childOpts(s.ctx)),
        bindWorkloadIdentity(s, "autoscaler", account, cluster.workloadPool, ksa, cluster.resource),
    ];
    return { account, email: account.email, grants };
}
