import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isUnknown, read } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];
const REQUIRED: Record<string, string> = { [REDIS_INSTANCE]: "SERVER_AUTHENTICATION", [REDIS_CLUSTER]: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION" };

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-encrypted-in-transit",
    description: "Memorystore accepts TLS connections only, so the AUTH string and cached data never cross the network in clear text (Checkov CKV_GCP_97).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "security",
    resourceTypes: TYPES,
    requires: "`transitEncryptionMode` SERVER_AUTHENTICATION (Instance) or TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION (Cluster)",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        const mode = read(() => props.transitEncryptionMode);
        const required = REQUIRED[args.type];
        if (!isUnknown(mode) && mode !== required) {
            report(`transitEncryptionMode is ${mode === undefined ? "not set (TLS disabled)" : JSON.stringify(mode)}; require ${required}.`);
        }
    }),
};
