// Placeholder until the gcp network is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { NetworkSpec } from "../../tiers/types";

export function createNetwork(_ctx: AdapterContext, _spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    return { outputs: {} as NetworkOutputs, native: pulumi.output(undefined) };
}
