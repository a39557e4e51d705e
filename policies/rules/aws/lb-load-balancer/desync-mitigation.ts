import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { read } from "../../../lib/values";
import { LOAD_BALANCERS } from "../types";
import { isApplication } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-load-balancer-desync-mitigation",
    description: "Application load balancers mitigate HTTP desync in defensive or strictest mode (Checkov CKV_AWS_328).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: LOAD_BALANCERS,
    requires: "`desyncMitigationMode` unset (defensive), `defensive` or `strictest`",
    validateResource: validateTypes(LOAD_BALANCERS, (props, _args, report) => {
        const mode = read(() => props.desyncMitigationMode);
        if (isApplication(props) && mode !== undefined && mode !== "defensive" && mode !== "strictest") {
            report(`desyncMitigationMode is ${JSON.stringify(mode)}: ambiguous requests are forwarded, enabling request smuggling.`);
        }
    }),
};
