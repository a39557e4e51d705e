// The key for PostgreSQL's geo-redundant backups. A server encrypted with a customer key copies
// its backups to the paired region encrypted with a key that lives there, read through an
// identity there, so production gets a second purge-protected vault in the paired region.
// Only Azure's backup service uses it (as a trusted service): no private endpoint, no public access.

import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { AdapterContext } from "../adapter";
import { grant, identityNameFor } from "./access";
import { childName, childOpts, globalName, ROLES, tagsFor, vaultObjectName } from "./common";
import { SOFT_DELETE_RETENTION_DAYS } from "./keyVault";
import { AzureNetworkNative } from "./native";

/**
 * Azure's region pairs (geo-redundant backups go to the pair). Newer regions (polandcentral,
 * italynorth, qatarcentral...) have none: production stacks there are refused by names.ts.
 */
export const PAIRED_REGIONS: Record<string, string> = {
    eastus: "westus",
    westus: "eastus",
    eastus2: "centralus",
    centralus: "eastus2",
    westus2: "westcentralus",
    westcentralus: "westus2",
    westus3: "eastus",
    northcentralus: "southcentralus",
    southcentralus: "northcentralus",
    canadacentral: "canadaeast",
    canadaeast: "canadacentral",
    brazilsouth: "southcentralus",
    northeurope: "westeurope",
    westeurope: "northeurope",
    uksouth: "ukwest",
    ukwest: "uksouth",
    francecentral: "francesouth",
    francesouth: "francecentral",
    germanynorth: "germanywestcentral",
    switzerlandwest: "switzerlandnorth",
    norwaywest: "norwayeast",
    swedensouth: "swedencentral",
    brazilsoutheast: "brazilsouth",
    uaecentral: "uaenorth",
    southafricawest: "southafricanorth",
    koreasouth: "koreacentral",
    germanywestcentral: "germanynorth",
    switzerlandnorth: "switzerlandwest",
    norwayeast: "norwaywest",
    swedencentral: "swedensouth",
    eastasia: "southeastasia",
    southeastasia: "eastasia",
    japaneast: "japanwest",
    japanwest: "japaneast",
    koreacentral: "koreasouth",
    australiaeast: "australiasoutheast",
    australiasoutheast: "australiaeast",
    centralindia: "southindia",
    southindia: "centralindia",
    uaenorth: "uaecentral",
    southafricanorth: "southafricawest",
};

export function pairedRegionOf(region: string): string | undefined {
    return PAIRED_REGIONS[region];
}

export function geoVaultNameFor(ctx: AdapterContext): string {
    return globalName(ctx, "-geokv-", { max: 24 });
}

export interface GeoKey {
    key: keyvault.Key;
    identity: managedidentity.UserAssignedIdentity;
    access: authorization.RoleAssignment;
}

export function createGeoKey(ctx: AdapterContext, net: AzureNetworkNative, location: string): GeoKey {
    const pair = pairedRegionOf(location);
    if (!pair) {
        // names.ts reports this before any resource is registered; kept for direct callers.
        throw new pulumi.RunError(`Region ${location} has no paired region known to the program; geo-redundant backups need one.`);
    }
    const vault = new keyvault.Vault(
        childName(ctx, "geo-vault"),
        {
            resourceGroupName: net.resourceGroup.name,
            location: pair,
            vaultName: geoVaultNameFor(ctx),
            properties: {
                tenantId: net.tenantId,
                sku: { family: "A", name: "premium" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
                enablePurgeProtection: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
            },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { protect: ctx.platform.protectData }),
    );
    const deployerKeys = grant(ctx, net, "geo-vault-deployer-keys", {
        principalId: net.deployerObjectId,
        role: ROLES.keyVaultCryptoOfficer,
        scope: vault.id,
        description: "The deploying principal creates the geo-backup key",
    });
    const key = new keyvault.Key(
        childName(ctx, "geo-key"),
        {
            resourceGroupName: net.resourceGroup.name,
            vaultName: vault.name,
            keyName: vaultObjectName(ctx.name, "geo-backup"),
            properties: { kty: "RSA-HSM", keySize: 3072, keyOps: ["wrapKey", "unwrapKey"], attributes: { enabled: true, exportable: false } },
            tags: tagsFor(ctx),
        },
        childOpts(ctx, { dependsOn: [deployerKeys], protect: ctx.platform.protectData }),
    );
    const identity = new managedidentity.UserAssignedIdentity(
        childName(ctx, "geo-identity"),
        { resourceGroupName: net.resourceGroup.name, location: pair, resourceName: identityNameFor(ctx, "geo-identity"), tags: tagsFor(ctx) },
        childOpts(ctx),
    );
    const access = grant(ctx, net, "geo-key-access", {
        principalId: identity.principalId,
        role: ROLES.keyVaultCryptoServiceEncryptionUser,
        scope: key.id,
        servicePrincipal: true,
        description: "PostgreSQL encrypts its geo-redundant backups with the paired region's key",
    });
    return { key, identity, access };
}
