import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isUnknown, read } from "../../../lib/values";
import { SUBNETWORK } from "../types";

/** Proxy-only and Private Service Connect subnets carry no VM traffic and take no flow logs. */
const NO_VM_PURPOSES = ["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-subnetwork-flow-logs",
    description: "Every subnetwork records its traffic in VPC flow logs (Checkov CKV_GCP_26, CIS GCP 3.8).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SUBNETWORK],
    requires: "`logConfig` set, with `flowSampling` above 0 when given (proxy-only and PSC subnets exempt)",
    validateResource: validateTypes([SUBNETWORK], (props, _args, report) => {
        const purpose = read(() => props.purpose);
        if (typeof purpose === "string" && NO_VM_PURPOSES.includes(purpose)) {
            return;
        }
        const config = read(() => props.logConfig);
        if (isUnknown(config)) {
            return;
        }
        if (config === undefined || config === null) {
            report("logConfig is not set: the subnetwork keeps no flow logs, so connections to and from its VMs cannot be investigated.");
            return;
        }
        const sampling = asNumber(at(props, "logConfig.flowSampling"));
        if (sampling !== undefined && sampling <= 0) {
            report(`logConfig.flowSampling is ${sampling}: no flow is recorded.`);
        }
    }),
};
