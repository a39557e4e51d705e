import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isFalse } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-auto-minor-version-upgrade",
    description: "RDS instances take minor engine upgrades (security patches) in their maintenance window (Checkov CKV_AWS_226, CIS AWS 2.3.2).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [RDS_INSTANCE],
    requires: "`autoMinorVersionUpgrade` unset or `true`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        if (isFalse(props.autoMinorVersionUpgrade)) {
            report("autoMinorVersionUpgrade is false: engine security patches are never applied.");
        }
    }),
};
