// The contract every cloud implements. Components are thin: they hand a resolved spec to the
// adapter of the chosen cloud, which creates the resources as children of the component and
// returns the same output shape on every cloud plus opaque handles for the components built
// after it (security groups, keys, subnets...).

import * as pulumi from "@pulumi/pulumi";
import { Cloud, Runtime } from "../config/types";
import {
    AppFleetSpec,
    CacheSpec,
    DatabaseSpec,
    NetworkSpec,
    ObjectStoreSpec,
    ObservabilitySpec,
    PlatformSpec,
} from "../tiers/types";

export interface NetworkOutputs {
    networkId: pulumi.Output<string>;
    zones: pulumi.Output<string[]>;
    publicSubnetIds: pulumi.Output<string[]>;
    appSubnetIds: pulumi.Output<string[]>;
    dataSubnetIds: pulumi.Output<string[]>;
}

export interface DatabaseOutputs {
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    database: pulumi.Output<string>;
    username: pulumi.Output<string>;
    /** Reference (ARN, resource id or secret name) of the password in the cloud's secret store. */
    passwordSecretRef: pulumi.Output<string>;
    readReplicaHosts: pulumi.Output<string[]>;
}

export interface CacheOutputs {
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    tls: pulumi.Output<boolean>;
    authSecretRef: pulumi.Output<string>;
}

export interface ObjectStoreOutputs {
    bucketName: pulumi.Output<string>;
    url: pulumi.Output<string>;
    region: pulumi.Output<string>;
}

export interface ServiceEndpoint {
    name: string;
    kind: string;
    minReplicas: number;
    maxReplicas: number;
    /** Public URL of a public web service; absent for workers and private services. */
    url?: string;
}

export interface AppFleetOutputs {
    url: pulumi.Output<string>;
    loadBalancerHost: pulumi.Output<string>;
    services: pulumi.Output<ServiceEndpoint[]>;
}

export interface ObservabilityOutputs {
    alertTarget: pulumi.Output<string>;
    logGroups: pulumi.Output<string[]>;
    dashboards: pulumi.Output<string[]>;
}

/** What an adapter returns: the cloud-agnostic outputs and the cloud's own handles. */
export interface AdapterResult<O> {
    outputs: O;
    /** Cloud-specific handles for later components; only the same cloud's adapter reads them. */
    native: unknown;
    /** Names of the log groups/streams/tables this component writes to. */
    logGroups?: pulumi.Output<string>[];
}

export interface AdapterContext {
    /** The component every created resource is parented to. */
    parent: pulumi.ComponentResource;
    /** The component's name; children are named `${name}-<role>`. */
    name: string;
    platform: PlatformSpec;
}

export interface DataDeps {
    network: AdapterResult<NetworkOutputs>;
}

export interface AppFleetDeps extends DataDeps {
    database: AdapterResult<DatabaseOutputs>;
    cache: AdapterResult<CacheOutputs>;
    objectStore: AdapterResult<ObjectStoreOutputs>;
}

export interface ObservabilityDeps extends AppFleetDeps {
    appFleet: AdapterResult<AppFleetOutputs>;
}

export interface CloudAdapter {
    readonly cloud: Cloud;
    /** The runtimes its appFleet builds: instance groups (vm), a cluster's workloads (kubernetes). */
    readonly runtimes: readonly Runtime[];
    /**
     * Problems the cloud would refuse in what the program derives from the stack (names too
     * long, characters it does not accept), each naming what to change. Checked before any
     * resource is registered; an adapter without limits beyond the config schema omits it.
     */
    validate?(spec: PlatformSpec): string[];
    /** The explicit provider every resource of the platform uses (region, project...). */
    provider(platform: PlatformSpec, parent: pulumi.Resource): pulumi.ProviderResource | undefined;
    network(ctx: AdapterContext, spec: NetworkSpec): AdapterResult<NetworkOutputs>;
    objectStore(ctx: AdapterContext, spec: ObjectStoreSpec, deps: DataDeps): AdapterResult<ObjectStoreOutputs>;
    database(ctx: AdapterContext, spec: DatabaseSpec, deps: DataDeps): AdapterResult<DatabaseOutputs>;
    cache(ctx: AdapterContext, spec: CacheSpec, deps: DataDeps): AdapterResult<CacheOutputs>;
    appFleet(ctx: AdapterContext, spec: AppFleetSpec, deps: AppFleetDeps): AdapterResult<AppFleetOutputs>;
    observability(ctx: AdapterContext, spec: ObservabilitySpec, deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs>;
}

/** Thrown for a cloud whose adapter is not available, before any resource is registered. */
export class UnsupportedCloudError extends pulumi.RunError {}
