import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isSet, isUnknown } from "../../../lib/values";
import { SECRET } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-secret-expiration",
    description: "Key Vault secrets carry an expiry date and a content type, so stale credentials show up and readers know the format (Checkov CKV_AZURE_41, CKV_AZURE_114, CIS Azure 3.3.3).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [SECRET],
    requires: "`properties.attributes.expires` and `properties.contentType` set",
    validateResource: validateTypes([SECRET], (props, _args, report) => {
        const expires = at(props, "properties.attributes.expires");
        if (!isUnknown(expires) && !isSet(expires)) {
            report("properties.attributes.expires is not set: the secret never expires, however long ago it was last rotated.");
        }
        const contentType = at(props, "properties.contentType");
        if (!isUnknown(contentType) && !isSet(contentType)) {
            report("properties.contentType is not set: readers cannot tell a password from a JSON document or a certificate.");
        }
    }),
};
