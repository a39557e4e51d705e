import { PlatformPolicy } from "../../../lib/types";
import { policy as managedRules } from "./managed-rules";
import { policy as preventionMode } from "./prevention-mode";

export const wafPolicyPolicies: PlatformPolicy[] = [preventionMode, managedRules];
