import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { POSTGRES_CONFIGURATION } from "../types";

/** Server parameters that decide transport security, and the values that keep it. */
const REQUIRED: Record<string, string[]> = {
    require_secure_transport: ["on", "true", "1"],
    ssl_min_protocol_version: ["tlsv1.2", "tlsv1.3"],
};

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-configuration-tls",
    description: "No server parameter of a PostgreSQL flexible server lets clients connect without TLS or below TLS 1.2; the service defaults are on and TLSv1.2 (CIS Azure 5.2.1).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [POSTGRES_CONFIGURATION],
    requires: "`require_secure_transport` `on`; `ssl_min_protocol_version` `TLSv1.2` or `TLSv1.3`",
    validateResource: validateTypes([POSTGRES_CONFIGURATION], (props, args, report) => {
        const name = read(() => props.configurationName ?? props.name);
        const value = read(() => props.value);
        if (typeof name !== "string" || isUnknown(value) || !(name.toLowerCase() in REQUIRED)) {
            return;
        }
        if (!REQUIRED[name.toLowerCase()].includes(String(value).toLowerCase())) {
            report(`${name} is ${JSON.stringify(value)} on ${args.name}: clients may connect ${name === "require_secure_transport" ? "without TLS" : "with TLS older than 1.2"}.`);
        }
    }),
};
