import { PlatformPolicy } from "../../../lib/types";
import { policy as autoHealing } from "./auto-healing";

export const instanceGroupPolicies: PlatformPolicy[] = [autoHealing];
