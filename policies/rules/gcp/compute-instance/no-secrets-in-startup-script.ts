import { validateTypes } from "../../../lib/match";
import { findCredential } from "../../../lib/secrets";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asRecord, read, SECRET_PLACEHOLDER } from "../../../lib/values";
import { VM_TYPES } from "../types";

const SCRIPT_KEYS = ["startup-script", "user-data"];

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-instance-no-secrets-in-startup-script",
    description: "Startup scripts and metadata carry no credentials, since anyone who may view the VM reads its metadata; VMs fetch secrets from Secret Manager at boot instead (Checkov CKV_SECRET_6, CKV_AWS_46).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: VM_TYPES,
    requires: "`metadataStartupScript` and `metadata` values with no private keys or literal passwords, and not built from a secret value",
    validateResource: validateTypes(VM_TYPES, (props, _args, report) => {
        const metadata = asRecord(read(() => props.metadata)) ?? {};
        const scripts: [string, unknown][] = [["metadataStartupScript", read(() => props.metadataStartupScript)], ...SCRIPT_KEYS.map((key): [string, unknown] => [`metadata["${key}"]`, metadata[key]])];
        for (const [where, value] of scripts) {
            if (value === SECRET_PLACEHOLDER) {
                report(`${where} is built from a secret value: the secret ends up in plain text in the VM's metadata. Pass the secret's name and read it at boot.`);
            } else if (typeof value === "string") {
                const found = findCredential(value);
                if (found) {
                    report(`${where} contains ${found}: pass a Secret Manager secret's name and read the value at boot.`);
                }
            }
        }
        for (const [key, value] of Object.entries(metadata)) {
            if (!SCRIPT_KEYS.includes(key) && value === SECRET_PLACEHOLDER) {
                report(`metadata["${key}"] is a secret value: metadata is readable by anyone who may view the VM.`);
            }
        }
    }),
};
