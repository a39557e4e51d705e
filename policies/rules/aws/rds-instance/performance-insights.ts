import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isTrue, read } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-performance-insights",
    description: "RDS instances have Performance Insights on, encrypted with a customer-managed key since it records query text (Checkov CKV_AWS_353, CKV_AWS_354).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [RDS_INSTANCE],
    requires: "`performanceInsightsEnabled: true` and `performanceInsightsKmsKeyId`",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        if (!isTrue(props.performanceInsightsEnabled)) {
            report("performanceInsightsEnabled is not true: there is no record of which queries load the database.");
        } else if (!isSet(read(() => props.performanceInsightsKmsKeyId))) {
            report("performanceInsightsKmsKeyId is not set: captured query text is encrypted with the AWS managed key, not the platform's.");
        }
    }),
};
