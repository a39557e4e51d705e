import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, read } from "../../../lib/values";
import { LAMBDA_PERMISSION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-lambda-permission-source-scoped",
    description: "A Lambda permission for an AWS service names the source account or resource, so the service cannot invoke the function on another account's behalf (confused deputy; Checkov CKV_AWS_364).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [LAMBDA_PERMISSION],
    requires: "`sourceAccount` or `sourceArn` when `principal` is a service (`*.amazonaws.com`)",
    validateResource: validateTypes([LAMBDA_PERMISSION], (props, _args, report) => {
        const principal = read(() => props.principal);
        if (principal === "*") {
            report('principal is "*": anyone may invoke the function.');
            return;
        }
        if (typeof principal === "string" && principal.endsWith(".amazonaws.com") && !isSet(read(() => props.sourceAccount)) && !isSet(read(() => props.sourceArn))) {
            report(`${principal} may invoke the function for any account: set sourceAccount or sourceArn.`);
        }
    }),
};
