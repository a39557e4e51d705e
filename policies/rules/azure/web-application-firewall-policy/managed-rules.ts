import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, read } from "../../../lib/values";
import { WAF_POLICY } from "../types";

/** The Log4Shell (CVE-2021-44228) rule of the OWASP 3.x and Microsoft default rule sets. */
const LOG4J_RULE = "944240";

function current(ruleSet: Record<string, unknown>): boolean {
    const type = String(read(() => ruleSet.ruleSetType));
    const version = Number.parseFloat(String(read(() => ruleSet.ruleSetVersion)));
    return (type === "OWASP" && version >= 3.1) || (type === "Microsoft_DefaultRuleSet" && version >= 2);
}

export const policy: PlatformResourcePolicy = {
    name: "azure-web-application-firewall-policy-managed-rules",
    description: "WAF policies run a current managed rule set (OWASP 3.1+ or Microsoft default rule set 2.x) covering SQL injection, XSS and Log4Shell, with the Log4j rule left on (Checkov CKV_AZURE_135).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [WAF_POLICY],
    requires: `\`managedRules.managedRuleSets\` with OWASP >= 3.1 or Microsoft_DefaultRuleSet >= 2.0, rule ${LOG4J_RULE} not disabled`,
    validateResource: validateTypes([WAF_POLICY], (props, _args, report) => {
        const sets = asArray(at(props, "managedRules.managedRuleSets")).map((entry) => asRecord(entry) ?? {});
        const good = sets.filter(current);
        if (good.length === 0) {
            report("no managed rule set OWASP >= 3.1 or Microsoft_DefaultRuleSet >= 2.0: SQL injection, XSS and known exploits are not inspected.");
            return;
        }
        for (const set of good) {
            for (const override of asArray(read(() => set.ruleGroupOverrides))) {
                for (const rule of asArray(at(override, "rules"))) {
                    if (String(at(rule, "ruleId")) === LOG4J_RULE && String(at(rule, "state")) === "Disabled") {
                        report(`rule ${LOG4J_RULE} (Log4Shell, CVE-2021-44228) is disabled in ${String(read(() => set.ruleSetType))} ${String(read(() => set.ruleSetVersion))}.`);
                    }
                }
            }
        }
    }),
};
