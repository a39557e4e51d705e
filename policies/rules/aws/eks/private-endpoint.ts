import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isFalse, isUnknown } from "../../../lib/values";
import { EKS_CLUSTER } from "../types";

const OPEN = ["0.0.0.0/0", "::/0"];

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-private-endpoint",
    description: "The EKS API server is reached on its private endpoint; a public endpoint, if any, admits only listed ranges, never the whole internet (Checkov CKV_AWS_39, CKV_AWS_38; FSBP EKS.1).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "security",
    resourceTypes: [EKS_CLUSTER],
    requires: "`vpcConfig.endpointPrivateAccess: true` and `vpcConfig.endpointPublicAccess: false`, or `publicAccessCidrs` set without 0.0.0.0/0",
    validateResource: validateTypes([EKS_CLUSTER], (props, _args, report) => {
        const publicAccess = at(props, "vpcConfig.endpointPublicAccess");
        const cidrs = at(props, "vpcConfig.publicAccessCidrs");
        if (isUnknown(publicAccess) || isUnknown(cidrs)) {
            return;
        }
        if (at(props, "vpcConfig.endpointPrivateAccess") !== true) {
            report("vpcConfig.endpointPrivateAccess is not true: the nodes reach the API server through the internet.");
        }
        if (isFalse(publicAccess)) {
            return;
        }
        const ranges = asArray(cidrs).map(String);
        if (ranges.length === 0) {
            report("vpcConfig.endpointPublicAccess is not false and publicAccessCidrs is unset: the API server answers the whole internet (EKS defaults to 0.0.0.0/0).");
        } else if (ranges.some((cidr) => OPEN.includes(cidr))) {
            report(`vpcConfig.publicAccessCidrs contains ${ranges.filter((cidr) => OPEN.includes(cidr)).join(", ")}: the API server answers the whole internet.`);
        }
    }),
};
