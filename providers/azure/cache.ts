// Placeholder until the azure cache is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, CacheOutputs } from "../adapter";
import { CacheSpec } from "../../tiers/types";

export function createCache(_ctx: AdapterContext, _spec: CacheSpec, _deps: DataDeps): AdapterResult<CacheOutputs> {
    return { outputs: {} as CacheOutputs, native: pulumi.output(undefined) };
}
