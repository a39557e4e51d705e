import { ofType, refersTo } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { WAF_LOGGING, WEB_ACL } from "../types";

export const policy: PlatformStackPolicy = {
    name: "aws-wafv2-web-acl-logging",
    description: "Every WAF web ACL has a logging configuration so blocked and counted requests can be investigated (Checkov CKV2_AWS_31).",
    enforcementLevel: "advisory",
    severity: "medium",
    category: "hygiene",
    resourceTypes: [WEB_ACL, WAF_LOGGING],
    requires: "a WebAclLoggingConfiguration whose `resourceArn` is the web ACL",
    validateStack: (args, report) => {
        const configurations = ofType(args.resources, WAF_LOGGING);
        for (const acl of ofType(args.resources, WEB_ACL)) {
            if (!configurations.some((configuration) => refersTo(configuration, "resourceArn", acl))) {
                report(`web ACL "${acl.name}" has no logging configuration: there is no record of what it blocked.`, acl.urn);
            }
        }
    },
};
