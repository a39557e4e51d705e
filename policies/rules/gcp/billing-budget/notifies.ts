import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isTrue, isUnknown, read } from "../../../lib/values";
import { BUDGET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-billing-budget-notifies",
    description: "The project's budget has threshold rules and notifies the platform's alert channel when spending crosses them (LMS requirements, Cost Monitoring: no Checkov or CIS check exists for cost).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [BUDGET],
    requires: "at least one `thresholdRules` entry and `allUpdatesRule.monitoringNotificationChannels` (or `pubsubTopic`)",
    validateResource: validateTypes([BUDGET], (props, _args, report) => {
        const thresholds = read(() => props.thresholdRules);
        const channels = at(props, "allUpdatesRule.monitoringNotificationChannels");
        const topic = at(props, "allUpdatesRule.pubsubTopic");
        if (isUnknown(thresholds) || isUnknown(channels) || isUnknown(topic)) {
            return;
        }
        if (asArray(thresholds).length === 0) {
            report("thresholdRules is empty: the budget never alerts.");
        }
        if (asArray(channels).length === 0 && !topic) {
            const note = isTrue(at(props, "allUpdatesRule.disableDefaultIamRecipients")) ? " and the billing admins are switched off" : "; only the billing account's admins hear of it";
            report(`allUpdatesRule names no monitoring channel or topic${note}.`);
        }
    }),
};
