import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, read } from "../../../lib/values";
import { REDIS } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-redis-cache-authentication",
    description: "Azure Cache for Redis requires clients to authenticate, with an access key or Entra ID, never anonymously (no Azure benchmark item; counterpart of Checkov CKV_AWS_31).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: [REDIS],
    requires: '`redisConfiguration.authnotrequired` not `"true"`; with `disableAccessKeyAuthentication: true`, `redisConfiguration.aadEnabled: "true"`',
    validateResource: validateTypes([REDIS], (props, _args, report) => {
        if (isTrue(at(props, "redisConfiguration.authnotrequired"))) {
            report("redisConfiguration.authnotrequired is true: anyone who reaches the cache can read and write every key.");
        }
        if (isTrue(read(() => props.disableAccessKeyAuthentication)) && !isTrue(at(props, "redisConfiguration.aadEnabled"))) {
            report("access keys are disabled but redisConfiguration.aadEnabled is not true: no client can authenticate.");
        }
    }),
};
