import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, NetworkOutputs } from "../providers/adapter";
import { NetworkSpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface NetworkArgs {
    platform: PlatformSpec;
    spec: NetworkSpec;
    adapter: CloudAdapter;
}

export class Network extends PlatformComponent<NetworkOutputs> {
    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Network", name, args.platform, (ctx) => args.adapter.network(ctx, args.spec), opts);
    }
}
