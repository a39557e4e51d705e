import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { WAF_POLICY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-web-application-firewall-policy-prevention-mode",
    description: "WAF policies are enabled and block what they detect: Prevention mode, not Detection (Checkov CKV_AZURE_122).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [WAF_POLICY],
    requires: '`policySettings.state` not `"Disabled"`, `policySettings.mode: "Prevention"`',
    validateResource: validateTypes([WAF_POLICY], (props, _args, report) => {
        const state = at(props, "policySettings.state");
        const mode = at(props, "policySettings.mode");
        if (state === "Disabled") {
            report("policySettings.state is Disabled: the WAF inspects nothing.");
        }
        if (!isUnknown(mode) && mode !== "Prevention") {
            report(`policySettings.mode is ${mode === undefined ? "not set (Detection)" : JSON.stringify(mode)}: attacks are logged, not blocked.`);
        }
    }),
};
