import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue } from "../../../lib/values";
import { LOAD_BALANCERS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-load-balancer-access-logs",
    description: "Load balancers write access logs to an S3 bucket (Checkov CKV_AWS_91).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: LOAD_BALANCERS,
    requires: "`accessLogs: { enabled: true, bucket }`",
    validateResource: validateTypes(LOAD_BALANCERS, (props, _args, report) => {
        if (!isTrue(at(props, "accessLogs.enabled")) || !isSet(at(props, "accessLogs.bucket"))) {
            report("accessLogs is not enabled with a bucket: requests that reached the platform leave no record.");
        }
    }),
};
