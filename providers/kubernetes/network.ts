// Placeholder: replaced by the network of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, NetworkOutputs } from "../adapter";
import { NetworkSpec } from "../../tiers/types";

export function createNetwork(ctx: AdapterContext, _spec: NetworkSpec): AdapterResult<NetworkOutputs> {
    void ctx;
    return { outputs: { networkId: pulumi.output(""), zones: pulumi.output([]), publicSubnetIds: pulumi.output([]), appSubnetIds: pulumi.output([]), dataSubnetIds: pulumi.output([]) }, native: {} };
}
