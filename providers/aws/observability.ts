import { AdapterContext, AdapterResult, ObservabilityOutputs, ObservabilityDeps } from "../adapter";
import { ObservabilitySpec } from "../../tiers/types";

export function createObservability(_ctx: AdapterContext, _spec: ObservabilitySpec, _deps: ObservabilityDeps): AdapterResult<ObservabilityOutputs> {
    throw new Error("not implemented");
}
