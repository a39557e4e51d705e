import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { SQL_INSTANCE } from "../types";

interface Config {
    allowedModes: string[];
}

export const policy: PlatformResourcePolicy = {
    name: "gcp-sql-database-instance-tls-enforced",
    description: "Cloud SQL instances refuse connections without TLS; ENCRYPTED_ONLY lets the application verify the server certificate with a password login, client certificates are stricter (Checkov CKV_GCP_6, CIS GCP 6.4).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SQL_INSTANCE],
    requires: "`settings.ipConfiguration.sslMode` in `allowedModes` (ENCRYPTED_ONLY, TRUSTED_CLIENT_CERTIFICATE_REQUIRED)",
    configSchema: {
        properties: {
            allowedModes: {
                type: "array",
                items: { type: "string", enum: ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"] },
                default: ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"],
                description: "sslMode values that count as TLS enforced.",
            },
        },
    },
    validateResource: validateTypes([SQL_INSTANCE], (props, args, report) => {
        const mode = at(props, "settings.ipConfiguration.sslMode");
        if (isUnknown(mode)) {
            return;
        }
        const { allowedModes } = args.getConfig<Config>();
        if (typeof mode !== "string" || !allowedModes.includes(mode)) {
            report(`settings.ipConfiguration.sslMode is ${mode === undefined ? "not set (unencrypted connections allowed)" : JSON.stringify(mode)}; require one of ${allowedModes.join(", ")}.`);
        }
    }),
};
