// Placeholder until the azure appFleet is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, AppFleetDeps, AppFleetOutputs } from "../adapter";
import { AppFleetSpec } from "../../tiers/types";

export function createAppFleet(_ctx: AdapterContext, _spec: AppFleetSpec, _deps: AppFleetDeps): AdapterResult<AppFleetOutputs> {
    return { outputs: {} as AppFleetOutputs, native: pulumi.output(undefined) };
}
