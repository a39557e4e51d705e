import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown, read } from "../../../lib/values";
import { AMP_WORKSPACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-amp-workspace-logging",
    description: "Managed Prometheus workspaces send their rule-evaluation and ingestion errors to a CloudWatch log group, so dropped samples and failing rules are seen (LMS requirements, Monitoring Infrastructure: no Checkov or CIS check exists for Managed Prometheus).",
    enforcementLevel: "mandatory",
    severity: "low",
    category: "reliability",
    resourceTypes: [AMP_WORKSPACE],
    requires: "`loggingConfiguration: { logGroupArn }`",
    validateResource: validateTypes([AMP_WORKSPACE], (props, _args, report) => {
        const logging = read(() => props.loggingConfiguration);
        if (isUnknown(logging)) {
            return;
        }
        if (!isSet(at(logging, "logGroupArn"))) {
            report("loggingConfiguration.logGroupArn is not set: throttled remote writes and failing rules go unnoticed.");
        }
    }),
};
