import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { POSTGRES_FIREWALL_RULE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-firewall-rule-absent",
    description: "PostgreSQL servers have no firewall rule at all: a rule is only meaningful on a public endpoint, and 0.0.0.0 opens the server to every Azure tenant (Checkov CKV2_AZURE_26, CIS Azure 5.2.5).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [POSTGRES_FIREWALL_RULE],
    requires: "no FirewallRule resources (private access through the delegated subnet only)",
    validateResource: validateTypes([POSTGRES_FIREWALL_RULE], (props, _args, report) => {
        const start = read(() => props.startIpAddress);
        const end = read(() => props.endIpAddress);
        if (isUnknown(start) || isUnknown(end)) {
            return;
        }
        const reach = start === "0.0.0.0" && end === "0.0.0.0" ? "every Azure service of every tenant" : start === "0.0.0.0" ? "the whole internet" : `${String(start)}-${String(end)}`;
        report(`the firewall rule lets ${reach} reach the database's public endpoint; use private access only.`);
    }),
};
