import { ofType } from "../../../lib/graph";
import { validateStackInTiers } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformStackPolicy } from "../../../lib/types";
import { locksOn } from "../shared";
import { LOCKS, POSTGRES_SERVER } from "../types";

const tiers = tiersWhere((tier) => tier.deletionProtection);

export const policy: PlatformStackPolicy = {
    name: "azure-postgresql-server-delete-lock",
    description: "Production PostgreSQL flexible servers carry a CanNotDelete management lock, Azure's deletion protection: no API call, portal click or other tool deletes them (no Azure benchmark item; counterpart of Checkov CKV_AWS_293).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "reliability",
    resourceTypes: [POSTGRES_SERVER, ...LOCKS],
    requires: "a ManagementLockAtResourceLevel (`resourceName`) or ManagementLockByScope (`scope`) at level CanNotDelete or ReadOnly on each server",
    tiers,
    validateStack: validateStackInTiers(tiers, (args, report) => {
        for (const server of ofType(args.resources, POSTGRES_SERVER)) {
            if (locksOn(args.resources, server).length === 0) {
                report(`PostgreSQL server "${server.name}" has no CanNotDelete lock: one API call or portal click deletes the production database.`, server.urn);
            }
        }
    }),
};
