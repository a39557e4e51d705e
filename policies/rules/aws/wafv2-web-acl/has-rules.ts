import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { WEB_ACL } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-wafv2-web-acl-has-rules",
    description: "WAF web ACLs contain rules; an empty ACL with an allow default protects nothing (Checkov CKV_AWS_175).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [WEB_ACL],
    requires: "at least one entry in `rules` (or `ruleJson`)",
    validateResource: validateTypes([WEB_ACL], (props, _args, report) => {
        const rules = read(() => props.rules);
        const json = read(() => props.ruleJson);
        if (isUnknown(rules) || isUnknown(json)) {
            return;
        }
        if (asArray(rules).length === 0 && (typeof json !== "string" || json.trim() === "" || json.trim() === "[]")) {
            report("the web ACL has no rules: every request passes.");
        }
    }),
};
