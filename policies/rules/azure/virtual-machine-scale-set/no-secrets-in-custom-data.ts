import { validateTypes } from "../../../lib/match";
import { decodeUserData, findCredential } from "../../../lib/secrets";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, SECRET_PLACEHOLDER } from "../../../lib/values";
import { VMSS } from "../types";

const FIELDS = ["virtualMachineProfile.osProfile.customData", "virtualMachineProfile.userData"];

export const policy: PlatformResourcePolicy = {
    name: "azure-virtual-machine-scale-set-no-secrets-in-custom-data",
    description: "Custom data and user data carry no credentials, since anyone who can read the scale set model can read them; instances fetch secrets from Key Vault with their identity (Checkov CKV_AZURE_45).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [VMSS],
    requires: "`osProfile.customData` and `userData` with no private keys or literal passwords, and not built from a secret value",
    validateResource: validateTypes([VMSS], (props, _args, report) => {
        for (const field of FIELDS) {
            const value = at(props, field);
            if (value === SECRET_PLACEHOLDER) {
                report(`${field} is built from a secret value: the secret ends up in plain text in the instance model. Pass the Key Vault secret name and read it at boot.`);
            } else if (typeof value === "string") {
                const found = findCredential(decodeUserData(value));
                if (found) {
                    report(`${field} contains ${found}: pass the Key Vault secret name and read the value at boot.`);
                }
            }
        }
    }),
};
