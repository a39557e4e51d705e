import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { NetworkSpec } from "../../tiers/types";

export function createNetwork(_ctx: AdapterContext, _spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    throw new Error("not implemented");
}
