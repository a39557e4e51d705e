import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { KEY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-key-vault-key-hsm-backed",
    description: "Customer-managed keys are generated and kept in an HSM (a Premium vault), never exportable as software keys (Checkov CKV_AZURE_112).",
    enforcementLevel: "advisory",
    severity: "low",
    category: "hygiene",
    resourceTypes: [KEY],
    requires: '`properties.kty` `"RSA-HSM"` or `"EC-HSM"`',
    validateResource: validateTypes([KEY], (props, _args, report) => {
        const kty = at(props, "properties.kty");
        if (!isUnknown(kty) && !["RSA-HSM", "EC-HSM"].includes(String(kty))) {
            report(`properties.kty is ${kty === undefined ? "not set" : JSON.stringify(kty)}: the key is software-protected, not HSM-backed.`);
        }
    }),
};
