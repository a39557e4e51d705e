import { PlatformPolicy } from "../../../lib/types";
import { policy as leastPrivilege } from "./least-privilege";

export const roleAssignmentPolicies: PlatformPolicy[] = [leastPrivilege];
