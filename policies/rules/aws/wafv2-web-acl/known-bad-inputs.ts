import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { WEB_ACL } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-wafv2-web-acl-known-bad-inputs",
    description: "WAF web ACLs include AWS's known-bad-inputs managed rule group, which blocks Log4Shell payloads (Checkov CKV_AWS_192).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [WEB_ACL],
    requires: "a rule using the managed rule group `AWSManagedRulesKnownBadInputsRuleSet`",
    validateResource: validateTypes([WEB_ACL], (props, _args, report) => {
        const rules = read(() => props.rules);
        const json = read(() => props.ruleJson);
        if (isUnknown(rules) || isUnknown(json)) {
            return;
        }
        if (!`${JSON.stringify(rules ?? [])}${typeof json === "string" ? json : ""}`.includes("AWSManagedRulesKnownBadInputsRuleSet")) {
            report("no rule uses AWSManagedRulesKnownBadInputsRuleSet: Log4j (CVE-2021-44228) and similar payloads are not blocked.");
        }
    }),
};
