import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GRAFANA } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-grafana-private",
    description: "Azure Managed Grafana is closed to the internet and reached through a private endpoint: its dashboards show the platform's internals (no Checkov check; counterpart of CKV_AZURE_189 for Key Vault).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [GRAFANA],
    requires: '`properties.publicNetworkAccess: "Disabled"` (the service default is "Enabled")',
    validateResource: validateTypes([GRAFANA], (props, _args, report) => {
        const access = at(props, "properties.publicNetworkAccess");
        if (isUnknown(access)) {
            return;
        }
        if (access !== "Disabled") {
            report(`properties.publicNetworkAccess is ${access === undefined ? "unset (Enabled)" : JSON.stringify(access)}: the sign-in page and API answer the whole internet; set "Disabled" and reach Grafana through its private endpoint.`);
        }
    }),
};
