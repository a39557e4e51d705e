import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, AppFleetOutputs, AppFleetDeps } from "../providers/adapter";
import { AppFleetSpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface AppFleetArgs {
    platform: PlatformSpec;
    spec: AppFleetSpec;
    adapter: CloudAdapter;
    deps: AppFleetDeps;
}

export class AppFleet extends PlatformComponent<AppFleetOutputs> {
    constructor(name: string, args: AppFleetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("AppFleet", name, args.platform, (ctx) => args.adapter.appFleet(ctx, args.spec, args.deps), opts);
    }
}
