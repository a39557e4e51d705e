import { PlatformPolicy } from "../../../lib/types";
import { policy as flowLogs } from "./flow-logs";

export const virtualNetworkPolicies: PlatformPolicy[] = [flowLogs];
