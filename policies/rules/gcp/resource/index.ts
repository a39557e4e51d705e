import { PlatformPolicy } from "../../../lib/types";
import { policy as protectedResource } from "./protected";
import { policy as requiredLabels } from "./required-labels";

export const resourcePolicies: PlatformPolicy[] = [requiredLabels, protectedResource];
