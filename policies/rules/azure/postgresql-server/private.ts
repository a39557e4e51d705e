import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { POSTGRES_SERVER } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-postgresql-server-private",
    description: "PostgreSQL flexible servers live in a delegated subnet of the VNet (private access) and accept no connection from the internet (Checkov CKV2_AZURE_57, CIS Azure 5.2.5).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [POSTGRES_SERVER],
    requires: '`network.delegatedSubnetResourceId` and `network.privateDnsZoneArmResourceId` set, `network.publicNetworkAccess` not `"Enabled"`',
    validateResource: validateTypes([POSTGRES_SERVER], (props, _args, report) => {
        const access = at(props, "network.publicNetworkAccess");
        if (access === "Enabled") {
            report('network.publicNetworkAccess is "Enabled": the server has a public endpoint.');
        }
        const subnet = at(props, "network.delegatedSubnetResourceId");
        const zone = at(props, "network.privateDnsZoneArmResourceId");
        if (isUnknown(subnet) || isUnknown(zone)) {
            return;
        }
        if (!isSet(subnet)) {
            report("network.delegatedSubnetResourceId is not set: without VNet integration the server is reached over a public endpoint.");
        } else if (!isSet(zone)) {
            report("network.privateDnsZoneArmResourceId is not set: clients in the VNet cannot resolve the server's private address.");
        }
    }),
};
