import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { isReplica, SQL_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.highAvailability);

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-high-availability",
    description: "Cloud SQL primaries are regional (a standby in a second zone with automatic failover) in the tiers that require high availability (the GCP counterpart of CKV_AWS_157).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [SQL_INSTANCE],
    requires: "`settings.availabilityType: \"REGIONAL\"` on the primary",
    tiers,
    validateResource: validateTypes(
        [SQL_INSTANCE],
        (props, _args, report) => {
            const availability = at(props, "settings.availabilityType");
            if (!isReplica(props) && !isUnknown(availability) && availability !== "REGIONAL") {
                report(`settings.availabilityType is ${availability === undefined ? "not set (ZONAL)" : JSON.stringify(availability)}: a zone failure takes the database down until it is restored.`);
            }
        },
        { tiers },
    ),
};
