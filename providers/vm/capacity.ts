// What the cost levers do on the cluster runtime, where the nodes are one pool shared by every
// service: spot and the schedule are not applied there (the plan's cost levers say so, and a
// stack moves between runtimes by one key), but an arm64-only image would not start on the
// pool's x86_64 nodes, so ARM is refused. Pure: the spec in, messages naming the key out.

import { PlatformSpec } from "../../tiers/types";

export function capacityProblems(spec: PlatformSpec): string[] {
    if (spec.runtime !== "kubernetes") {
        return [];
    }
    return spec.appFleet.services
        .map((service, index) => ({ service, index }))
        .filter(({ service }) => service.capacity.architecture === "arm64")
        .map(({ index }) => `platform:services[${index}].architecture: "arm64", but on runtime kubernetes the ${spec.cloud} node pool is x86_64 and an arm64 image would not start there; remove it or use runtime vm`);
}
