import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter } from "../providers/adapter";
import { PlatformSpec } from "../tiers/types";
import { AppFleet } from "./appFleet";
import { Cache } from "./cache";
import { Database } from "./database";
import { Network } from "./network";
import { ObjectStore } from "./objectStore";
import { Observability } from "./observability";

export interface PlatformArgs {
    spec: PlatformSpec;
    adapter: CloudAdapter;
}

/**
 * Wires the six components in dependency order. The cloud's explicit provider is a child of
 * the platform and is inherited by every component, so switching the `cloud` key swaps the
 * whole tree at once.
 */
export class Platform extends pulumi.ComponentResource {
    public readonly network: Network;
    public readonly objectStore: ObjectStore;
    public readonly database: Database;
    public readonly cache: Cache;
    public readonly appFleet: AppFleet;
    public readonly observability: Observability;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { spec, adapter } = args;
        const provider = adapter.provider(spec, this);
        const childOpts: pulumi.ComponentResourceOptions = { parent: this, providers: provider ? [provider] : [] };
        const base = { platform: spec, adapter };

        this.network = new Network(`${name}-network`, { ...base, spec: spec.network }, childOpts);
        const network = this.network.result;
        this.objectStore = new ObjectStore(`${name}-storage`, { ...base, spec: spec.objectStore, deps: { network } }, childOpts);
        this.database = new Database(`${name}-db`, { ...base, spec: spec.database, deps: { network } }, childOpts);
        this.cache = new Cache(`${name}-cache`, { ...base, spec: spec.cache, deps: { network } }, childOpts);
        const dataDeps = {
            network,
            database: this.database.result,
            cache: this.cache.result,
            objectStore: this.objectStore.result,
        };
        this.appFleet = new AppFleet(`${name}-app`, { ...base, spec: spec.appFleet, deps: dataDeps }, childOpts);
        this.observability = new Observability(
            `${name}-obs`,
            { ...base, spec: spec.observability, deps: { ...dataDeps, appFleet: this.appFleet.result } },
            childOpts,
        );
        this.registerOutputs({
            network: this.network.outputs,
            database: this.database.outputs,
            cache: this.cache.outputs,
            objectStore: this.objectStore.outputs,
            appFleet: this.appFleet.outputs,
            observability: this.observability.outputs,
        });
    }
}
