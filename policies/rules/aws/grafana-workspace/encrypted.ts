import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { GRAFANA_WORKSPACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-grafana-workspace-encrypted",
    description: "Managed Grafana workspaces encrypt their dashboards and settings with a customer-managed KMS key (LMS requirements, Monitoring Infrastructure: no Checkov or CIS check exists for Managed Grafana).",
    enforcementLevel: "mandatory",
    severity: "low",
    category: "data-protection",
    resourceTypes: [GRAFANA_WORKSPACE],
    requires: "`kmsKeyId` set to a customer-managed key",
    validateResource: validateTypes([GRAFANA_WORKSPACE], (props, _args, report) => {
        const key = read(() => props.kmsKeyId);
        if (!isUnknown(key) && !isSet(key)) {
            report("kmsKeyId is not set: the workspace's data is encrypted with an AWS-owned key.");
        }
    }),
};
