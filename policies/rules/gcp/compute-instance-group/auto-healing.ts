import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, isUnknown, read } from "../../../lib/values";
import { INSTANCE_GROUP_MANAGERS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-group-auto-healing",
    description: "Managed instance groups replace VMs whose application stops answering its health check, not only VMs that stop running (the GCP counterpart of CKV2_AWS_15).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: INSTANCE_GROUP_MANAGERS,
    requires: "`autoHealingPolicies.healthCheck` set",
    validateResource: validateTypes(INSTANCE_GROUP_MANAGERS, (props, _args, report) => {
        const policies = read(() => props.autoHealingPolicies);
        if (isUnknown(policies)) {
            return;
        }
        const healthChecks = asArray(policies).map((entry) => asRecord(entry)?.healthCheck);
        if (!healthChecks.some((check) => isUnknown(check) || isSet(check))) {
            report("autoHealingPolicies has no healthCheck: a VM whose app hangs stays in service as long as the VM runs.");
        }
    }),
};
