import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { isReadReplica, RDS_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.highAvailability);

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-multi-az",
    description: "RDS primaries run Multi-AZ in the tiers that require high availability (Checkov CKV_AWS_157, CIS AWS 5.0 2.2.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [RDS_INSTANCE],
    requires: "`multiAz: true` on the primary",
    tiers,
    validateResource: validateTypes(
        [RDS_INSTANCE],
        (props, _args, report) => {
            if (!isReadReplica(props) && !isTrue(props.multiAz)) {
                report("multiAz is not true: a zone failure takes the database down until it is restored.");
            }
        },
        { tiers },
    ),
};
