// Placeholder until the azure database is built: no resources, empty outputs.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, DatabaseOutputs } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";

export function createDatabase(_ctx: AdapterContext, _spec: DatabaseSpec, _deps: DataDeps): AdapterResult<DatabaseOutputs> {
    return { outputs: {} as DatabaseOutputs, native: pulumi.output(undefined) };
}
