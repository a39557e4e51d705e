import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { ASG } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-autoscaling-group-launch-template",
    description: "Auto Scaling groups launch from a launch template, which carries IMDSv2 and encrypted volumes, not a legacy launch configuration (Checkov CKV_AWS_315).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [ASG],
    requires: "`launchTemplate` or `mixedInstancesPolicy`, no `launchConfiguration`",
    validateResource: validateTypes([ASG], (props, _args, report) => {
        if (isSet(read(() => props.launchConfiguration))) {
            report("launchConfiguration is set: launch configurations are deprecated and lack the launch template's metadata and volume settings.");
        } else if (!isSet(read(() => props.launchTemplate)) && !isSet(read(() => props.mixedInstancesPolicy))) {
            report("neither launchTemplate nor mixedInstancesPolicy is set: the group has no audited instance definition.");
        }
    }),
};
