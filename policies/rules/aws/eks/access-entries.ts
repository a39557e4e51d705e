import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { EKS_CLUSTER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-access-entries",
    description: "EKS clusters grant access with access entries only (authenticationMode API), not the aws-auth ConfigMap, whose edits bypass IAM and CloudTrail (CIS Amazon EKS Benchmark 5.5.1).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [EKS_CLUSTER],
    requires: "`accessConfig.authenticationMode: \"API\"`",
    validateResource: validateTypes([EKS_CLUSTER], (props, _args, report) => {
        const mode = at(props, "accessConfig.authenticationMode");
        if (isUnknown(mode)) {
            return;
        }
        if (mode !== "API") {
            report(`accessConfig.authenticationMode is ${mode === undefined ? "unset (CONFIG_MAP)" : JSON.stringify(mode)}: the aws-auth ConfigMap still grants cluster access.`);
        }
    }),
};
