import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { KEY_VAULT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-private",
    description: "Key Vaults are closed to the internet and reached through a private endpoint (Checkov CKV_AZURE_189, CKV_AZURE_109, CIS Azure 3.3.7).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [KEY_VAULT],
    requires: '`properties.publicNetworkAccess: "Disabled"`, or `properties.networkAcls.defaultAction: "Deny"`',
    validateResource: validateTypes([KEY_VAULT], (props, _args, report) => {
        const network = at(props, "properties.publicNetworkAccess");
        const action = at(props, "properties.networkAcls.defaultAction");
        if (isUnknown(network) || isUnknown(action)) {
            return;
        }
        if (network !== "Disabled" && action !== "Deny") {
            report("the vault's data plane answers the whole internet: set properties.publicNetworkAccess \"Disabled\" (or networkAcls.defaultAction \"Deny\") and use a private endpoint.");
        }
    }),
};
