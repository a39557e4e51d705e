import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isFalse, isUnknown, read } from "../../../lib/values";
import { METRIC_ALARM } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-cloudwatch-metric-alarm-actions-enabled",
    description: "Metric alarms have their actions enabled and notify or act on something when they fire (Checkov CKV_AWS_319).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [METRIC_ALARM],
    requires: "`actionsEnabled` not `false` and at least one `alarmActions` entry",
    validateResource: validateTypes([METRIC_ALARM], (props, _args, report) => {
        if (isFalse(read(() => props.actionsEnabled))) {
            report("actionsEnabled is false: the alarm fires and nobody is told.");
            return;
        }
        const actions = read(() => props.alarmActions);
        if (!isUnknown(actions) && asArray(actions).length === 0) {
            report("alarmActions is empty: the alarm notifies no one and scales nothing.");
        }
    }),
};
