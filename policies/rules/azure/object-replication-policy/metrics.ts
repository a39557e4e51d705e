import { validateTypes } from "../../../lib/match";
import { PlatformResourcePolicy } from "../../../lib/types";
import { at, isTrue, isUnknown, read } from "../../../lib/values";
import { OBJECT_REPLICATION_POLICY } from "../types";

export const policy: PlatformResourcePolicy = {
    name: "azure-object-replication-policy-metrics",
    description: "Object replication policies report replication metrics (pending operations and bytes), so a lag that breaks the files' RPO is seen (LMS requirements, Disaster Recovery: no Checkov or CIS check exists for object replication).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [OBJECT_REPLICATION_POLICY],
    requires: "`metrics.enabled: true`",
    validateResource: validateTypes([OBJECT_REPLICATION_POLICY], (props, _args, report) => {
        const enabled = read(() => at(props, "metrics.enabled"));
        if (!isUnknown(enabled) && !isTrue(enabled)) {
            report("replication metrics are off: pending replication goes unseen until a failover finds the replica behind.");
        }
    }),
};
