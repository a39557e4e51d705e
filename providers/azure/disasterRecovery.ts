import * as pulumi from "@pulumi/pulumi";
import { AdapterContext, AdapterResult, DisasterRecoveryOutputs, RecoveryDeps } from "../adapter";
import { DisasterRecoverySpec } from "../../tiers/types";

// SKELETON: replaced by the cloud's cross-region copies.
export function createDisasterRecovery(_ctx: AdapterContext, spec: DisasterRecoverySpec, _deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs> {
    return { outputs: { region: pulumi.output(spec.region), bucketName: pulumi.output(""), promises: pulumi.output([]) }, native: {} };
}
