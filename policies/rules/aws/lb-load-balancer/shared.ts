import { read } from "../../../lib/values";

/** Application load balancers only: header and desync settings do not exist on NLB/GWLB. */
export function isApplication(props: Record<string, unknown>): boolean {
    const kind = read(() => props.loadBalancerType);
    return kind === undefined || kind === "application";
}
