import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { EKS_CLUSTER } from "../types";

const REQUIRED = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-control-plane-logging",
    description: "EKS clusters ship every control-plane log type (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs (Checkov CKV_AWS_37; FSBP EKS.8).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [EKS_CLUSTER],
    requires: "`enabledClusterLogTypes` includes api, audit, authenticator, controllerManager and scheduler",
    validateResource: validateTypes([EKS_CLUSTER], (props, _args, report) => {
        const types = read(() => props.enabledClusterLogTypes);
        if (isUnknown(types)) {
            return;
        }
        const missing = REQUIRED.filter((type) => !asArray(types).includes(type));
        if (missing.length > 0) {
            report(`enabledClusterLogTypes lacks ${missing.join(", ")}: who did what to the cluster leaves no trace.`);
        }
    }),
};
