import type { PolicyResource } from "@pulumi/policy";
import { identifiersOf, ofType } from "../../../lib/graph";
import { PlatformStackPolicy } from "../../../lib/types";
import { asArray, asRecord, isSet, isUnknown, read } from "../../../lib/values";
import { BACKEND_SERVICE, INSTANCE_GROUP_MANAGERS } from "../types";

/** Whether a backend service's `backends[].group` is this group (its id, or a URL ending in its name). */
function backs(backend: PolicyResource, group: PolicyResource): boolean {
    const ids = identifiersOf(group);
    const name = read(() => group.props.name);
    return asArray(read(() => backend.props.backends)).some((entry) => {
        const target = asRecord(entry)?.group;
        return typeof target === "string" && (ids.has(target) || (typeof name === "string" && target.endsWith(`/instanceGroups/${name}`)));
    });
}

export const policy: PlatformStackPolicy = {
    name: "gcp-compute-instance-group-auto-healing",
    description: "Managed instance groups behind a load balancer replace VMs whose application stops answering its health check, not only VMs that stop running (the GCP counterpart of CKV2_AWS_15).",
    enforcementLevel: "mandatory",
    severity: "medium",
    category: "reliability",
    resourceTypes: [...INSTANCE_GROUP_MANAGERS, BACKEND_SERVICE],
    requires: "`autoHealingPolicies.healthCheck` on every group a backend service uses or that names a serving port (`namedPorts`)",
    validateStack: (args, report) => {
        const backends = ofType(args.resources, BACKEND_SERVICE);
        for (const group of ofType(args.resources, ...INSTANCE_GROUP_MANAGERS)) {
            const serving = asArray(read(() => group.props.namedPorts)).length > 0 || backends.some((backend) => backs(backend, group));
            if (!serving) {
                continue;
            }
            const policies = read(() => group.props.autoHealingPolicies);
            if (isUnknown(policies)) {
                continue;
            }
            const healthChecks = asArray(policies).map((entry) => asRecord(entry)?.healthCheck);
            if (!healthChecks.some((check) => isUnknown(check) || isSet(check))) {
                report(`instance group "${group.name}" serves the load balancer but autoHealingPolicies has no healthCheck: a VM whose app hangs stays in service as long as the VM runs.`, group.urn);
            }
        }
    },
};
