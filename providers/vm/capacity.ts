// What the cost levers (spot, ARM, the schedule) cannot do on the cluster runtime: the nodes
// are one pool shared by every service, so a per-service lever has nothing of its own to act on.
// Pure: the spec in, messages naming the key out.

import { PlatformSpec } from "../../tiers/types";

/** What the levers cannot do on the cluster runtime, where the nodes are shared by every service. */
export function capacityProblems(spec: PlatformSpec): string[] {
    if (spec.runtime !== "kubernetes") {
        return [];
    }
    const problems: string[] = [];
    spec.appFleet.services.forEach((service, index) => {
        if (service.capacity.spot) {
            problems.push(`platform:services[${index}].spot: true, but on runtime kubernetes the ${spec.cloud} node pool is shared by every service and has no spot pool; remove spot or use runtime vm`);
        }
        if (service.capacity.architecture === "arm64") {
            problems.push(`platform:services[${index}].architecture: "arm64", but on runtime kubernetes the ${spec.cloud} node pool is x86_64; remove it or use runtime vm`);
        }
    });
    if (spec.appFleet.schedule) {
        problems.push(`platform:schedule: on runtime kubernetes the pods would keep the ${spec.cloud} nodes up outside the hours; the schedule scales instance groups only; remove it or use runtime vm`);
    }
    return problems;
}
