import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { SERVICE_BUS_NAMESPACE } from "../types";

/** Below production the namespace is Standard (Entra ID only, TLS 1.2), which has neither. */
const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-service-bus-namespace-private",
    description: "Service Bus namespaces are closed to the internet and reached through a private endpoint, which needs the Premium tier: in the tiers that protect data, as the Premium tier's price is only asked of production (Checkov CKV_AZURE_204).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [SERVICE_BUS_NAMESPACE],
    tiers,
    requires: '`publicNetworkAccess: "Disabled"`',
    validateResource: validateTypes([SERVICE_BUS_NAMESPACE], (props, _args, report) => {
        const access = read(() => props.publicNetworkAccess);
        if (!isUnknown(access) && access !== "Disabled") {
            report(`publicNetworkAccess is ${access === undefined ? "not set (Enabled)" : JSON.stringify(access)}: the queues' endpoint answers the whole internet.`);
        }
    }, { tiers }),
};
