import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown, read } from "../../../lib/values";
import { STORAGE_ACCOUNT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-no-public-access",
    description: "Storage accounts allow no anonymous blob access and are closed to the internet, reached through a private endpoint (Checkov CKV_AZURE_190, CKV_AZURE_59, CKV_AZURE_35, CIS Azure 4.6, 4.7).",
    enforcementLevel: "mandatory",
    severity: "critical",
    category: "data-protection",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: '`allowBlobPublicAccess: false`, and `publicNetworkAccess: "Disabled"` or `networkRuleSet.defaultAction: "Deny"`',
    validateResource: validateTypes([STORAGE_ACCOUNT], (props, _args, report) => {
        const blobPublic = read(() => props.allowBlobPublicAccess);
        if (!isUnknown(blobPublic) && blobPublic !== false) {
            report(`allowBlobPublicAccess is ${isTrue(blobPublic) ? "true" : "not false"}: a container can be switched to anonymous read.`);
        }
        const network = read(() => props.publicNetworkAccess);
        const defaultAction = at(props, "networkRuleSet.defaultAction");
        if (isUnknown(network) || isUnknown(defaultAction)) {
            return;
        }
        if (network !== "Disabled" && defaultAction !== "Deny") {
            report('the account accepts connections from the whole internet: set publicNetworkAccess "Disabled" or networkRuleSet.defaultAction "Deny" and use a private endpoint.');
        }
    }),
};
