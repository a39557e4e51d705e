import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { isReplica, POSTGRES_SERVER } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-geo-redundant-backup",
    description: "Production PostgreSQL flexible servers copy their backups to the paired region, so a regional outage does not take the backups with it (Checkov CKV_AZURE_136).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [POSTGRES_SERVER],
    requires: '`backup.geoRedundantBackup: "Enabled"` on the primary',
    tiers,
    validateResource: validateTypes(
        [POSTGRES_SERVER],
        (props, _args, report) => {
            const geo = at(props, "backup.geoRedundantBackup");
            if (!isReplica(props) && !isUnknown(geo) && geo !== "Enabled") {
                report(`backup.geoRedundantBackup is ${geo === undefined ? "not set (Disabled)" : JSON.stringify(geo)}: backups live in one region only.`);
            }
        },
        { tiers },
    ),
};
