import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, DatabaseOutputs, DataDeps } from "../providers/adapter";
import { DatabaseSpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface DatabaseArgs {
    platform: PlatformSpec;
    spec: DatabaseSpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

export class Database extends PlatformComponent<DatabaseOutputs> {
    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Database", name, args.platform, (ctx) => args.adapter.database(ctx, args.spec, args.deps), opts);
    }
}
