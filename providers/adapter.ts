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
    DisasterRecoverySpec,
    LogicalBackupSpec,
    NetworkSpec,
    ObjectStoreSpec,
    ObservabilitySpec,
    PlatformSpec,
    SearchSpec,
    TelemetrySpec,
    VpnSpec,
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
    /** Where the application connects: the connection pool when pooling is on, else host and port. */
    poolHost: pulumi.Output<string>;
    poolPort: pulumi.Output<number>;
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

/** Managed Prometheus and Grafana, and the tracing service the collectors export to. */
export interface TelemetryOutputs {
    /** Prometheus remote-write (or ingestion) endpoint; "" when metrics are off. */
    metricsEndpoint: pulumi.Output<string>;
    /** Grafana's URL; "" when metrics are off. */
    grafanaUrl: pulumi.Output<string>;
    /** The cloud's tracing service the collectors export to; "" when tracing is off. */
    tracesDestination: pulumi.Output<string>;
}

export interface SearchOutputs {
    /** HTTPS endpoint of the search API (SEARCH_URL without credentials). */
    endpoint: pulumi.Output<string>;
    /** OpenSearch Dashboards (Kibana's successor). */
    dashboardsUrl: pulumi.Output<string>;
    port: pulumi.Output<number>;
}

export interface VpnOutputs {
    gatewayId: pulumi.Output<string>;
    /** The cloud side's public tunnel addresses, for the peer's configuration; empty without a peer. */
    tunnelAddresses: pulumi.Output<string[]>;
    /** Reference of the generated pre-shared key in the secret store; "" without a peer. */
    presharedKeySecretRef: pulumi.Output<string>;
}

export interface BackupsOutputs {
    bucketName: pulumi.Output<string>;
    /** When the dump runs, as the cloud's scheduler reads it. */
    schedule: pulumi.Output<string>;
    retentionDays: pulumi.Output<number>;
}

/** What a cloud can promise for one part of the platform with the DR settings it built. */
export interface RecoveryPromise {
    component: "database" | "files" | "secrets" | "platform";
    rpoMinutes: number;
    rtoMinutes: number;
    /** How: "automated backups replicated to us-west-2 (PITR)", ... */
    method: string;
}

export interface DisasterRecoveryOutputs {
    region: pulumi.Output<string>;
    /** The replica of the object store in the DR region. */
    bucketName: pulumi.Output<string>;
    promises: pulumi.Output<RecoveryPromise[]>;
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
    /** Absent when both metrics and tracing are off. */
    telemetry?: AdapterResult<TelemetryOutputs>;
    /** Absent when the search cluster is off. */
    search?: AdapterResult<SearchOutputs>;
}

export interface ObservabilityDeps extends AppFleetDeps {
    appFleet: AdapterResult<AppFleetOutputs>;
}

export interface RecoveryDeps extends ObservabilityDeps {
    /** Where the DR region's resources send their diagnostics. */
    observability: AdapterResult<ObservabilityOutputs>;
    /** Absent when logical backups are off. */
    backups?: AdapterResult<BackupsOutputs>;
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
    /** Built when metrics or tracing are on, before the fleet (its collectors export there). */
    telemetry(ctx: AdapterContext, spec: TelemetrySpec, deps: DataDeps): AdapterResult<TelemetryOutputs>;
    /** Built when the search cluster is on, before the fleet (SEARCH_URL). */
    search(ctx: AdapterContext, spec: SearchSpec, deps: DataDeps): AdapterResult<SearchOutputs>;
    /** Built with `vpn.enabled`; clouds without a platform network (kubernetes) never get it (config refuses). */
    vpn(ctx: AdapterContext, spec: VpnSpec, deps: DataDeps): AdapterResult<VpnOutputs>;
    /** Built with logical backups on. */
    backups(ctx: AdapterContext, spec: LogicalBackupSpec, deps: ObservabilityDeps): AdapterResult<BackupsOutputs>;
    /** Built with `drRegion`, last: it copies what the others made. */
    disasterRecovery(ctx: AdapterContext, spec: DisasterRecoverySpec, deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs>;
}

/** Thrown for a cloud whose adapter is not available, before any resource is registered. */
export class UnsupportedCloudError extends pulumi.RunError {}
