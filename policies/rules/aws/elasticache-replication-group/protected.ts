import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { REPLICATION_GROUP } from "../types";

const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "aws-elasticache-replication-group-protected",
    description: "ElastiCache replication groups in production carry Pulumi's protect option, as databases carry deletion protection (Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [REPLICATION_GROUP],
    requires: "resource option `protect: true`",
    tiers,
    validateResource: validateTypes(
        [REPLICATION_GROUP],
        (_props, args, report) => {
            if (!args.opts.protect) {
                report("the resource is not protected: `pulumi destroy` or a replacing change would drop every session and queued task.");
            }
        },
        { tiers },
    ),
};
