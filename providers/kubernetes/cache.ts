// Placeholder: replaced by the cache of an existing cluster.
import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, CacheOutputs, DataDeps } from "../adapter";
import { CacheSpec } from "../../tiers/types";

export function createCache(ctx: AdapterContext, _spec: CacheSpec, _deps: DataDeps): AdapterResult<CacheOutputs> {
    void ctx;
    return { outputs: { host: pulumi.output(""), port: pulumi.output(6379), tls: pulumi.output(true), authSecretRef: pulumi.output("") }, native: {} };
}
