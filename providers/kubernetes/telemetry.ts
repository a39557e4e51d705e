import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { TelemetrySpec } from "../../tiers/types";

// SKELETON: replaced by the cloud's managed Prometheus, Grafana and tracing export.
export function createTelemetry(_ctx: AdapterContext, _spec: TelemetrySpec, _deps: DataDeps): AdapterResult<TelemetryOutputs> {
    return { outputs: { metricsEndpoint: pulumi.output(""), grafanaUrl: pulumi.output(""), tracesDestination: pulumi.output("") }, native: {} };
}
