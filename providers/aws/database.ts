import { AdapterContext, AdapterResult, DatabaseOutputs, DataDeps } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";

export function createDatabase(_ctx: AdapterContext, _spec: DatabaseSpec, _deps: DataDeps): AdapterResult<DatabaseOutputs> {
    throw new Error("not implemented");
}
