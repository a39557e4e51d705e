import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { REDIS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-private",
    description: "Azure Cache for Redis has no public endpoint; the app reaches it through a private endpoint (Checkov CKV_AZURE_89).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [REDIS],
    requires: '`publicNetworkAccess: "Disabled"` (or VNet injection with `subnetId`)',
    validateResource: validateTypes([REDIS], (props, _args, report) => {
        const access = read(() => props.publicNetworkAccess);
        if (isUnknown(access) || access === "Disabled" || isSet(read(() => props.subnetId))) {
            return;
        }
        report(`publicNetworkAccess is ${access === undefined ? "not set (Enabled)" : JSON.stringify(access)}: the cache answers the whole internet, guarded by its access key only.`);
    }),
};
