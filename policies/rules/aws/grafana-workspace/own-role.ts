import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { GRAFANA_WORKSPACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-grafana-workspace-own-role",
    description:
        "Managed Grafana workspaces read this account only, through a role the stack defines (CUSTOMER_MANAGED): its policy is reviewed with the stack instead of the broad managed policies the console attaches (LMS requirements, Monitoring Infrastructure: no Checkov or CIS check exists for Managed Grafana).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [GRAFANA_WORKSPACE],
    requires: "`accountAccessType: \"CURRENT_ACCOUNT\"`, `permissionType: \"CUSTOMER_MANAGED\"` and `roleArn`",
    validateResource: validateTypes([GRAFANA_WORKSPACE], (props, _args, report) => {
        const access = read(() => props.accountAccessType);
        if (!isUnknown(access) && access !== "CURRENT_ACCOUNT") {
            report(`accountAccessType is ${JSON.stringify(access)}: the workspace may read other accounts of the organization.`);
        }
        const permission = read(() => props.permissionType);
        if (!isUnknown(permission) && permission !== "CUSTOMER_MANAGED") {
            report(`permissionType is ${JSON.stringify(permission)}: AWS manages the workspace's role and its policies, not the stack.`);
        }
        const role = read(() => props.roleArn);
        if (!isUnknown(role) && !isSet(role)) {
            report("roleArn is not set: the workspace has no role of the stack's to read its data sources with.");
        }
    }),
};
