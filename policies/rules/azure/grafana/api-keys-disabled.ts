import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { GRAFANA } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-grafana-api-keys-disabled",
    description: "Azure Managed Grafana accepts Entra ID identities only: API keys and service-account tokens are long-lived bearer secrets nobody rotates (no Checkov check for Managed Grafana; counterpart of Checkov CKV2_AZURE_40, shared-key access off on storage accounts).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [GRAFANA],
    requires: '`properties.apiKey` unset or "Disabled"',
    validateResource: validateTypes([GRAFANA], (props, _args, report) => {
        const apiKey = at(props, "properties.apiKey");
        if (isUnknown(apiKey) || apiKey === undefined) {
            return;
        }
        if (apiKey !== "Disabled") {
            report(`properties.apiKey is ${JSON.stringify(apiKey)}: Grafana issues API keys that bypass Entra ID; set "Disabled".`);
        }
    }),
};
