import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-deletion-protection",
    description: "RDS instances in production have deletion protection on (Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [RDS_INSTANCE],
    requires: "`deletionProtection: true`",
    tiers,
    validateResource: validateTypes(
        [RDS_INSTANCE],
        (props, _args, report) => {
            if (!isTrue(props.deletionProtection)) {
                report("deletionProtection is not true: one API call or console click deletes the production database.");
            }
        },
        { tiers },
    ),
};
