import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { asArray, isSet, isUnknown, read } from "../../../lib/values";
import { REDIS_CLUSTER, REDIS_INSTANCE } from "../types";

const TYPES = [REDIS_INSTANCE, REDIS_CLUSTER];

export const policy: PlatformResourcePolicy = {
    name: "gcp-redis-private-service-access",
    description: "Memorystore is reachable only from the platform's own VPC, through private services access or Private Service Connect, never from the default network (CIS Controls v8 12.2; the GCP counterpart of CKV_AWS_17).",
    enforcementLevel: "mandatory",
    severity: "high",
    category: "data-protection",
    resourceTypes: TYPES,
    requires: "Instance: `connectMode: \"PRIVATE_SERVICE_ACCESS\"` and `authorizedNetwork` set; Cluster: `pscConfigs` naming the network",
    validateResource: validateTypes(TYPES, (props, args, report) => {
        if (args.type === REDIS_CLUSTER) {
            const configs = read(() => props.pscConfigs);
            if (!isUnknown(configs) && asArray(configs).length === 0) {
                report("pscConfigs is empty: the cluster has no Private Service Connect endpoint in the platform's network.");
            }
            return;
        }
        const mode = read(() => props.connectMode);
        if (!isUnknown(mode) && mode !== "PRIVATE_SERVICE_ACCESS") {
            report(`connectMode is ${mode === undefined ? "not set (DIRECT_PEERING)" : JSON.stringify(mode)}: use PRIVATE_SERVICE_ACCESS, the range the firewall rules and Cloud SQL share.`);
        }
        const network = read(() => props.authorizedNetwork);
        if (!isUnknown(network) && !isSet(network)) {
            report("authorizedNetwork is not set: the instance is attached to the project's default network.");
        }
    }),
};
