import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, SearchOutputs } from "../adapter";
import { SearchSpec } from "../../tiers/types";

// SKELETON: replaced by the cloud's search cluster.
export function createSearch(_ctx: AdapterContext, _spec: SearchSpec, _deps: DataDeps): AdapterResult<SearchOutputs> {
    return { outputs: { endpoint: pulumi.output(""), dashboardsUrl: pulumi.output(""), port: pulumi.output(443) }, native: {} };
}
