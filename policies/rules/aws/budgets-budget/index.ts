import { PlatformPolicy } from "../../../lib/types";
import { policy as estimateWithinLimit } from "./estimate-within-limit";

export const budgetPolicies: PlatformPolicy[] = [estimateWithinLimit];
