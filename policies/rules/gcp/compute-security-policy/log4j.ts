import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown } from "../../../lib/values";
import { SECURITY_POLICY } from "../types";
import { armorRules, blocksSet } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-security-policy-log4j",
    description: "Cloud Armor policies block Log4Shell (CVE-2021-44228) payloads with the preconfigured cve-canary rule set (Checkov CKV_GCP_73).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SECURITY_POLICY],
    requires: "an enforced `deny(...)` rule evaluating `cve-canary` (e.g. `evaluatePreconfiguredWaf('cve-canary')`)",
    validateResource: validateTypes([SECURITY_POLICY], (props, _args, report) => {
        const rules = armorRules(props);
        if (!isUnknown(rules) && !blocksSet(rules, "cve-canary")) {
            report("no enforced deny rule evaluates the preconfigured cve-canary rule set: Log4j (CVE-2021-44228) lookups reach the app.");
        }
    }),
};
