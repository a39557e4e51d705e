// The platform's Key Vault: its generated secrets and the customer-managed keys of storage,
// PostgreSQL and the flow-log account. RBAC-authorised (no access policies), purge-protected,
// Premium (keys live in HSMs) and reachable only through a private endpoint.
//
// Public network access is disabled, yet `pulumi up` still writes keys and secrets: keyvault.Key
// and keyvault.Secret are ARM resources (Microsoft.KeyVault/vaults/keys, .../secrets) that
// Azure Resource Manager writes on the caller's behalf through the management plane, which the
// vault firewall does not filter (MicrosoftDocs/azure-docs#68668). Reading a secret's value
// back is data-plane and works only inside the VNet: the program never does. Storage and
// PostgreSQL reach their keys as trusted services (bypass AzureServices), which a disabled
// public network access still admits.

import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as resources from "@pulumi/azure-native/resources";
import { AdapterContext } from "../adapter";
import { EndpointNetwork, grant, privateEndpoint } from "./access";
import { childName, childOpts, globalName, ROLES, tagsFor, vaultObjectName } from "./common";
import { AzureNetworkNative } from "./native";

/** Key Vault's longest soft-delete window: a deleted vault, key or secret stays recoverable 90 days. */
export const SOFT_DELETE_RETENTION_DAYS = 90;
export const VAULT_ZONE = "privatelink.vaultcore.azure.net";

/** Names are global (`<name>.vault.azure.net`): 3-24 letters, digits and hyphens, starting with a letter. */
export function keyVaultNameFor(ctx: AdapterContext): string {
    return globalName(ctx, "-kv-", { max: 24 });
}

/** Known before deployment, so secrets' URIs can be handed out without waiting for the vault. */
export function vaultUriFor(vaultName: string): string {
    return `https://${vaultName}.vault.azure.net/`;
}

export interface VaultSetup {
    resourceGroup: resources.ResourceGroup;
    location: string;
    tenantId: pulumi.Output<string>;
    subscriptionId: pulumi.Output<string>;
    /** The principal running `pulumi up`. */
    deployerObjectId: pulumi.Output<string>;
    network: Omit<EndpointNetwork, "resourceGroup" | "location">;
}

export interface PlatformVault {
    vault: keyvault.Vault;
    name: string;
    access: pulumi.Resource[];
}

export function createKeyVault(ctx: AdapterContext, setup: VaultSetup): PlatformVault {
    const name = keyVaultNameFor(ctx);
    const args: keyvault.VaultArgs = {
        resourceGroupName: setup.resourceGroup.name,
        location: setup.location,
        vaultName: name,
        properties: {
            tenantId: setup.tenantId,
            // Premium: RSA-HSM keys (CIS 3.3.x asks for HSM-protected customer keys).
            sku: { family: "A", name: "premium" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
            // Storage and PostgreSQL refuse customer-managed keys from a vault without it.
            enablePurgeProtection: true,
            enabledForDeployment: false,
            enabledForDiskEncryption: false,
            enabledForTemplateDeployment: false,
            publicNetworkAccess: "Disabled",
            networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        },
        tags: tagsFor(ctx),
    };
    // A purge-protected vault cannot be purged for 90 days after deletion, in every tier: its
    // name stays taken, so it is protected like data even outside production.
    const vault = new keyvault.Vault(childName(ctx, "vault"), args, childOpts(ctx, { protect: ctx.platform.protectData }));
    privateEndpoint(
        ctx,
        { resourceGroup: setup.resourceGroup, location: setup.location, ...setup.network },
        "vault-endpoint",
        { resourceId: vault.id, groupId: "vault", zone: VAULT_ZONE },
    );

    // The deployer manages keys and secrets; nobody else gets vault-wide rights.
    const deployer = { subscriptionId: setup.subscriptionId };
    const access = [
        grant(ctx, deployer, "vault-deployer-secrets", {
            principalId: setup.deployerObjectId,
            role: ROLES.keyVaultSecretsOfficer,
            scope: vault.id,
            description: "The deploying principal writes the platform's generated secrets",
        }),
        grant(ctx, deployer, "vault-deployer-keys", {
            principalId: setup.deployerObjectId,
            role: ROLES.keyVaultCryptoOfficer,
            scope: vault.id,
            description: "The deploying principal creates and rotates the platform's keys",
        }),
    ];
    return { vault, name, access };
}

type VaultNetwork = Pick<AzureNetworkNative, "resourceGroup" | "keyVault" | "keyVaultAccess">;

/** Keys rotate yearly (a new version; versionless key URIs follow it) and expire after two. */
export const KEY_ROTATION_POLICY = {
    attributes: { expiryTime: "P2Y" },
    lifetimeActions: [
        { trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" as const } },
        { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" as const } },
    ],
};

/** An HSM-backed RSA key for one component's data at rest. */
export function createVaultKey(ctx: AdapterContext, net: VaultNetwork, role: string): keyvault.Key {
    return new keyvault.Key(
        childName(ctx, role),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            keyName: vaultObjectName(ctx.name, role),
            properties: {
                kty: "RSA-HSM",
                keySize: 3072,
                keyOps: ["wrapKey", "unwrapKey"],
                attributes: { enabled: true, exportable: false },
                rotationPolicy: KEY_ROTATION_POLICY,
            },
            tags: tagsFor(ctx),
        },
        // Data encrypted with a deleted key is lost: keys are protected wherever data is.
        childOpts(ctx, { dependsOn: net.keyVaultAccess, protect: ctx.platform.protectData }),
    );
}

export interface SecretSpec {
    name: string;
    value: pulumi.Input<string>;
    /** What the value is, e.g. "application/json" or "text/plain". */
    contentType: string;
}

/** A generated secret written through ARM at deploy time; the value is a secret output. */
export function createVaultSecret(ctx: AdapterContext, net: VaultNetwork, role: string, spec: SecretSpec): keyvault.Secret {
    return new keyvault.Secret(
        childName(ctx, role),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: net.keyVault.name,
            secretName: spec.name,
            properties: { value: pulumi.secret(spec.value), contentType: spec.contentType, attributes: { enabled: true } },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: net.keyVaultAccess, additionalSecretOutputs: ["properties"] }),
    );
}
