import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, BackupsOutputs, ObservabilityDeps } from "../providers/adapter";
import { PlatformSpec, LogicalBackupSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface BackupsArgs {
    platform: PlatformSpec;
    spec: LogicalBackupSpec;
    adapter: CloudAdapter;
    deps: ObservabilityDeps;
}

/** The LMS document's daily logical dump to a backups bucket, outside the database service. */
export class Backups extends PlatformComponent<BackupsOutputs> {
    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Backups", name, args.platform, (ctx) => args.adapter.backups(ctx, args.spec, args.deps), opts);
    }
}
