import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, ObservabilityOutputs, ObservabilityDeps } from "../providers/adapter";
import { ObservabilitySpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface ObservabilityArgs {
    platform: PlatformSpec;
    spec: ObservabilitySpec;
    adapter: CloudAdapter;
    deps: ObservabilityDeps;
}

export class Observability extends PlatformComponent<ObservabilityOutputs> {
    constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Observability", name, args.platform, (ctx) => args.adapter.observability(ctx, args.spec, args.deps), opts);
    }
}
