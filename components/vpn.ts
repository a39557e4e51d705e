import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, VpnOutputs, DataDeps } from "../providers/adapter";
import { PlatformSpec, VpnSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface VpnArgs {
    platform: PlatformSpec;
    spec: VpnSpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

/** The LMS document's VPN gateway on the platform's network, with tunnels to a peer when one is given. */
export class Vpn extends PlatformComponent<VpnOutputs> {
    constructor(name: string, args: VpnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Vpn", name, args.platform, (ctx) => args.adapter.vpn(ctx, args.spec, args.deps), opts);
    }
}
