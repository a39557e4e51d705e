import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { TARGET_HTTPS_PROXY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-target-https-proxy-ssl-policy",
    description: "HTTPS proxies name an SSL policy; without one Google's default accepts TLS 1.0 (Checkov CKV_GCP_4, CIS GCP 3.9).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [TARGET_HTTPS_PROXY],
    requires: "`sslPolicy` set (the policy itself is checked by gcp-compute-ssl-policy-tls-1-2)",
    validateResource: validateTypes([TARGET_HTTPS_PROXY], (props, _args, report) => {
        const policy = read(() => props.sslPolicy);
        if (!isUnknown(policy) && !isSet(policy)) {
            report("sslPolicy is not set: the proxy uses Google's default SSL policy, which accepts TLS 1.0 and weak cipher suites.");
        }
    }),
};
