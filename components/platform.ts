import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter } from "../providers/adapter";
import { PlatformSpec } from "../tiers/types";
import { AppFleet } from "./appFleet";
import { Backups } from "./backups";
import { Cache } from "./cache";
import { Database } from "./database";
import { DisasterRecovery } from "./disasterRecovery";
import { Network } from "./network";
import { ObjectStore } from "./objectStore";
import { Observability } from "./observability";
import { Search } from "./search";
import { Telemetry } from "./telemetry";
import { Vpn } from "./vpn";

export interface PlatformArgs {
    spec: PlatformSpec;
    adapter: CloudAdapter;
}

/**
 * Wires the components in dependency order. The cloud's explicit provider is a child of the
 * platform and is inherited by every component, so switching the `cloud` key swaps the whole
 * tree at once. The optional ones exist only when the stack (or its tier) turns them on.
 */
export class Platform extends pulumi.ComponentResource {
    public readonly network: Network;
    public readonly vpn?: Vpn;
    public readonly objectStore: ObjectStore;
    public readonly database: Database;
    public readonly cache: Cache;
    public readonly search?: Search;
    public readonly telemetry?: Telemetry;
    public readonly appFleet: AppFleet;
    public readonly observability: Observability;
    public readonly backups?: Backups;
    public readonly disasterRecovery?: DisasterRecovery;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:index:Platform", name, {}, opts);
        const { spec, adapter } = args;
        const provider = adapter.provider(spec, this);
        const childOpts: pulumi.ComponentResourceOptions = { parent: this, providers: provider ? [provider] : [] };
        const base = { platform: spec, adapter };

        this.network = new Network(`${name}-network`, { ...base, spec: spec.network }, childOpts);
        const network = this.network.result;
        if (spec.vpn) {
            this.vpn = new Vpn(`${name}-vpn`, { ...base, spec: spec.vpn, deps: { network } }, childOpts);
        }
        this.objectStore = new ObjectStore(`${name}-storage`, { ...base, spec: spec.objectStore, deps: { network } }, childOpts);
        this.database = new Database(`${name}-db`, { ...base, spec: spec.database, deps: { network } }, childOpts);
        this.cache = new Cache(`${name}-cache`, { ...base, spec: spec.cache, deps: { network } }, childOpts);
        if (spec.search.enabled) {
            this.search = new Search(`${name}-search`, { ...base, spec: spec.search, deps: { network } }, childOpts);
        }
        if (spec.telemetry.metrics.enabled || spec.telemetry.tracing.enabled) {
            this.telemetry = new Telemetry(`${name}-telemetry`, { ...base, spec: spec.telemetry, deps: { network } }, childOpts);
        }
        const dataDeps = {
            network,
            database: this.database.result,
            cache: this.cache.result,
            objectStore: this.objectStore.result,
            ...(this.telemetry ? { telemetry: this.telemetry.result } : {}),
            ...(this.search ? { search: this.search.result } : {}),
        };
        this.appFleet = new AppFleet(`${name}-app`, { ...base, spec: spec.appFleet, deps: dataDeps }, childOpts);
        const fleetDeps = { ...dataDeps, appFleet: this.appFleet.result };
        this.observability = new Observability(`${name}-obs`, { ...base, spec: spec.observability, deps: fleetDeps }, childOpts);
        if (spec.backups.enabled) {
            this.backups = new Backups(`${name}-backups`, { ...base, spec: spec.backups, deps: fleetDeps }, childOpts);
        }
        if (spec.disasterRecovery) {
            const recoveryDeps = { ...fleetDeps, observability: this.observability.result, ...(this.backups ? { backups: this.backups.result } : {}) };
            this.disasterRecovery = new DisasterRecovery(`${name}-dr`, { ...base, spec: spec.disasterRecovery, deps: recoveryDeps }, childOpts);
        }
        this.registerOutputs({
            network: this.network.outputs,
            database: this.database.outputs,
            cache: this.cache.outputs,
            objectStore: this.objectStore.outputs,
            appFleet: this.appFleet.outputs,
            observability: this.observability.outputs,
            ...(this.vpn ? { vpn: this.vpn.outputs } : {}),
            ...(this.search ? { search: this.search.outputs } : {}),
            ...(this.telemetry ? { telemetry: this.telemetry.outputs } : {}),
            ...(this.backups ? { backups: this.backups.outputs } : {}),
            ...(this.disasterRecovery ? { disasterRecovery: this.disasterRecovery.outputs } : {}),
        });
    }
}
