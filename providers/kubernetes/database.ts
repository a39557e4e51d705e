// Placeholder: replaced by the database of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DataDeps, DatabaseOutputs } from "../adapter";
import { DatabaseSpec } from "../../tiers/types";

export function createDatabase(ctx: AdapterContext, _spec: DatabaseSpec, _deps: DataDeps): AdapterResult<DatabaseOutputs> {
    void ctx;
    return { outputs: { host: pulumi.output(""), port: pulumi.output(5432), database: pulumi.output(""), username: pulumi.output(""), passwordSecretRef: pulumi.output(""), readReplicaHosts: pulumi.output([]) }, native: {} };
}
