import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, DisasterRecoveryOutputs, RecoveryDeps } from "../providers/adapter";
import { PlatformSpec, DisasterRecoverySpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface DisasterRecoveryArgs {
    platform: PlatformSpec;
    spec: DisasterRecoverySpec;
    adapter: CloudAdapter;
    deps: RecoveryDeps;
}

/** Copies of the data, keys and secrets in the DR region, and the recovery objectives they allow. */
export class DisasterRecovery extends PlatformComponent<DisasterRecoveryOutputs> {
    constructor(name: string, args: DisasterRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("DisasterRecovery", name, args.platform, (ctx) => args.adapter.disasterRecovery(ctx, args.spec, args.deps), opts);
    }
}
