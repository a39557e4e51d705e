import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown } from "../../../lib/values";
import { SECURITY_POLICY } from "../types";
import { armorRules } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-security-policy-rate-limit",
    description: "Cloud Armor policies throttle or ban clients that exceed a request rate, the per-IP limit of the platform's WAF (CIS Controls v8 13.10; the GCP counterpart of CKV_AWS_175).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SECURITY_POLICY],
    requires: "an enforced rule with `action` `rate_based_ban` or `throttle`",
    validateResource: validateTypes([SECURITY_POLICY], (props, _args, report) => {
        const rules = armorRules(props);
        if (isUnknown(rules)) {
            return;
        }
        if (!rules.some((rule) => !rule.preview && (rule.action === "rate_based_ban" || rule.action === "throttle"))) {
            report("no enforced rate_based_ban or throttle rule: one client can flood the app and its login endpoint.");
        }
    }),
};
