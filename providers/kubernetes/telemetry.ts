import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, TelemetryOutputs } from "../adapter";
import { PlatformSpec, TelemetrySpec } from "../../tiers/types";
import { monitoringNamespaceName } from "./names";

/** The in-cluster OpenTelemetry collector the services send traces to (OTLP over HTTP). */
export function collectorEndpoint(platform: PlatformSpec): string {
    return `http://otel-collector.${monitoringNamespaceName(platform.name)}.svc:${platform.telemetry.tracing.otlpHttpPort}`;
}

// SKELETON: replaced by the cloud's managed Prometheus, Grafana and tracing export.
export function createTelemetry(_ctx: AdapterContext, _spec: TelemetrySpec, _deps: DataDeps): AdapterResult<TelemetryOutputs> {
    return { outputs: { metricsEndpoint: pulumi.output(""), grafanaUrl: pulumi.output(""), tracesDestination: pulumi.output("") }, native: {} };
}
