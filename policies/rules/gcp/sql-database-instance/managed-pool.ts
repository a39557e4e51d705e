import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asNumber, asRecord, at, isFalse, isUnknown } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-managed-pool",
    description: "Cloud SQL's managed connection pooling, where an instance has it, pools per transaction (session pooling lets one idle client hold a server connection) and closes idle server connections, which needs the Enterprise Plus edition (LMS requirements, Connection Pooling: no Checkov or CIS check exists for managed pooling).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [SQL_INSTANCE],
    requires: "with `settings.connectionPoolConfigs` enabled: `settings.edition` `ENTERPRISE_PLUS`, flag `pool_mode` `transaction` (or unset), `server_connection_idle_timeout` above 0 when set",
    validateResource: validateTypes([SQL_INSTANCE], (props, _args, report) => {
        const configs = at(props, "settings.connectionPoolConfigs");
        if (isUnknown(configs)) {
            return;
        }
        for (const config of asArray(configs).map(asRecord)) {
            if (!config || isFalse(config.connectionPoolingEnabled) || config.connectionPoolingEnabled === undefined) {
                continue;
            }
            const edition = at(props, "settings.edition");
            if (!isUnknown(edition) && edition !== "ENTERPRISE_PLUS") {
                report(`settings.edition is ${JSON.stringify(edition ?? "unset")}: managed connection pooling needs ENTERPRISE_PLUS.`);
            }
            const flags = Object.fromEntries(asArray(config.flags).map(asRecord).filter((flag) => flag !== undefined).map((flag) => [String(flag!.name), flag!.value]));
            if (flags.pool_mode !== undefined && !isUnknown(flags.pool_mode) && flags.pool_mode !== "transaction") {
                report(`pool_mode is ${JSON.stringify(flags.pool_mode)}: a client holds its server connection beyond a transaction.`);
            }
            const idle = flags.server_connection_idle_timeout;
            if (idle !== undefined && !isUnknown(idle) && !((asNumber(idle) ?? 0) > 0)) {
                report(`server_connection_idle_timeout is ${JSON.stringify(idle)}: idle server connections are never closed.`);
            }
        }
    }),
};
