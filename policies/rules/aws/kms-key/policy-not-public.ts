import { statementsOf } from "../../../lib/iam";
import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { KMS_KEY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-kms-key-policy-not-public",
    description: "KMS key policies are written by the program, keep the lockout safety check and never allow an anonymous principal without a condition (Checkov CKV_AWS_33, CKV2_AWS_64).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [KMS_KEY],
    requires: "`policy` set, no `Allow` to `Principal: \"*\"` without `Condition`, `bypassPolicyLockoutSafetyCheck` not `true`",
    validateResource: validateTypes([KMS_KEY], (props, _args, report) => {
        if (isTrue(read(() => props.bypassPolicyLockoutSafetyCheck))) {
            report("bypassPolicyLockoutSafetyCheck is true: a bad key policy can lock the account out of the key and its data.");
        }
        const document = read(() => props.policy);
        if (isUnknown(document)) {
            return;
        }
        const statements = statementsOf(document);
        if (!statements) {
            report("policy is not set: the key falls back to AWS's default policy instead of naming who may use it.");
            return;
        }
        statements.forEach((statement, index) => {
            if (statement.effect === "Allow" && statement.principals.includes("*") && !statement.hasCondition) {
                report(`statement ${index} allows any principal to use the key: anyone can decrypt the data it protects.`);
            }
        });
    }),
};
