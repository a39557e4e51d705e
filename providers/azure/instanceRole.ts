// The app VMs' identities: one user-assigned managed identity per service, granted only what its
// VMs use, each role scoped to the narrowest resource Azure allows: the platform's blob
// container, each Key Vault secret the service reads, each worker queue. No Owner or Contributor,
// no key or password on the VM: everything is read with the identity's token. Operators reach a
// VM through Azure Bastion with the SSH key kept in Key Vault (appFleet.ts).

import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { boundedName, childName, childOpts, dataOpts, tagsFor } from "./common";
import { FleetScope } from "./loadBalancer";

/** Built-in role definitions (the same GUIDs in every tenant). */
export const ROLES = {
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    serviceBusDataOwner: "090c5cfd-751d-490a-894a-3ce6f1109419",
    monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
    keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
    keyVaultContributor: "f25e0fa2-a7c8-4377-a976-54943a77a395",
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
    reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    managedIdentityOperator: "f1a07417-d97a-45cb-824c-7a7467783830",
} as const;

export type RoleName = keyof typeof ROLES;

/** The full id ARM expects for a built-in role. */
export function roleDefinitionId(subscriptionId: pulumi.Input<string>, role: RoleName): pulumi.Output<string> {
    return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`;
}

/** One role for one managed identity on one scope. */
export function grant(
    s: FleetScope,
    role: string,
    principalId: pulumi.Input<string>,
    definition: RoleName,
    scope: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions = {},
): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
        childName(s.ctx, role),
        {
            principalId,
            // Without the type ARM looks the principal up in Entra ID, which may not see a new identity yet.
            principalType: "ServicePrincipal",
            roleDefinitionId: roleDefinitionId(s.net.subscriptionId, definition),
            scope,
        },
        childOpts(s.ctx, opts),
    );
}

/** The ARM id of one Key Vault secret: the scope a role on that secret alone takes. */
export function secretScope(s: FleetScope, secretName: string): pulumi.Output<string> {
    return pulumi.interpolate`${s.net.keyVault.id}/secrets/${secretName}`;
}

/**
 * A customer-managed key in the platform's vault, rotated yearly: HSM-backed when the vault is
 * Premium. Its users follow the latest version, so rotation needs no redeploy.
 */
export function customerKey(s: FleetScope, role: string, keyName: string): keyvault.Key {
    const { ctx, net } = s;
    return new keyvault.Key(
        childName(ctx, role),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            keyName,
            properties: {
                kty: net.keyVault.properties.apply((vault) => (vault.sku?.name === "premium" ? "RSA-HSM" : "RSA")),
                keySize: 3072,
                keyOps: ["wrapKey", "unwrapKey"],
                rotationPolicy: {
                    attributes: { expiryTime: "P2Y" },
                    lifetimeActions: [
                        { action: { type: "rotate" }, trigger: { timeAfterCreate: "P1Y" } },
                        { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
                    ],
                },
            },
            tags: tagsFor(ctx),
        },
        // The deploying principal may only write keys once its role on the vault exists. Without
        // the key, what it encrypts is unreadable: protected in production.
        dataOpts(ctx, { dependsOn: net.keyVaultAccess }),
    );
}

/** The ARM id of a key: the scope a role on that key alone takes. */
export function keyScope(s: FleetScope, keyName: string): pulumi.Output<string> {
    return pulumi.interpolate`${s.net.keyVault.id}/keys/${keyName}`;
}

export function userIdentity(s: FleetScope, role: string): managedidentity.UserAssignedIdentity {
    return new managedidentity.UserAssignedIdentity(
        childName(s.ctx, role),
        // 3-128 letters, digits, hyphens and underscores: a stack name's dots become hyphens.
        { resourceName: boundedName(childName(s.ctx, role).replace(/[^A-Za-z0-9_-]/g, "-"), 128), resourceGroupName: s.net.resourceGroup.name, location: s.location, tags: tagsFor(s.ctx) },
        childOpts(s.ctx),
    );
}

export interface ServiceAccess {
    /** The blob container the application stores documents in. */
    containerId: pulumi.Input<string>;
    /** Key Vault secrets the service's VMs read (database login, cache key, application secrets). */
    secretNames: string[];
    /** Every worker queue by worker name: producers send to them, workers receive from their own. */
    queueIds: Record<string, pulumi.Input<string>>;
}

export interface InstanceIdentity {
    identity: managedidentity.UserAssignedIdentity;
    /** What the VMs need before they boot; the scale set waits for it. */
    grants: pulumi.Resource[];
}

export function instanceIdentity(s: FleetScope, service: string, access: ServiceAccess): InstanceIdentity {
    const identity = userIdentity(s, `${service}-identity`);
    const principal = identity.principalId;
    const grants: pulumi.Resource[] = [grant(s, `${service}-blob-access`, principal, "storageBlobDataContributor", access.containerId)];
    for (const secretName of access.secretNames) {
        grants.push(grant(s, `${service}-reads-${secretName}`, principal, "keyVaultSecretsUser", secretScope(s, secretName)));
    }
    // kombu's Service Bus transport declares its queue (create, or 409 when it exists) and reads
    // its length through the management API, which the Data Sender and Receiver roles refuse:
    // Data Owner, but on each queue, never on the namespace.
    for (const [worker, queueId] of Object.entries(access.queueIds)) {
        grants.push(grant(s, `${service}-${worker}-queue-access`, principal, "serviceBusDataOwner", queueId));
    }
    return { identity, grants };
}

/** The Azure Monitor agent publishes the VMs' guest metrics to their own scale set with the identity. */
export function metricsPublisher(s: FleetScope, service: string, identity: managedidentity.UserAssignedIdentity, scaleSetId: pulumi.Input<string>): authorization.RoleAssignment {
    return grant(s, `${service}-metrics`, identity.principalId, "monitoringMetricsPublisher", scaleSetId);
}
