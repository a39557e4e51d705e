import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { SERVICE_BUS_NAMESPACE } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-service-bus-namespace-secure-access",
    description: "Service Bus namespaces refuse TLS below 1.2 and shared access keys: senders and receivers authenticate with their managed identity (Checkov CKV_AZURE_205, CKV_AZURE_203).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [SERVICE_BUS_NAMESPACE],
    requires: '`minimumTlsVersion: "1.2"` (or newer) and `disableLocalAuth: true`',
    validateResource: validateTypes([SERVICE_BUS_NAMESPACE], (props, _args, report) => {
        const tls = read(() => props.minimumTlsVersion);
        if (!isUnknown(tls) && !["1.2", "1.3"].includes(String(tls))) {
            report(`minimumTlsVersion is ${tls === undefined ? "not set" : JSON.stringify(tls)}; the platform's minimum is 1.2.`);
        }
        const local = read(() => props.disableLocalAuth);
        if (!isUnknown(local) && !isTrue(local)) {
            report("disableLocalAuth is not true: a leaked shared access key reads and writes every queue, with no identity in the logs.");
        }
    }),
};
