import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { AMP_WORKSPACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-amp-workspace-encrypted",
    description: "Managed Prometheus workspaces encrypt their samples with a customer-managed KMS key, so access to the metrics follows the key policy (LMS requirements, Monitoring Infrastructure: no Checkov or CIS check exists for Managed Prometheus).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [AMP_WORKSPACE],
    requires: "`kmsKeyArn` set to a customer-managed key",
    validateResource: validateTypes([AMP_WORKSPACE], (props, _args, report) => {
        const key = read(() => props.kmsKeyArn);
        if (!isUnknown(key) && !isSet(key)) {
            report("kmsKeyArn is not set: the samples are encrypted with an AWS-owned key no key policy controls.");
        }
    }),
};
