import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue } from "../../../lib/values";
import { RDS_PROXY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-rds-proxy-require-tls",
    description: "RDS Proxy refuses clients without TLS: the database's own rds.force_ssl stops at the proxy, so the hop from the application must be encrypted here (LMS requirements, Connection Pooling: no Checkov or CIS check exists for RDS Proxy; AWS Config RDS_PROXY_TLS_ENCRYPTION checks the same).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [RDS_PROXY],
    requires: "`requireTls: true`",
    validateResource: validateTypes([RDS_PROXY], (props, _args, report) => {
        if (!isTrue(props.requireTls)) {
            report("requireTls is not true: clients may reach the database through the proxy in clear text.");
        }
    }),
};
