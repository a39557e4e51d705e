import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { LOAD_BALANCERS } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformResourcePolicy = {
    name: "aws-lb-load-balancer-deletion-protection",
    description: "Load balancers in production have deletion protection on, since a new one gets a new DNS name (Checkov CKV_AWS_150).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: LOAD_BALANCERS,
    requires: "`enableDeletionProtection: true`",
    tiers,
    validateResource: validateTypes(
        LOAD_BALANCERS,
        (props, _args, report) => {
            if (!isTrue(props.enableDeletionProtection)) {
                report("enableDeletionProtection is not true: deleting the load balancer takes the whole site offline.");
            }
        },
        { tiers },
    ),
};
