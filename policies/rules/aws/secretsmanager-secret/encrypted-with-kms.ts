import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { SECRET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-secretsmanager-secret-encrypted-with-kms",
    description: "Secrets Manager secrets are encrypted with a customer-managed KMS key (Checkov CKV_AWS_149).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [SECRET],
    requires: "`kmsKeyId`",
    validateResource: validateTypes([SECRET], (props, _args, report) => {
        if (!isSet(read(() => props.kmsKeyId))) {
            report("kmsKeyId is not set: the secret uses the account's aws/secretsmanager key, which every principal with Secrets Manager access can use.");
        }
    }),
};
