import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isUnknown, read } from "../../../lib/values";
import { RDS_INSTANCE } from "../types";

/** The log a given engine must export; other engines just need one export. */
const ENGINE_LOG: Record<string, string> = { postgres: "postgresql", mysql: "error", mariadb: "error" };

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-instance-logs-exported",
    description: "RDS instances export their database logs to CloudWatch Logs (Checkov CKV_AWS_129).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [RDS_INSTANCE],
    requires: "`enabledCloudwatchLogsExports` includes the engine's main log (`postgresql` for PostgreSQL)",
    validateResource: validateTypes([RDS_INSTANCE], (props, _args, report) => {
        const exports = read(() => props.enabledCloudwatchLogsExports);
        if (isUnknown(exports)) {
            return;
        }
        const logs = asArray(exports);
        const engine = read(() => props.engine);
        const required = typeof engine === "string" ? ENGINE_LOG[engine] : undefined;
        if (logs.length === 0) {
            report("enabledCloudwatchLogsExports is empty: connection, error and slow-query logs stay on the instance and are lost with it.");
        } else if (required && !logs.includes(required)) {
            report(`enabledCloudwatchLogsExports does not include "${required}", the ${String(engine)} server log.`);
        }
    }),
};
