import { AdapterContext, AdapterResult, DataDeps, VpnOutputs } from "../adapter";
import { VpnSpec } from "../../tiers/types";

/** The config check refuses `vpn` on cloud kubernetes: the cluster's network is not the platform's. */
export function createVpn(_ctx: AdapterContext, _spec: VpnSpec, _deps: DataDeps): AdapterResult<VpnOutputs> {
    throw new Error("vpn is not available on cloud kubernetes (the config check refuses it)");
}
