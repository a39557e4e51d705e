import { PlatformPolicy } from "../../../lib/types";
import { policy as requiredTags } from "./required-tags";

export const resourcePolicies: PlatformPolicy[] = [requiredTags];
