import { ofType } from "../../../lib/graph";
import { validateStackInTiers } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformStackPolicy } from "../../../lib/types";
import { locksOn } from "../shared";
import { LOCKS, REDIS } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformStackPolicy = {
    name: "azure-redis-cache-delete-lock",
    description: "Production caches carry a CanNotDelete management lock, Azure's deletion protection (no Azure benchmark item; counterpart of Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [REDIS, ...LOCKS],
    requires: "a ManagementLockAtResourceLevel or ManagementLockByScope at level CanNotDelete or ReadOnly on each cache",
    tiers,
    validateStack: validateStackInTiers(tiers, (args, report) => {
        for (const cache of ofType(args.resources, REDIS)) {
            if (locksOn(args.resources, cache).length === 0) {
                report(`cache "${cache.name}" has no CanNotDelete lock: one API call or portal click deletes it.`, cache.urn);
            }
        }
    }),
};
