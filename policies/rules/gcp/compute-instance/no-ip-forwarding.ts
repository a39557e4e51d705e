import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, read } from "../../../lib/values";
import { VM_TYPES } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-no-ip-forwarding",
    description: "VMs do not forward packets for other addresses, so none can act as a router around the firewall (Checkov CKV_GCP_36, CIS GCP 4.6).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: VM_TYPES,
    requires: "`canIpForward` unset or `false`",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        if (isTrue(read(() => props.canIpForward))) {
            report("canIpForward is true: the VM can send and receive traffic for addresses that are not its own.");
        }
    }),
};
