// Who the cluster's pods are on Azure: each service's pods run as the same user-assigned
// managed identity its VMs would (instanceRole.ts: its blob container, each Key Vault secret it
// reads, each worker queue), reached through a federated credential that trusts exactly its
// Kubernetes ServiceAccount on this cluster's OIDC issuer. The add-ons get their own: External
// Secrets reads exactly the platform's secrets, KEDA reads the worker queues' depth, and the
// AGIC add-on manages the one Application Gateway.

import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { ServiceSpec } from "../../tiers/types";
import { ServiceIdentity } from "../kubernetes/workloads/types";
import { boundedName, childName, childOpts } from "./common";
import { grant, instanceIdentity, secretScope, ServiceAccess, userIdentity } from "./instanceRole";
import { FleetScope } from "./loadBalancer";

/** The audience Entra ID expects in a Kubernetes token it exchanges. */
export const TOKEN_AUDIENCE = "api://AzureADTokenExchange";
export const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
export const USE_LABEL = "azure.workload.identity/use";
/** Where the add-ons run, and their ServiceAccounts (the charts' defaults). */
export const EXTERNAL_SECRETS = { namespace: "external-secrets", serviceAccount: "external-secrets" } as const;
export const KEDA = { namespace: "keda", serviceAccount: "keda-operator" } as const;

/** The subject Entra ID matches a ServiceAccount token against. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** A service's ServiceAccount: the shared workloads name it after the service. */
export function serviceAccountFor(service: ServiceSpec): string {
    return service.name;
}

/** The ServiceAccount annotation and pod label the workload identity webhook acts on. */
export function serviceIdentity(clientId: pulumi.Input<string>): ServiceIdentity {
    // The token is what the pod exchanges for an Entra ID one: it must be mounted.
    return { serviceAccountAnnotations: { [CLIENT_ID_ANNOTATION]: clientId }, podLabels: { [USE_LABEL]: "true" }, automountServiceAccountToken: true };
}

function federate(s: FleetScope, role: string, identity: managedidentity.UserAssignedIdentity, issuer: pulumi.Input<string>, subject: string): managedidentity.FederatedIdentityCredential {
    return new managedidentity.FederatedIdentityCredential(
        childName(s.ctx, role),
        {
            resourceGroupName: s.net.resourceGroup.name,
            resourceName: identity.name,
            // 3-120 letters, digits, "-" and "_".
            federatedIdentityCredentialResourceName: boundedName(role.replace(/[^A-Za-z0-9_-]/g, "-"), 120),
            issuer,
            subject,
            audiences: [TOKEN_AUDIENCE],
        },
        childOpts(s.ctx),
    );
}

export interface PodIdentity {
    identity: managedidentity.UserAssignedIdentity;
    /** Role assignments and the federated credential: the pods wait for them. */
    ready: pulumi.Resource[];
}

/** A service's identity: the VM identity's exact roles, federated to its ServiceAccount in the app namespace. */
export function servicePodIdentity(s: FleetScope, service: ServiceSpec, access: ServiceAccess, issuer: pulumi.Input<string>, namespace: string): PodIdentity {
    const { identity, grants } = instanceIdentity(s, service.name, access);
    const credential = federate(s, `${service.name}-federated`, identity, issuer, serviceAccountSubject(namespace, serviceAccountFor(service)));
    return { identity, ready: [...grants, credential] };
}

/** External Secrets reads every secret the services read, each by its own role assignment, and nothing else. */
export function externalSecretsIdentity(s: FleetScope, secretNames: string[], issuer: pulumi.Input<string>): PodIdentity {
    const identity = userIdentity(s, "external-secrets-identity");
    const grants = [...new Set(secretNames)].map((secretName) => grant(s, `external-secrets-reads-${secretName}`, identity.principalId, "keyVaultSecretsUser", secretScope(s, secretName)));
    const credential = federate(s, "external-secrets-federated", identity, issuer, serviceAccountSubject(EXTERNAL_SECRETS.namespace, EXTERNAL_SECRETS.serviceAccount));
    return { identity, ready: [...grants, credential] };
}

/**
 * KEDA's azure-servicebus scaler reads a queue's runtime properties, which Service Bus serves
 * only to the Manage right: Data Owner, on each worker queue alone (as the workers' own roles).
 */
export function kedaIdentity(s: FleetScope, queueIds: Record<string, pulumi.Input<string>>, issuer: pulumi.Input<string>): PodIdentity {
    const identity = userIdentity(s, "keda-identity");
    const grants = Object.entries(queueIds).map(([worker, queueId]) => grant(s, `keda-reads-${worker}-queue`, identity.principalId, "serviceBusDataOwner", queueId));
    const credential = federate(s, "keda-federated", identity, issuer, serviceAccountSubject(KEDA.namespace, KEDA.serviceAccount));
    return { identity, ready: [...grants, credential] };
}

/**
 * The AGIC add-on's identity (AKS creates it in the node resource group) rewrites the gateway:
 * Network Contributor on that gateway alone (Microsoft's guide says Contributor; the gateway and
 * its WAF policy are network resources, so the network role is enough), Reader on the resource group it looks the gateway up in,
 * Network Contributor on the gateway's subnet, and Managed Identity Operator on the gateway's
 * own identity, which the gateway keeps to read its Key Vault certificate.
 */
export function ingressControllerGrants(s: FleetScope, objectId: pulumi.Input<string>, gateway: { id: pulumi.Input<string>; identityId: pulumi.Input<string> }): pulumi.Resource[] {
    const { net } = s;
    return [
        grant(s, "agic-gateway", objectId, "networkContributor", gateway.id),
        grant(s, "agic-resource-group", objectId, "reader", net.resourceGroup.id),
        grant(s, "agic-gateway-subnet", objectId, "networkContributor", net.gatewaySubnet.id),
        grant(s, "agic-gateway-identity", objectId, "managedIdentityOperator", gateway.identityId),
    ];
}
