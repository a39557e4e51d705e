import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { POSTGRES_SERVER } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-protected",
    description: "PostgreSQL flexible servers in production carry Pulumi's protect option, the program-side half of deletion protection (no Azure benchmark item; counterpart of Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [POSTGRES_SERVER],
    requires: "resource option `protect: true`",
    tiers,
    validateResource: validateTypes(
        [POSTGRES_SERVER],
        (_props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would delete the production database.");
            }
        },
        { tiers },
    ),
};
