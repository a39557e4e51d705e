import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GRAFANA } from "../types";

// The idea-management document runs Prometheus and Grafana in HA in production.
const tiers = tiersWhere((tier) => tier.protectData);

export const policy: PlatformResourcePolicy = {
    name: "azure-grafana-zone-redundant",
    description: "Azure Managed Grafana is zone-redundant in the production tiers, the managed form of the document's highly available Grafana (no Checkov check for Managed Grafana; counterpart of Checkov CKV_AZURE_230, zone-redundant Redis).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [GRAFANA],
    requires: '`properties.zoneRedundancy: "Enabled"` and `sku.name: "Standard"`',
    tiers,
    validateResource: validateTypes(
        [GRAFANA],
        (props, _args, report) => {
            const sku = at(props, "sku.name");
            const zones = at(props, "properties.zoneRedundancy");
            if (!isUnknown(sku) && sku !== "Standard") {
                report(`sku.name is ${JSON.stringify(sku)}: only Standard has an SLA and zone redundancy.`);
            }
            if (!isUnknown(zones) && zones !== "Enabled") {
                report(`properties.zoneRedundancy is ${zones === undefined ? "unset (Disabled)" : JSON.stringify(zones)}: one zone's outage takes the dashboards down.`);
            }
        },
        { tiers },
    ),
};
