import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown } from "../../../lib/values";
import { SECURITY_POLICY } from "../types";
import { armorRules, blocksSet } from "./shared";

const SETS: Record<string, string> = { sqli: "SQL injection", xss: "cross-site scripting" };

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-security-policy-owasp-rules",
    description: "Cloud Armor policies block SQL injection and cross-site scripting with Google's preconfigured WAF rules, the counterpart of AWS's managed rule groups (CIS Controls v8 13.10; the GCP counterpart of CKV_AWS_175).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SECURITY_POLICY],
    requires: "enforced `deny(...)` rules evaluating the preconfigured `sqli-*` and `xss-*` rule sets (not in preview)",
    validateResource: validateTypes([SECURITY_POLICY], (props, _args, report) => {
        const rules = armorRules(props);
        if (isUnknown(rules)) {
            return;
        }
        for (const [set, attack] of Object.entries(SETS)) {
            if (!blocksSet(rules, set)) {
                report(`no enforced deny rule evaluates the preconfigured ${set} rule set: ${attack} reaches the app.`);
            }
        }
    }),
};
