import { AdapterContext, AdapterResult, DisasterRecoveryOutputs, RecoveryDeps } from "../adapter";
import { DisasterRecoverySpec } from "../../tiers/types";

/** The config check refuses `drRegion` on cloud kubernetes: an existing cluster has no regions to copy to. */
export function createDisasterRecovery(_ctx: AdapterContext, _spec: DisasterRecoverySpec, _deps: RecoveryDeps): AdapterResult<DisasterRecoveryOutputs> {
    throw new Error("drRegion is not available on cloud kubernetes (the config check refuses it)");
}
