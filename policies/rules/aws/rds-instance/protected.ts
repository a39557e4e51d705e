import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { RDS_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-protected",
    description: "RDS instances in production carry Pulumi's protect option, the program-side counterpart of deletion protection (Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [RDS_INSTANCE],
    requires: "resource option `protect: true`",
    tiers,
    validateResource: validateTypes(
        [RDS_INSTANCE],
        (_props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would delete the production database.");
            }
        },
        { tiers },
    ),
};
