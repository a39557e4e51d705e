import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isUnknown } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];
const PERSISTENT: Record<string, { path: string; modes: string[] }> = {
    [REDIS_INSTANCE]: { path: "persistenceConfig.persistenceMode", modes: ["RDB"] },
    [REDIS_CLUSTER]: { path: "persistenceConfig.mode", modes: ["RDB", "AOF"] },
};

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-persistence",
    description: "Memorystore writes snapshots to disk, so sessions and queued work survive a node restart or failover (the GCP counterpart of CKV_AWS_134).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: TYPES,
    requires: "Instance: `persistenceConfig.persistenceMode: \"RDB\"`; Cluster: `persistenceConfig.mode` RDB or AOF",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        const { path, modes } = PERSISTENT[args.type];
        const mode = at(props, path);
        if (!isUnknown(mode) && (typeof mode !== "string" || !modes.includes(mode))) {
            report(`${path} is ${mode === undefined ? "not set (DISABLED)" : JSON.stringify(mode)}: a restart empties the cache, sessions included.`);
        }
    }),
};
