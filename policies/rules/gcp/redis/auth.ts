import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isTrue, isUnknown, read } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-auth",
    description: "Memorystore requires clients to authenticate: an AUTH string on Redis instances, IAM authentication on Redis clusters (Checkov CKV_GCP_95).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`authEnabled: true` on an Instance; `authorizationMode: \"AUTH_MODE_IAM_AUTH\"` on a Cluster",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (args.type === REDIS_CLUSTER) {
            const mode = read(() => props.authorizationMode);
            if (!isUnknown(mode) && mode !== "AUTH_MODE_IAM_AUTH") {
                report(`authorizationMode is ${mode === undefined ? "not set (AUTH_MODE_DISABLED)" : JSON.stringify(mode)}: any host on the network can read and write the cache.`);
            }
            return;
        }
        const enabled = read(() => props.authEnabled);
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            report("authEnabled is not true: any host on the network can read and write the cache.");
        }
    }),
};
