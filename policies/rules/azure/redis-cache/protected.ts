import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { REDIS } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-protected",
    description: "Azure Cache for Redis in production carries Pulumi's protect option (no Azure benchmark item; counterpart of Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [REDIS],
    requires: "resource option `protect: true`",
    tiers,
    validateResource: validateTypes(
        [REDIS],
        (_props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would delete the production cache.");
            }
        },
        { tiers },
    ),
};
