import { PlatformPolicy } from "../../../lib/types";
import { policy as notifies } from "./notifies";

export const budgetPolicies: PlatformPolicy[] = [notifies];
