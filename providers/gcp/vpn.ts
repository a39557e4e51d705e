import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, VpnOutputs } from "../adapter";
import { VpnSpec } from "../../tiers/types";

// SKELETON: replaced by the cloud's VPN gateway and tunnels.
export function createVpn(_ctx: AdapterContext, _spec: VpnSpec, _deps: DataDeps): AdapterResult<VpnOutputs> {
    return { outputs: { gatewayId: pulumi.output(""), tunnelAddresses: pulumi.output([]), presharedKeySecretRef: pulumi.output("") }, native: {} };
}
