import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult } from "../providers/adapter";
import { PlatformSpec } from "../tiers/types";

/**
 * What the six platform components share: a type token, a name, children parented to the
 * component, and outputs registered with the same shape on every cloud. The component itself
 * passes no inputs to `super` because Pulumi stores component inputs in state and the specs
 * carry nothing the state needs.
 */
export abstract class PlatformComponent<O extends object> extends pulumi.ComponentResource {
    public readonly outputs: O;
    public readonly result: AdapterResult<O>;

    protected constructor(
        componentType: string,
        name: string,
        platform: PlatformSpec,
        build: (ctx: AdapterContext) => AdapterResult<O>,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super(`platform:index:${componentType}`, name, {}, opts);
        this.result = build({ parent: this, name, platform });
        this.outputs = this.result.outputs;
        this.registerOutputs(this.outputs as unknown as pulumi.Inputs);
    }
}
