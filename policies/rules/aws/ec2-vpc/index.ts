import { PlatformPolicy } from "../../../lib/types";
import { policy as defaultSecurityGroupClosed } from "./default-security-group-closed";
import { policy as flowLogs } from "./flow-logs";

export const vpcPolicies: PlatformPolicy[] = [flowLogs, defaultSecurityGroupClosed];
