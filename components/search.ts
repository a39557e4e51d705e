import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, SearchOutputs, DataDeps } from "../providers/adapter";
import { PlatformSpec, SearchSpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface SearchArgs {
    platform: PlatformSpec;
    spec: SearchSpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

/** The LMS document's search and log cluster (OpenSearch, or its closest form on the cloud). */
export class Search extends PlatformComponent<SearchOutputs> {
    constructor(name: string, args: SearchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Search", name, args.platform, (ctx) => args.adapter.search(ctx, args.spec, args.deps), opts);
    }
}
