import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, isUnknown, read } from "../../../lib/values";
import { POSTGRES_CONFIGURATION } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-configuration-pgbouncer-pool",
    description: "The flexible server's PgBouncer pools per transaction (session pooling lets one idle client hold a server connection, which is what the pool is there to prevent) and closes idle server connections (LMS requirements, Connection Pooling: no Checkov or CIS check exists for PgBouncer).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [POSTGRES_CONFIGURATION],
    requires: "`pgbouncer.pool_mode` `transaction`; `pgbouncer.server_idle_timeout` above 0",
    validateResource: validateTypes([POSTGRES_CONFIGURATION], (props, args, report) => {
        const name = read(() => props.configurationName ?? props.name);
        const value = read(() => props.value);
        if (typeof name !== "string" || isUnknown(value)) {
            return;
        }
        if (name.toLowerCase() === "pgbouncer.pool_mode" && String(value).toLowerCase() !== "transaction") {
            report(`pgbouncer.pool_mode is ${JSON.stringify(value)} on ${args.name}: a client holds its server connection beyond a transaction.`);
        }
        if (name.toLowerCase() === "pgbouncer.server_idle_timeout" && !((asNumber(value) ?? 0) > 0)) {
            report(`pgbouncer.server_idle_timeout is ${JSON.stringify(value)} on ${args.name}: idle server connections are never closed.`);
        }
    }),
};
