import { AdapterContext, AdapterResult, ObjectStoreOutputs, DataDeps } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";

export function createObjectStore(_ctx: AdapterContext, _spec: ObjectStoreSpec, _deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    throw new Error("not implemented");
}
