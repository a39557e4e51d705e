// Helpers every GCP adapter file shares: resource options, labels, overrides, customer-managed
// keys and generated secrets. Kept here so each component file reads as its architecture only.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ComponentName } from "../../config/types";
import { AdapterContext } from "../adapter";
import { mergeOverrides } from "../overrides";
import { secretReplication } from "./secretReplicas";

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

/**
 * GCP labels: keys and values of lowercase letters, digits, `_` and `-`, at most 63 characters,
 * keys starting with a letter. The platform's tags are written in that form.
 */
export function labelValue(value: string): string {
    return value.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);
}

/** The platform's required labels (project, environment, tier, managed-by). */
export function labelsFor(ctx: AdapterContext): Record<string, string> {
    return Object.fromEntries(Object.entries(ctx.platform.tags).map(([key, value]) => [labelValue(key), labelValue(value)]));
}

/** `overrides.<component>.gcp` from the stack file, merged last into the primary resource's args. */
export function withOverrides<T extends object>(ctx: AdapterContext, component: ComponentName, args: T): T {
    return mergeOverrides(ctx.platform, component, "gcp", args);
}

export function projectOf(ctx: AdapterContext): string {
    if (!ctx.platform.gcpProject) {
        throw new pulumi.RunError("platform:gcpProject is required for cloud gcp.");
    }
    return ctx.platform.gcpProject;
}

export function regionOf(ctx: AdapterContext): string {
    if (!ctx.platform.region) {
        throw new pulumi.RunError("platform:region is required for cloud gcp.");
    }
    return ctx.platform.region;
}

/** Cloud KMS rotates each key's primary version every 90 days. */
export const KEY_ROTATION_PERIOD = "7776000s";

/**
 * A customer-managed key in the platform's key ring, with rotation, and the members (service
 * agents, service accounts) that may encrypt and decrypt with it. Keys that protect data are
 * protected in production; Cloud KMS never deletes a key, only its versions.
 */
export function createCryptoKey(
    ctx: AdapterContext,
    keyRing: gcp.kms.KeyRing,
    role: string,
    members: pulumi.Input<string>[],
): { key: gcp.kms.CryptoKey; grants: gcp.kms.CryptoKeyIAMMember[] } {
    const key = new gcp.kms.CryptoKey(
        childName(ctx, `${role}-key`),
        { name: childName(ctx, role), keyRing: keyRing.id, rotationPeriod: KEY_ROTATION_PERIOD, purpose: "ENCRYPT_DECRYPT", labels: labelsFor(ctx) },
        dataOpts(ctx),
    );
    const grants = members.map(
        (member, index) =>
            new gcp.kms.CryptoKeyIAMMember(
                childName(ctx, `${role}-key-user-${index}`),
                { cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member },
                childOpts(ctx),
            ),
    );
    return { key, grants };
}

/**
 * A Secret Manager secret named `<platform>-<path>` (secret ids take letters, digits, `_` and
 * `-` only), replicated in the platform's region and encrypted with a component's key. With
 * `value`, the program writes its one version (plain data such as endpoints); without, the
 * value comes from elsewhere (the credentials job, which generates and rotates it).
 * `dependsOn` must hold the Secret Manager service agent's grant on the key.
 */
export function createSecret(
    ctx: AdapterContext,
    role: string,
    options: { path: string; key: gcp.kms.CryptoKey; value?: pulumi.Input<string>; dependsOn?: pulumi.Input<pulumi.Resource>[] },
): gcp.secretmanager.Secret {
    // With a DR region, a second replica there (a restore needs every secret).
    const dr = secretReplication(ctx.platform);
    const secret = new gcp.secretmanager.Secret(
        childName(ctx, role),
        {
            secretId: `${ctx.platform.name}-${options.path.replace(/[^A-Za-z0-9_-]/g, "-")}`,
            labels: labelsFor(ctx),
            replication: {
                userManaged: { replicas: [{ location: regionOf(ctx), customerManagedEncryption: { kmsKeyName: options.key.id } }, ...(dr.replica ? [dr.replica] : [])] },
            },
            deletionProtection: ctx.platform.protectData,
        },
        dataOpts(ctx, { dependsOn: [...(options.dependsOn ?? []), ...dr.dependsOn] }),
    );
    if (options.value !== undefined) {
        new gcp.secretmanager.SecretVersion(childName(ctx, `${role}-version`), { secret: secret.id, secretData: options.value }, childOpts(ctx));
    }
    return secret;
}
