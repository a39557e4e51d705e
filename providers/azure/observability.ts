// Placeholder until the azure observability is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { ObservabilitySpec } from "../../tiers/types";

export function createObservability(_ctx: AdapterContext, _spec: ObservabilitySpec, _deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    return { outputs: {} as ObservabilityOutputs, native: pulumi.output(undefined) };
}
