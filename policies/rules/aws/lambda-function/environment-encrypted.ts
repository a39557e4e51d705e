import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { LAMBDA_FUNCTION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lambda-function-environment-encrypted",
    description: "Lambda environment variables are encrypted with a customer-managed KMS key (Checkov CKV_AWS_173).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: [LAMBDA_FUNCTION],
    requires: "`kmsKeyArn` when `environment.variables` is set",
    validateResource: validateTypes([LAMBDA_FUNCTION], (props, _args, report) => {
        const variables = read(() => (props.environment as { variables?: Record<string, unknown> } | undefined)?.variables);
        if (variables && Object.keys(variables).length > 0 && !isSet(read(() => props.kmsKeyArn))) {
            report("environment variables are set but kmsKeyArn is not: they are encrypted with the AWS managed key, outside the platform's key policies.");
        }
    }),
};
