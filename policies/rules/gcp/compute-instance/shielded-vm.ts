import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, isFalse, isTrue, isUnknown, read } from "../../../lib/values";
import { VM_TYPES } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-shielded-vm",
    description: "VMs boot as Shielded VMs: Secure Boot, a virtual TPM and integrity monitoring guard against boot-level malware (Checkov CKV_GCP_39, CIS GCP 4.8).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`shieldedInstanceConfig` with `enableSecureBoot: true` and neither `enableVtpm` nor `enableIntegrityMonitoring` false",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        const config = read(() => props.shieldedInstanceConfig);
        if (isUnknown(config)) {
            return;
        }
        const shielded = asRecord(config) ?? {};
        if (!isTrue(shielded.enableSecureBoot)) {
            report("shieldedInstanceConfig.enableSecureBoot is not true (it defaults to false): unsigned boot components would load.");
        }
        for (const field of ["enableVtpm", "enableIntegrityMonitoring"]) {
            if (isFalse(shielded[field])) {
                report(`shieldedInstanceConfig.${field} is false: boot integrity cannot be measured or reported.`);
            }
        }
    }),
};
