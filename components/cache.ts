import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, CacheOutputs, DataDeps } from "../providers/adapter";
import { CacheSpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface CacheArgs {
    platform: PlatformSpec;
    spec: CacheSpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

export class Cache extends PlatformComponent<CacheOutputs> {
    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Cache", name, args.platform, (ctx) => args.adapter.cache(ctx, args.spec, args.deps), opts);
    }
}
