import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { isSet, isUnknown, read } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];
const FIELD: Record<string, string> = { [REDIS_INSTANCE]: "customerManagedKey", [REDIS_CLUSTER]: "kmsKey" };

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-encrypted-with-cmek",
    description: "Memorystore encrypts data at rest, snapshots included, with a customer-managed Cloud KMS key (the GCP counterpart of CKV_AWS_191; CIS Controls v8 3.11).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "`customerManagedKey` (Instance) or `kmsKey` (Cluster)",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        const field = FIELD[args.type];
        const key = read(() => props[field]);
        if (!isUnknown(key) && !isSet(key)) {
            report(`${field} is not set: cached sessions and persistence snapshots are encrypted with a Google-managed key.`);
        }
    }),
};
