import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isSet, isUnknown, read } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-enhanced-monitoring",
    description: "RDS instances publish enhanced (OS-level) monitoring through a monitoring role (Checkov CKV_AWS_118).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [RDS_INSTANCE],
    requires: "`monitoringInterval` > 0 and `monitoringRoleArn`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        const interval = read(() => props.monitoringInterval);
        if (isUnknown(interval)) {
            return;
        }
        if ((asNumber(interval) ?? 0) <= 0) {
            report("monitoringInterval is 0 or unset: no OS metrics (memory, swap, processes) for the database host.");
        } else if (!isSet(read(() => props.monitoringRoleArn))) {
            report("monitoringRoleArn is not set: RDS cannot publish the enhanced monitoring metrics.");
        }
    }),
};
