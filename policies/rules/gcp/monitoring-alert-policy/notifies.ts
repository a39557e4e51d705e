import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isFalse, isUnknown, read } from "../../../lib/values";
import { ALERT_POLICY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-monitoring-alert-policy-notifies",
    description: "Alert policies are enabled and notify a channel when they fire (the GCP counterpart of CKV_AWS_319).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [ALERT_POLICY],
    requires: "`enabled` not `false` and at least one `notificationChannels` entry",
    validateResource: validateTypes([ALERT_POLICY], (props, _args, report) => {
        if (isFalse(read(() => props.enabled))) {
            report("enabled is false: the condition is never evaluated.");
            return;
        }
        const channels = read(() => props.notificationChannels);
        if (!isUnknown(channels) && asArray(channels).length === 0) {
            report("notificationChannels is empty: the alert fires and nobody is told.");
        }
    }),
};
