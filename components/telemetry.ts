import * as pulumi from "@pulumi/pulumi";
import { CloudAdapter, TelemetryOutputs, DataDeps } from "../providers/adapter";
import { PlatformSpec, TelemetrySpec } from "../tiers/types";
import { PlatformComponent } from "./base";

export interface TelemetryArgs {
    platform: PlatformSpec;
    spec: TelemetrySpec;
    adapter: CloudAdapter;
    deps: DataDeps;
}

/** Managed Prometheus and Grafana and the tracing service; every instance's collector exports to them. */
export class Telemetry extends PlatformComponent<TelemetryOutputs> {
    constructor(name: string, args: TelemetryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("Telemetry", name, args.platform, (ctx) => args.adapter.telemetry(ctx, args.spec, args.deps), opts);
    }
}
