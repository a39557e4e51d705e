import { statementsOf } from "../../../lib/iam";
import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { IAM_ROLE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-iam-role-trust-not-public",
    description: "IAM roles can be assumed only by named services or principals, never by anyone (Checkov CKV_AWS_60).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [IAM_ROLE],
    requires: "no `assumeRolePolicy` statement allowing `Principal: \"*\"` without `Condition`",
    validateResource: validateTypes([IAM_ROLE], (props, _args, report) => {
        const document = read(() => props.assumeRolePolicy);
        if (isUnknown(document)) {
            return;
        }
        (statementsOf(document) ?? []).forEach((statement, index) => {
            if (statement.effect === "Allow" && statement.principals.includes("*") && !statement.hasCondition) {
                report(`assumeRolePolicy statement ${index} lets any AWS principal assume the role and use its permissions.`);
            }
        });
    }),
};
