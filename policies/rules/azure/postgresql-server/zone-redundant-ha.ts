import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { isReplica, POSTGRES_SERVER } from "../types";

const tiers = tiersWhere((tier) => tier.highAvailability);

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-zone-redundant-ha",
    description: "PostgreSQL flexible server primaries keep a synchronous standby in another zone in the tiers that require high availability (no Azure benchmark item; counterpart of Checkov CKV_AWS_157).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [POSTGRES_SERVER],
    requires: '`highAvailability.mode: "ZoneRedundant"` on the primary',
    tiers,
    validateResource: validateTypes(
        [POSTGRES_SERVER],
        (props, _args, report) => {
            const mode = at(props, "highAvailability.mode");
            if (!isReplica(props) && !isUnknown(mode) && mode !== "ZoneRedundant") {
                report(`highAvailability.mode is ${mode === undefined ? "not set (Disabled)" : JSON.stringify(mode)}: a zone failure takes the database down until it is restored.`);
            }
        },
        { tiers },
    ),
};
