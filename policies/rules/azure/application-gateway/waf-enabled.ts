import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isTrue, isUnknown } from "../../../lib/values";
import { APPLICATION_GATEWAY } from "../types";

const tiers = tiersWhere((tier) => tier.waf);

export const policy: PlatformResourcePolicy = {
    name: "azure-application-gateway-waf-enabled",
    description: "The Application Gateway runs the WAF_v2 tier with a WAF policy attached in the tiers that require a WAF (Checkov CKV_AZURE_120).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [APPLICATION_GATEWAY],
    requires: '`sku.tier: "WAF_v2"` and `firewallPolicy.id` (or an enabled `webApplicationFirewallConfiguration`)',
    tiers,
    validateResource: validateTypes(
        [APPLICATION_GATEWAY],
        (props, _args, report) => {
            const tier = at(props, "sku.tier");
            const policy = at(props, "firewallPolicy.id");
            const legacy = at(props, "webApplicationFirewallConfiguration.enabled");
            if (isUnknown(tier) || isUnknown(policy)) {
                return;
            }
            if (tier !== "WAF_v2") {
                report(`sku.tier is ${JSON.stringify(tier)}: without the WAF tier, SQL injection, known bad inputs and floods reach the app.`);
            } else if (!isSet(policy) && !isTrue(legacy)) {
                report("no WAF policy is attached (firewallPolicy.id): the WAF tier inspects nothing.");
            }
        },
        { tiers },
    ),
};
