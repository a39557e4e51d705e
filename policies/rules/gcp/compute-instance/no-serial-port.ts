import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { VM_TYPES } from "../types";
import { metadataFlag } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-no-serial-port",
    description: "VMs keep the interactive serial console off; it accepts connections from any address and bypasses the firewall (Checkov CKV_GCP_35, CIS GCP 4.5).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`metadata[\"serial-port-enable\"]` unset or FALSE",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        if (metadataFlag(props, "serial-port-enable") === true) {
            report('metadata["serial-port-enable"] is TRUE: the serial console is reachable from any address, outside the firewall rules.');
        }
    }),
};
