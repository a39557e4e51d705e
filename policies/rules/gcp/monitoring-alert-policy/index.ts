import { PlatformPolicy } from "../../../lib/types";
import { policy as notifies } from "./notifies";

export const alertPolicyPolicies: PlatformPolicy[] = [notifies];
