import { read } from "../../../lib/values";

/** Backend services of an external load balancer; internal ones are not reachable from the internet. */
export function isExternal(props: Record<string, unknown>): boolean {
    const scheme = read(() => props.loadBalancingScheme);
    return scheme === undefined || scheme === "EXTERNAL" || scheme === "EXTERNAL_MANAGED";
}
