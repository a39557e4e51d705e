import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, at, isUnknown } from "../../../lib/values";
import { APPLICATION_GATEWAY } from "../types";

/** Predefined policies whose minimum protocol is TLS 1.2. */
const TLS12_PREDEFINED = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

export const policy: PlatformResourcePolicy = {
    name: "azure-application-gateway-tls-policy",
    description: "The Application Gateway refuses TLS below 1.2 on its HTTPS listeners (Checkov CKV_AZURE_218).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [APPLICATION_GATEWAY],
    requires: `\`sslPolicy\` Predefined ${TLS12_PREDEFINED.join(" / ")}, or Custom/CustomV2 with \`minProtocolVersion\` TLSv1_2 or TLSv1_3`,
    validateResource: validateTypes([APPLICATION_GATEWAY], (props, _args, report) => {
        const listeners = asArray(at(props, "httpListeners"));
        if (!listeners.some((listener) => String(at(listener, "protocol")).toLowerCase() === "https")) {
            return;
        }
        const sslPolicy = at(props, "sslPolicy");
        if (isUnknown(sslPolicy)) {
            return;
        }
        const type = at(sslPolicy, "policyType");
        if (type === "Predefined") {
            const name = at(sslPolicy, "policyName");
            if (!TLS12_PREDEFINED.includes(String(name))) {
                report(`sslPolicy.policyName is ${JSON.stringify(name)}: it accepts TLS older than 1.2.`);
            }
        } else if (type === "Custom" || type === "CustomV2") {
            const minimum = at(sslPolicy, "minProtocolVersion");
            if (!["TLSv1_2", "TLSv1_3"].includes(String(minimum))) {
                report(`sslPolicy.minProtocolVersion is ${JSON.stringify(minimum)}; the platform's minimum is TLSv1_2.`);
            }
        } else {
            report("sslPolicy sets no policy type: the gateway falls back to its default policy, which has accepted TLS 1.0 on older API versions.");
        }
    }),
};
