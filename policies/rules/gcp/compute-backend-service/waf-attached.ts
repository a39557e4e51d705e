import { validateTypes } from "../../../lib/match";
import { tiersWhere } from "../../../lib/tiers";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { BACKEND_SERVICE } from "../types";
import { isExternal } from "./shared";

const tiers = tiersWhere((tier) => tier.waf);

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-backend-service-waf-attached",
    description: "Every backend service of the external load balancer is behind a Cloud Armor security policy in the tiers that require a WAF (Checkov CKV_GCP_73; the GCP counterpart of CKV2_AWS_28).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [BACKEND_SERVICE],
    requires: "`securityPolicy` on backend services with an EXTERNAL or EXTERNAL_MANAGED scheme",
    tiers,
    validateResource: validateTypes(
        [BACKEND_SERVICE],
        (props, _args, report) => {
            if (!isExternal(props)) {
                return;
            }
            const policy = read(() => props.securityPolicy);
            if (!isUnknown(policy) && !isSet(policy)) {
                report("securityPolicy is not set: SQL injection, cross-site scripting and floods reach the app without Cloud Armor.");
            }
        },
        { tiers },
    ),
};
