import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isFalse, isUnknown, read } from "../../../lib/values";
import { STORAGE_ACCOUNT } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-storage-account-secure-transport",
    description: "Storage accounts accept HTTPS only and refuse TLS versions below 1.2 (Checkov CKV_AZURE_3, CKV_AZURE_44, CIS Azure 4.1, 4.15).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [STORAGE_ACCOUNT],
    requires: '`enableHttpsTrafficOnly` not `false` and `minimumTlsVersion: "TLS1_2"` (or newer)',
    validateResource: validateTypes([STORAGE_ACCOUNT], (props, _args, report) => {
        if (isFalse(read(() => props.enableHttpsTrafficOnly))) {
            report("enableHttpsTrafficOnly is false: blobs can be read and written over plain HTTP.");
        }
        const tls = read(() => props.minimumTlsVersion);
        if (!isUnknown(tls) && !["TLS1_2", "TLS1_3"].includes(String(tls))) {
            report(`minimumTlsVersion is ${tls === undefined ? "not set (the API default allows TLS 1.0)" : JSON.stringify(tls)}; the platform's minimum is TLS1_2.`);
        }
    }),
};
