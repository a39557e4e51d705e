import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";

export function createCache(_ctx: AdapterContext, _spec: CacheSpec, _deps: DataDeps): AdapterResult<CacheOutputs> {
    throw new Error("not implemented");
}
