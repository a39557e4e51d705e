import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isFalse, isSet, isTrue, isUnknown, read } from "../../../lib/values";
import { FIREWALL } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-firewall-logging",
    description: "Every VPC firewall rule logs the connections it allows or denies, the GCP form of flow logs for rejected traffic (CIS Controls v8 8.2; the firewall counterpart of CKV_GCP_26).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [FIREWALL],
    requires: "`logConfig.metadata` set (INCLUDE_ALL_METADATA or EXCLUDE_ALL_METADATA) and `enableLogging` not `false`",
    validateResource: validateTypes([FIREWALL], (props, _args, report) => {
        const config = read(() => props.logConfig);
        const enabled = read(() => props.enableLogging);
        if (isUnknown(config) || isUnknown(enabled)) {
            return;
        }
        if (isFalse(enabled) || (!isSet(at(props, "logConfig.metadata")) && !isTrue(enabled))) {
            report("the rule does not log: connections it admits or blocks leave no trace for an investigation.");
        }
    }),
};
