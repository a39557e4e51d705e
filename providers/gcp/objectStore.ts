// Placeholder until the gcp objectStore is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";

export function createObjectStore(_ctx: AdapterContext, _spec: ObjectStoreSpec, _deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    return { outputs: {} as ObjectStoreOutputs, native: pulumi.output(undefined) };
}
