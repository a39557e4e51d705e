import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { EKS_NODE_GROUP } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-eks-node-group-no-remote-access",
    description: "Managed node groups open no SSH: no remoteAccess key pair or source security groups; operators use Session Manager (Checkov CKV_AWS_100).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [EKS_NODE_GROUP],
    requires: "`remoteAccess` unset",
    validateResource: validateTypes([EKS_NODE_GROUP], (props, _args, report) => {
        if (isSet(read(() => props.remoteAccess))) {
            report("remoteAccess is set: EKS opens SSH (port 22) on every node, from anywhere unless sourceSecurityGroupIds narrows it.");
        }
    }),
};
