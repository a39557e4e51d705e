// Placeholder: replaced by the objectStore of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, ObjectStoreOutputs } from "../adapter";
import { ObjectStoreSpec } from "../../tiers/types";

export function createObjectStore(ctx: AdapterContext, _spec: ObjectStoreSpec, _deps: DataDeps): AdapterResult<ObjectStoreOutputs> {
    void ctx;
    return { outputs: { bucketName: pulumi.output(""), url: pulumi.output(""), region: pulumi.output("") }, native: {} };
}
