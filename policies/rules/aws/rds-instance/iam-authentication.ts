import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-iam-authentication",
    description: "RDS instances accept IAM database authentication so people and services need no long-lived passwords (Checkov CKV_AWS_161).",
    enforcementLevel: "advisory",
    severity: "medium",
    category: "hygiene",
    resourceTypes: [RDS_INSTANCE],
    requires: "`iamDatabaseAuthenticationEnabled: true`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        if (!isTrue(props.iamDatabaseAuthenticationEnabled)) {
            report("iamDatabaseAuthenticationEnabled is not true: every client needs a static password.");
        }
    }),
};
