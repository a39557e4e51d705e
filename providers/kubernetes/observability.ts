// Placeholder: replaced by the observability of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, ObservabilityDeps, ObservabilityOutputs } from "../adapter";
import { ObservabilitySpec } from "../../tiers/types";

export function createObservability(ctx: AdapterContext, _spec: ObservabilitySpec, _deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    void ctx;
    return { outputs: { alertTarget: pulumi.output(""), logGroups: pulumi.output([]), dashboards: pulumi.output([]) }, native: {} };
}
