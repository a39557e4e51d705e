import { PlatformPolicy } from "../../../lib/types";
import { policy as privateGroup } from "./private";
import { policy as secureEnvironment } from "./secure-environment";

export const containerGroupPolicies: PlatformPolicy[] = [privateGroup, secureEnvironment];
