// Helpers every file of the existing-cluster adapter shares: names, options, labels, overrides.

import * as pulumi from "@pulumi/pulumi";
import { ComponentName } from "../../config/types";
import { AdapterContext } from "../adapter";
import { mergeOverrides } from "../overrides";

/** Options for an ordinary child of the component, on the cluster's provider. */
export function childOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, ...extra };
}

/** Options for an object that holds data (database cluster, volumes): protected in production. */
export function dataOpts(ctx: AdapterContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, protect: ctx.platform.protectData, ...extra };
}

/** The Pulumi name a child gets: `${component}-${role}`. */
export function childName(ctx: AdapterContext, role: string): string {
    return `${ctx.name}-${role}`;
}

/** The recommended labels (app.kubernetes.io/*) plus the platform's tags as label values. */
export function labelsFor(ctx: AdapterContext, component: string): Record<string, string> {
    const value = (text: string) => text.toLowerCase().replace(/[^a-z0-9._-]/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 63);
    return {
        "app.kubernetes.io/part-of": value(ctx.platform.name),
        "app.kubernetes.io/component": value(component),
        "app.kubernetes.io/managed-by": "pulumi",
        ...Object.fromEntries(Object.entries(ctx.platform.tags).filter(([key]) => key !== "managed-by").map(([key, text]) => [`platform.io/${value(key)}`, value(text)])),
    };
}

/** `overrides.<component>.kubernetes` from the stack file, merged last into the primary object's args. */
export function withOverrides<T extends object>(ctx: AdapterContext, component: ComponentName, args: T): T {
    return mergeOverrides(ctx.platform, component, "kubernetes", args);
}
