import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, ObjectStoreOutputs, DataDeps } from "../providers/adapter";
import { ObjectStoreSpec, PlatformSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface ObjectStoreArgs {
    platform: PlatformSpec;
    spec: ObjectStoreSpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

export class ObjectStore extends PlatformComponent<ObjectStoreOutputs> {
    constructor(name: string, args: ObjectStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ObjectStore", name, args.platform, (ctx) => args.adapter.objectStore(ctx, args.spec, args.deps), opts);
    }
}
