import { validateTypes } from "../../../lib/match";
import { isWorld } from "../../../lib/network";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, asRecord, at, isFalse, isSet, isUnknown } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-no-public-ip",
    description: "Cloud SQL instances have a private IP in the platform's VPC and no public IPv4 address, and never authorize the whole internet (Checkov CKV_GCP_60, CKV_GCP_11, CIS GCP 6.5, 6.6).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [SQL_INSTANCE],
    requires: "`settings.ipConfiguration.ipv4Enabled: false`, `privateNetwork` set, no `authorizedNetworks` entry of 0.0.0.0/0",
    validateResource: validateTypes([SQL_INSTANCE], (props, _args, report) => {
        const ipv4 = at(props, "settings.ipConfiguration.ipv4Enabled");
        const network = at(props, "settings.ipConfiguration.privateNetwork");
        if (!isUnknown(ipv4) && !isFalse(ipv4)) {
            report("settings.ipConfiguration.ipv4Enabled is not false: the instance gets a public IPv4 address (the provider's default is true).");
        }
        if (!isUnknown(network) && !isSet(network)) {
            report("settings.ipConfiguration.privateNetwork is not set: the instance has no private IP in the platform's VPC.");
        }
        for (const entry of asArray(at(props, "settings.ipConfiguration.authorizedNetworks"))) {
            const value = asRecord(entry)?.value;
            if (typeof value === "string" && isWorld(value)) {
                report(`settings.ipConfiguration.authorizedNetworks admits ${value}: anyone on the internet may try to log in.`);
            }
        }
    }),
};
