import { AdapterContext, AdapterResult, AppFleetOutputs, AppFleetDeps } from "../adapter";
import { AppFleetSpec } from "../../tiers/types";

export function createAppFleet(_ctx: AdapterContext, _spec: AppFleetSpec, _deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    throw new Error("not implemented");
}
