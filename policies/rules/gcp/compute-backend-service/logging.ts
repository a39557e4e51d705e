import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asNumber, at, isTrue, isUnknown } from "../../../lib/values";
import { BACKEND_SERVICE } from "../types";
import { isExternal } from "./shared";

export const policy: PlatformResourcePolicy = {
    name: "gcp-compute-backend-service-logging",
    description: "Backend services of the external load balancer log requests, the load balancer's access log (the GCP counterpart of CKV_AWS_91; CIS Controls v8 8.2).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "security",
    resourceTypes: [BACKEND_SERVICE],
    requires: "`logConfig.enable: true` with `sampleRate` above 0 on external backend services",
    validateResource: validateTypes([BACKEND_SERVICE], (props, _args, report) => {
        if (!isExternal(props)) {
            return;
        }
        const enabled = at(props, "logConfig.enable");
        const rate = at(props, "logConfig.sampleRate");
        if (isUnknown(enabled) || isUnknown(rate)) {
            return;
        }
        if (!isTrue(enabled)) {
            report("logConfig.enable is not true: requests through the load balancer leave no access log.");
        } else if (rate !== undefined && (asNumber(rate) ?? 0) <= 0) {
            report(`logConfig.sampleRate is ${String(rate)}: no request is logged.`);
        }
    }),
};
