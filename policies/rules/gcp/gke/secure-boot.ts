import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, at, isFalse, isTrue, isUnknown } from "../../../lib/values";
import { GKE_NODE_POOL } from "../types";

const TYPES = [GKE_NODE_POOL];

export const policy: PlatformResourcePolicy = {
    name: "gcp-gke-secure-boot",
    description: "Node pools boot with Secure Boot and integrity monitoring, so unsigned kernels and boot-level rootkits are refused or reported (Checkov CKV_GCP_68, CKV_GCP_72, CIS GKE 5.5.6, 5.5.7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`nodeConfig.shieldedInstanceConfig.enableSecureBoot: true` and `enableIntegrityMonitoring` not false",
    validateResource: validateTypes(TYPES, (props, _args, report) => {
        const config = at(props, "nodeConfig.shieldedInstanceConfig");
        if (isUnknown(config)) {
            return;
        }
        const shielded = asRecord(config) ?? {};
        if (!isTrue(shielded.enableSecureBoot)) {
            report("nodeConfig.shieldedInstanceConfig.enableSecureBoot is not true (GKE's default is false): unsigned boot components would load.");
        }
        if (isFalse(shielded.enableIntegrityMonitoring)) {
            report("nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring is false: boot integrity is not reported.");
        }
    }),
};
