import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { LOAD_BALANCERS } from "../types";
import { isApplication } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-load-balancer-drop-invalid-headers",
    description: "Application load balancers drop requests with invalid HTTP header fields, a request smuggling vector (Checkov CKV_AWS_131).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: LOAD_BALANCERS,
    requires: "`dropInvalidHeaderFields: true` on application load balancers",
    validateResource: validateTypes(LOAD_BALANCERS, (props, _args, report) => {
        if (isApplication(props) && !isTrue(props.dropInvalidHeaderFields)) {
            report("dropInvalidHeaderFields is not true: malformed headers reach the app.");
        }
    }),
};
