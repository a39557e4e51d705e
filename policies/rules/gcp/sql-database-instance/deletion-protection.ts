import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isFalse, isTrue, isUnknown, read } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-deletion-protection",
    description: "Cloud SQL instances in production refuse deletion both in the provider and in the Cloud SQL API, so neither `pulumi destroy` nor a console click deletes them (the GCP counterpart of CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [SQL_INSTANCE],
    requires: "`deletionProtection` not `false` (the provider's default is true) and `settings.deletionProtectionEnabled: true`",
    tiers,
    validateResource: validateTypes(
        [SQL_INSTANCE],
        (props, _args, report) => {
            if (isFalse(read(() => props.deletionProtection))) {
                report("deletionProtection is false: the provider deletes the production database on destroy or replacement.");
            }
            const api = at(props, "settings.deletionProtectionEnabled");
            if (!isUnknown(api) && !isTrue(api)) {
                report("settings.deletionProtectionEnabled is not true: one API call or console click deletes the production database.");
            }
        },
        { tiers },
    ),
};
