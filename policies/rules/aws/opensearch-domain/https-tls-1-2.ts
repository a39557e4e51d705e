import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown, quote } from "../../../lib/values";
import { OPENSEARCH_DOMAIN } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "aws-opensearch-domain-https-tls-1-2",
    description: "OpenSearch domains accept HTTPS only, with TLS 1.2 or newer (Checkov CKV_AWS_83, CKV_AWS_228).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [OPENSEARCH_DOMAIN],
    requires: "`domainEndpointOptions.enforceHttps: true` and a `Policy-Min-TLS-1-2-*` `tlsSecurityPolicy`",
    validateResource: validateTypes([OPENSEARCH_DOMAIN], (props, _args, report) => {
        const policy = at(props, "domainEndpointOptions.tlsSecurityPolicy");
        if (!isTrue(at(props, "domainEndpointOptions.enforceHttps"))) {
            report("domainEndpointOptions.enforceHttps is not true: the API answers plain HTTP.");
        } else if (!isUnknown(policy) && !(typeof policy === "string" && policy.startsWith("Policy-Min-TLS-1-2"))) {
            report(`domainEndpointOptions.tlsSecurityPolicy is ${quote(policy)}: TLS 1.0 and 1.1 are accepted; use Policy-Min-TLS-1-2-PFS-2023-10.`);
        }
    }),
};
