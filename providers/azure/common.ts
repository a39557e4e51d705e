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
