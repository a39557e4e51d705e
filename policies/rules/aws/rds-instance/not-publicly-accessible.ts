import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-not-publicly-accessible",
    description: "RDS instances are never reachable from the internet (Checkov CKV_AWS_17, CIS AWS 2.3.3).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [RDS_INSTANCE],
    requires: "`publiclyAccessible` unset or `false`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        if (isTrue(props.publiclyAccessible)) {
            report("publiclyAccessible is true: the database gets a public address; keep it in the data subnets only.");
        }
    }),
};
