import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isFalse, isUnknown, read } from "../../../lib/values";
import { METRIC_ALERT, SCHEDULED_QUERY_RULE } from "../types";

const TYPES = [METRIC_ALERT, SCHEDULED_QUERY_RULE];

export const policy: PlatformResourcePolicy = {
    name: "azure-metric-alert-actions-enabled",
    description: "Metric and log alerts are enabled and notify an action group when they fire (no Azure Checkov check; counterpart of Checkov CKV_AWS_319).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "`enabled` not `false`; MetricAlert `actions[].actionGroupId` or ScheduledQueryRule `actions.actionGroups` non-empty",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (isFalse(read(() => props.enabled))) {
            report("enabled is false: the alert never fires.");
            return;
        }
        const groups = args.type === METRIC_ALERT ? asArray(read(() => props.actions)).map((action) => at(action, "actionGroupId")) : asArray(at(props, "actions.actionGroups"));
        if (groups.some(isUnknown)) {
            return;
        }
        if (groups.filter((group) => typeof group === "string" && group !== "").length === 0) {
            report("the alert has no action group: it fires and nobody is told.");
        }
    }),
};
