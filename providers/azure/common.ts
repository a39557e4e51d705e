// Helpers every Azure adapter file shares: resource options, tags, overrides and names. Kept
// here so each component file reads as its architecture only.

import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { ComponentName } from "../../config/types";
import { AdapterContext } from "../adapter";
import { mergeOverrides } from "../overrides";

/** Options for an ordinary child of the component. */
export function childOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, ...extra };
}

/** Options for a resource that holds data: protected from deletion in production tiers. */
export function dataOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, protect: ctx.platform.protectData, ...extra };
}

/** The name a child gets: `${component}-${role}`. */
export function childName(ctx: AdapterContext, role: string): string {
    return `${ctx.name}-${role}`;
}

/** The platform's required tags (project, environment, tier, managed-by). */
export function tagsFor(ctx: AdapterContext): Record<string, string> {
    return { ...ctx.platform.tags };
}

/** `overrides.<component>.azure` from the stack file, merged last into the primary resource's args. */
export function withOverrides<T extends object>(ctx: AdapterContext, component: ComponentName, args: T): T {
    return mergeOverrides(ctx.platform, component, "azure", args);
}

export function locationOf(ctx: AdapterContext): string {
    if (!ctx.platform.region) {
        throw new pulumi.RunError("platform:region is required for cloud azure.");
    }
    return ctx.platform.region;
}

/**
 * A globally unique name for the resources Azure names in one global namespace (storage
 * accounts, Key Vaults: 3-24 characters): the platform name's letters and digits, cut, plus a
 * stable hash of the platform name and role, so two stacks never collide and a redeploy
 * reuses the same name.
 */
export function globalName(ctx: AdapterContext, role: string, options: { max: number; alphanumericOnly?: boolean }): string {
    const hash = createHash("sha256").update(`${ctx.platform.name}/${role}`).digest("hex").slice(0, 6);
    const base = `${ctx.platform.name}${role}`.toLowerCase().replace(options.alphanumericOnly ? /[^a-z0-9]/g : /[^a-z0-9-]/g, "");
    return `${base.slice(0, options.max - hash.length)}${hash}`;
}

/** Built-in role definitions the data layer grants (GUIDs are the same in every tenant). */
export const ROLES = {
    keyVaultCryptoOfficer: "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
} as const;

export function roleDefinitionId(subscriptionId: pulumi.Input<string>, roleGuid: string): pulumi.Output<string> {
    return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/** The Key Vault object names a stack derives: 1-127 letters, digits and hyphens. */
export function vaultObjectName(...parts: string[]): string {
    return parts.join("-").replace(/[^A-Za-z0-9-]/g, "-").slice(0, 127);
}

/**
 * A name within Azure's limit for its type: as it is when it fits, else cut and suffixed with a
 * hash of the whole, so long stack names still deploy and two names never collide.
 */
export function boundedName(name: string, max: number): string {
    if (name.length <= max) {
        return name;
    }
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
