import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isUnknown, read } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

/** Flags Checkov wants on for PostgreSQL (CIS GCP 6.2.2 and 6.2.3 name the connection ones). */
const REQUIRED_ON = ["log_checkpoints", "log_connections", "log_disconnections", "log_lock_waits"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-log-flags",
    description: "Cloud SQL for PostgreSQL logs checkpoints, connections, disconnections and lock waits, which the audit trail and incident response rely on (Checkov CKV_GCP_51, CKV_GCP_52, CKV_GCP_53, CKV_GCP_54, CIS GCP 6.2.2, 6.2.3).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [SQL_INSTANCE],
    requires: `\`settings.databaseFlags\` with ${REQUIRED_ON.map((flag) => `\`${flag}=on\``).join(", ")} on PostgreSQL instances`,
    validateResource: validateTypes([SQL_INSTANCE], (props, _args, report) => {
        const version = read(() => props.databaseVersion);
        if (typeof version !== "string" || !version.startsWith("POSTGRES")) {
            return;
        }
        const flags = at(props, "settings.databaseFlags");
        if (isUnknown(flags)) {
            return;
        }
        const values = new Map(
            asArray(flags)
                .map((entry) => asRecord(entry) ?? {})
                .map((flag) => [String(flag.name), String(flag.value).toLowerCase()]),
        );
        const missing = REQUIRED_ON.filter((flag) => values.get(flag) !== "on");
        if (missing.length > 0) {
            report(`settings.databaseFlags does not set ${missing.map((flag) => `${flag}=on`).join(", ")}: logins and lock contention leave no trace in the database logs.`);
        }
    }),
};
