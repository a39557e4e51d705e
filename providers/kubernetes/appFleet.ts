// Placeholder: replaced by the appFleet of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec } from "../../tiers/types";

export function createAppFleet(ctx: AdapterContext, _spec: AppFleetSpec, _deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    void ctx;
    return { outputs: { url: pulumi.output(""), loadBalancerHost: pulumi.output(""), services: pulumi.output([]) }, native: {} };
}
