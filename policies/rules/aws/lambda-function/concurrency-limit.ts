import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { LAMBDA_FUNCTION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lambda-function-concurrency-limit",
    description: "Lambda functions reserve a concurrency limit, so a runaway caller cannot exhaust the account's concurrency (Checkov CKV_AWS_115).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [LAMBDA_FUNCTION],
    requires: "`reservedConcurrentExecutions` set (0 or more)",
    validateResource: validateTypes([LAMBDA_FUNCTION], (props, _args, report) => {
        const reserved = read(() => props.reservedConcurrentExecutions);
        if (!isSet(reserved) || reserved === -1) {
            report("reservedConcurrentExecutions is not set: the function shares the account's unreserved concurrency without a limit.");
        }
    }),
};
