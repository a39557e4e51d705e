import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { REDIS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-tls-only",
    description: "Azure Cache for Redis accepts TLS 1.2+ connections only: the plain port 6379 stays closed (Checkov CKV_AZURE_91, CKV_AZURE_148).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: [REDIS],
    requires: '`enableNonSslPort` not `true`, `minimumTlsVersion: "1.2"`',
    validateResource: validateTypes([REDIS], (props, _args, report) => {
        if (isTrue(read(() => props.enableNonSslPort))) {
            report("enableNonSslPort is true: the cache's AUTH key and data cross the network in clear text on port 6379.");
        }
        const tls = read(() => props.minimumTlsVersion);
        if (!isUnknown(tls) && !["1.2", "1.3"].includes(String(tls))) {
            report(`minimumTlsVersion is ${tls === undefined ? "not set" : JSON.stringify(tls)}; the platform's minimum is 1.2.`);
        }
    }),
};
